import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';

const root = join(__dirname, '../../static');
const require = createRequire(import.meta.url);
const TOKEN_NAMES = new Set(
  Object.values(
    (require('@atlaskit/tokens/dist/cjs/artifacts/token-names.js') as { default: Record<string, string> }).default,
  ),
);

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (name === 'build' || name === 'node_modules' || name === 'public') return [];
    if (statSync(path).isDirectory()) return sources(path);
    return /\.(ts|tsx|css|html)$/.test(name) ? [path] : [];
  });
}

describe('UI styles', () => {
  const files = sources(root);

  it('finds the UI sources', () => {
    expect(files.some((f) => f.endsWith('styles.css'))).toBe(true);
  });

  it('uses only design tokens that exist', () => {
    for (const file of files) {
      for (const [, name] of readFileSync(file, 'utf8').matchAll(/var\((--ds-[a-z0-9-]+)/g)) {
        expect(TOKEN_NAMES.has(name!), `${relative(root, file)}: ${name}`).toBe(true);
      }
    }
  });

  it('ships no colours of its own', () => {
    const colour = /#[0-9a-f]{3,8}\b|\b(?:rgba?|hsla?)\(|\b(?:white|black)\b(?=\s*[;,)])/i;
    for (const file of files) {
      const text = readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '');
      const lines = text.split('\n').filter((line) => colour.test(line) && !/#root|#\$\{|href=/.test(line));
      expect(lines, relative(root, file)).toEqual([]);
    }
  });
});
