import { readdirSync, readFileSync, statSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'vite';
import { customUiConfig } from '../static/shared/vite-app.config';

/**
 * Builds the Custom UI apps with Vite's API, one line each (app, size, time) instead of Vite's per-chunk
 * listing. The config is handed over as an object, not loaded from static/<app>/vite.config.ts, so Vite's
 * config loader (and its warning about loading ESM config from a CommonJS package) is not involved; the
 * vite.config.ts files stay for `vite` run by hand on one app. Warnings and errors still print.
 */
export const UI_APPS = ['issue-panel', 'project-page', 'admin-page', 'project-settings', 'collab-page'] as const;

const ROOT = resolve(fileURLToPath(new URL('.', import.meta.url)), '..');

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : [path];
  });
}

const kB = (bytes: number) => `${(bytes / 1024).toFixed(0)} kB`;

export async function buildUi(log: (line: string) => void = console.log): Promise<void> {
  for (const app of UI_APPS) {
    const started = performance.now();
    const config = customUiConfig(pathToFileURL(`${join(ROOT, 'static', app)}/`));
    await build({
      ...config,
      configFile: false,
      logLevel: 'warn',
      build: { ...config.build, reportCompressedSize: false },
    });
    const built = files(join(ROOT, 'static', app, 'build'));
    const size = built.reduce((n, f) => n + statSync(f).size, 0);
    const js = built.filter((f) => f.endsWith('.js')).reduce((n, f) => n + gzipSync(readFileSync(f)).length, 0);
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    log(`built ${app.padEnd(16)} ${kB(size).padStart(8)} (JS ${kB(js)} gzipped) in ${seconds} s`);
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  buildUi().catch((e: unknown) => {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  });
}
