import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

export default defineConfig({
  root: here('.'),
  // Forge serves the build from its own path inside an iframe: assets must load relative to index.html.
  base: './',
  plugins: [react()],
  resolve: {
    alias: [
      { find: '@contract', replacement: here('../../src/contract/index.ts') },
      // See the stub for why: same answers as the uninitialised client, without Statsig in the bundle.
      {
        find: /^@atlaskit\/feature-gate-js-client\/feature-gates$/,
        replacement: here('../shared/feature-gates-stub.ts'),
      },
    ],
  },
  build: {
    outDir: here('build'),
    emptyOutDir: true,
    sourcemap: false,
    // Size is held by the gzip budget in test/static/bundle-size.test.ts, not by Vite's raw-size warning.
    chunkSizeWarningLimit: 1000,
  },
});
