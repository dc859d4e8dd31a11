import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BUNDLE_BUDGET_KB, buildDir, measureBundle, type AppName } from '../support/bundle';

/**
 * Budgets for what a user downloads when a surface opens: the JS that index.html loads (gzipped).
 * Lazily imported chunks (Atlaskit's theme CSS-in-JS, which Forge's own theming makes unnecessary) are
 * reported, not budgeted: they are never fetched inside Forge.
 */
describe.each(Object.entries(BUNDLE_BUDGET_KB) as Array<[AppName, number]>)('%s bundle', (app, budgetKb) => {
  const build = buildDir(app);
  const built = existsSync(join(build, 'index.html'));

  it.skipIf(!built)(`loads at most ${budgetKb} KB of gzipped JS`, () => {
    const m = measureBundle(app)!;
    expect(m.initialFiles.length).toBeGreaterThan(0);
    console.info(
      `${app}: ${(m.initialBytes / 1024).toFixed(1)} KB initial, ${(m.allBytes / 1024).toFixed(1)} KB all JS (gzip)`,
    );
    expect(m.initialBytes).toBeLessThanOrEqual(budgetKb * 1024);
  });

  it.skipIf(!built)('loads its assets by relative paths, as Forge serves them', () => {
    const html = readFileSync(join(build, 'index.html'), 'utf8');
    expect(html).not.toMatch(/(?:src|href)="\//);
    expect(existsSync(join(build, 'icon.svg'))).toBe(true);
  });
});
