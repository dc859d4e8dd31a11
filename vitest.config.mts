import { defineConfig } from 'vitest/config';
import { fileURLToPath } from 'node:url';

export default defineConfig({
  resolve: {
    alias: { '@contract': fileURLToPath(new URL('./src/contract/index.ts', import.meta.url)) },
  },
  test: {
    include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
    environment: 'node',
    pool: 'forks',
    testTimeout: 20_000,
    // Handlers log like Forge functions do; show those logs only for tests that fail.
    silent: 'passed-only',
    hookTimeout: 120_000,
    // The e2e suite starts Chromium and the sandbox server; run it alone so two cores are not oversubscribed.
    fileParallelism: true,
  },
});
