import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

/**
 * What a user downloads when a surface opens: the JS its index.html loads, gzipped, with a budget per app.
 * Lazily imported chunks are reported, not budgeted. Shared by test/static/bundle-size.test.ts (which holds
 * the budgets) and bench/project-page.bench.ts (which prints the figures).
 */
// The issue panel was 199 KB before section messages stopped carrying Tooltip and each surface its own strings
// only (161 KB); its budget holds that gain with ~5 KB of room.
export const BUNDLE_BUDGET_KB = {
  'issue-panel': 166,
  'project-page': 400,
  'admin-page': 250,
  'project-settings': 250,
} as const;
export type AppName = keyof typeof BUNDLE_BUDGET_KB;

export const buildDir = (app: AppName) => join(__dirname, '../../static', app, 'build');

const gz = (path: string) => gzipSync(readFileSync(path), { level: 6 }).length;

/** Null when the app is not built. `initialFiles`: the scripts index.html loads, by relative path. */
export function measureBundle(app: AppName): { initialFiles: string[]; initialBytes: number; allBytes: number } | null {
  const build = buildDir(app);
  if (!existsSync(join(build, 'index.html'))) return null;
  const html = readFileSync(join(build, 'index.html'), 'utf8');
  const initialFiles = [...html.matchAll(/(?:src|href)="\.\/(assets\/[^"]+\.js)"/g)].map((m) => m[1]!);
  const initialBytes = initialFiles.reduce((sum, file) => sum + gz(join(build, file)), 0);
  const allBytes = readdirSync(join(build, 'assets'))
    .filter((f) => f.endsWith('.js'))
    .reduce((sum, f) => sum + gz(join(build, 'assets', f)), 0);
  return { initialFiles, initialBytes, allBytes };
}
