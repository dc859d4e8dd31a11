import { fileURLToPath } from 'node:url';
import { defineConfig, type UserConfig } from 'vite';
import react from '@vitejs/plugin-react';

/**
 * The Vite config every Custom UI app shares; `appDirUrl` is the app folder's URL (`new URL('.', import.meta.url)`).
 * Forge serves a build from its own path inside an iframe, so assets load relative to index.html.
 */
export function customUiConfig(appDirUrl: URL): UserConfig {
  const at = (path: string) => fileURLToPath(new URL(path, appDirUrl));
  return defineConfig({
    root: at('.'),
    base: './',
    plugins: [react()],
    resolve: {
      alias: [
        { find: '@contract', replacement: at('../../src/contract/index.ts') },
        // See the stub for why: same answers as the uninitialised client, without Statsig in the bundle.
        { find: /^@atlaskit\/feature-gate-js-client\/feature-gates$/, replacement: at('../shared/feature-gates-stub.ts') },
      ],
    },
    build: {
      outDir: at('build'),
      emptyOutDir: true,
      sourcemap: false,
      // Size is held by the gzip budget in test/static/bundle-size.test.ts, not by Vite's raw-size warning.
      chunkSizeWarningLimit: 1000,
    },
  });
}
