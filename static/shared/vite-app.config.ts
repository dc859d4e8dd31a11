import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin, type UserConfig } from 'vite';
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
    plugins: [react(), lazySectionMessageDismiss(at('../shared/lazy-icon-button.tsx'))],
    resolve: {
      alias: [
        { find: '@contract', replacement: at('../../src/contract/index.ts') },
        // See the stub for why: same answers as the uninitialised client, without Statsig in the bundle.
        {
          find: /^@atlaskit\/feature-gate-js-client\/feature-gates$/,
          replacement: at('../shared/feature-gates-stub.ts'),
        },
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

/**
 * Gives `@atlaskit/section-message` (and only it) a lazily loaded IconButton: see static/shared/lazy-icon-button.tsx.
 * Scoped by importer so that code that renders an IconButton on first paint still gets the real one at once.
 */
function lazySectionMessageDismiss(replacement: string): Plugin {
  return {
    name: 'lazy-section-message-dismiss',
    enforce: 'pre',
    resolveId(source, importer) {
      if (
        source === '@atlaskit/button/icon/button' &&
        importer &&
        /[\\/]@atlaskit[\\/]section-message[\\/]/.test(importer)
      )
        return replacement;
      return null;
    },
  };
}
