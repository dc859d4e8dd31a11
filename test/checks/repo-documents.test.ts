/**
 * The repository explains and tests itself with nothing beside it (docs/decisions.md 19): no tracked file
 * reads or cites a path outside the repo (a parent folder's `shared`, the old design and domain notes, research notes),
 * every `docs/…` path the code, tests, scripts, benchmarks and READMEs cite exists, with the practice and the
 * section named, and the vendored Jira spec is the file its note describes.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { checkSpec, NOTE_FILE, SPEC_FILE } from '../../scripts/refresh-jira-openapi';

const root = fileURLToPath(new URL('../..', import.meta.url));
const SELF = 'test/checks/repo-documents.test.ts';

/** Files git tracks (a plain clone's view), else a walk that skips what git would ignore here. */
function repoFiles(): string[] {
  try {
    return execFileSync('git', ['ls-files', '-z'], { cwd: root, encoding: 'utf8' }).split('\0').filter(Boolean);
  } catch {
    const skip = new Set(['node_modules', '.git', 'build', '.sandbox-data', 'test-results', 'coverage']);
    const walk = (dir: string): string[] =>
      fs
        .readdirSync(path.join(root, dir), { withFileTypes: true })
        .flatMap((e) =>
          skip.has(e.name) ? [] : e.isDirectory() ? walk(path.join(dir, e.name)) : [path.join(dir, e.name)],
        );
    return walk('');
  }
}

const TEXT = /\.(ts|tsx|mts|cts|js|cjs|mjs|json|md|yml|yaml|css|html|txt)$|^\.[\w-]+$|(^|\/)[^./]+$/;
/** Big files that are data, not prose or code. */
const DATA = new Set(['package-lock.json', SPEC_FILE]);

interface Finding {
  file: string;
  line: number;
  text: string;
  why: string;
}

const inRepo = (abs: string) => abs === root.replace(/\/$/, '') || abs.startsWith(root);

/** References that leave the repository, or name documents that only ever lived outside it. */
function outsideReferences(file: string, text: string, exists: (rel: string) => boolean): Finding[] {
  const found: Finding[] = [];
  text.split('\n').forEach((lineText, i) => {
    const hit = (why: string) => found.push({ file, line: i + 1, text: lineText.trim(), why });
    for (const m of lineText.matchAll(/(?<![\w.-])((?:\.\.\/)+)shared\b/g)) {
      const target = path.resolve(root, path.dirname(file), `${m[1]}shared`);
      if (!inRepo(target)) hit(`${m[0]} leaves the repository`);
      else if (!exists(path.relative(root, target))) hit(`${m[0]} is no folder of the repository`);
    }
    if (/\/work\/shared\b/.test(lineText)) hit('an absolute path outside the repository');
    for (const m of lineText.matchAll(/\b(DESIGN|DOMAIN)\.md\b/g)) hit(`${m[0]} is not in the repository: cite docs/`);
    for (const m of lineText.matchAll(/(?<![\w./-])research\/[\w.-]+\.md\b/g))
      hit(`${m[0]} is not in the repository: cite docs/`);
  });
  return found;
}

/** `docs/…` citations whose file, practice number or quoted section does not exist. */
function brokenDocCitations(file: string, text: string, read: (rel: string) => string | null): Finding[] {
  const found: Finding[] = [];
  text.split('\n').forEach((lineText, i) => {
    const hit = (why: string) => found.push({ file, line: i + 1, text: lineText.trim(), why });
    for (const m of lineText.matchAll(/(?<![\w./-])docs\/[\w./-]*/g)) {
      const cited = m[0].replace(/[.,:;)]+$/, '');
      const doc = cited === 'docs/' || cited === 'docs' ? '' : read(cited);
      if (doc === null) {
        hit(`${cited} does not exist`);
        continue;
      }
      const after = lineText.slice((m.index ?? 0) + m[0].length);
      const practice = /^,? practice (\d+)/.exec(after);
      if (practice && !new RegExp(`^${practice[1]}\\. \\*\\*`, 'm').test(doc))
        hit(`${cited} has no practice ${practice[1]}`);
      const section = /^,? "([^"]+)"/.exec(after);
      if (section && !doc.split('\n').some((l) => /^#+ /.test(l) && l.replace(/^#+ /, '').startsWith(section[1]!))) {
        hit(`${cited} has no section "${section[1]}"`);
      }
    }
  });
  return found;
}

const list = (fs_: Finding[]) => fs_.map((f) => `  ${f.file}:${f.line}  ${f.why}\n      ${f.text}`).join('\n');

describe('the repository is self-contained', () => {
  const files = repoFiles().filter((f) => TEXT.test(f) && !DATA.has(f));
  const exists = (rel: string) => fs.existsSync(path.join(root, rel));
  const read = (rel: string) =>
    fs.existsSync(path.join(root, rel)) && fs.statSync(path.join(root, rel)).isFile()
      ? fs.readFileSync(path.join(root, rel), 'utf8')
      : null;

  it('lists the tracked files', () => {
    expect(files).toContain('README.md');
    expect(files).toContain('docs/architecture.md');
  });

  it('no file reads or cites anything outside the repository', () => {
    const found = files.flatMap((f) => outsideReferences(f, fs.readFileSync(path.join(root, f), 'utf8'), exists));
    expect(found, `references outside the repository:\n${list(found)}`).toEqual([]);
  });

  it('every docs/ path cited exists, with the practice or section it names', () => {
    // This file's own examples of broken citations are left out; the outside-reference scan does read it.
    const citing = files.filter(
      (f) =>
        /^(src|static|sandbox|test|scripts|bench|docs|vendor)\/|^README\.md$|^\.dependency-cruiser\.cjs$/.test(f) &&
        f !== SELF,
    );
    const found = citing.flatMap((f) => brokenDocCitations(f, fs.readFileSync(path.join(root, f), 'utf8'), read));
    expect(found, `broken citations:\n${list(found)}`).toEqual([]);
  });

  it('every repository path the documents name exists (a moved file means a document to update)', () => {
    const docs = files.filter((f) => /^docs\/.+\.md$|^vendor\/.+\.md$/.test(f));
    const missing = docs.flatMap((f) =>
      [
        ...fs
          .readFileSync(path.join(root, f), 'utf8')
          .matchAll(/`((?:src|static|sandbox|test|scripts|bench|vendor|docs|locales)\/[^`<*\s]*)`/g),
      ]
        .map((m) => m[1]!)
        .filter((p) => !exists(p))
        .map((p) => `  ${f}: ${p}`),
    );
    expect(missing, `paths in docs/ that are not in the repository:\n${missing.join('\n')}`).toEqual([]);
  });

  it('the checks catch what they are for', () => {
    const none = () => false;
    // Spelt in pieces so that `git grep` for the old paths finds nothing in the repo, this file included.
    const up = ['..', 'shared'].join('/');
    const domainNote = ['DOMAIN', 'md'].join('.');
    expect(outsideReferences('README.md', `See \`${up}/${domainNote}\`.`, none).map((f) => f.why)).toEqual([
      `${up} leaves the repository`,
      `${domainNote} is not in the repository: cite docs/`,
    ]);
    expect(outsideReferences('scripts/x.ts', `path.resolve(root, '${up}/jira-openapi/x.json')`, none)).toHaveLength(1);
    expect(outsideReferences('x.ts', `// see ${['research', 'forge-platform.md'].join('/')}`, none)).toHaveLength(1);
    // The UI apps' own static/shared folder is in the repository.
    expect(
      outsideReferences('static/issue-panel/src/App.tsx', `import { useT } from '../${up}/i18n';`, exists),
    ).toEqual([]);
    const docs = (rel: string) => (rel === 'docs/domain.md' ? '# D\n## The figures\n1. **RACI**\n2. **Deps**' : null);
    expect(brokenDocCitations('a.ts', '(docs/domain.md practice 2)', docs)).toEqual([]);
    expect(brokenDocCitations('a.ts', '(docs/domain.md practice 9)', docs).map((f) => f.why)).toEqual([
      'docs/domain.md has no practice 9',
    ]);
    expect(brokenDocCitations('a.ts', '(docs/domain.md, "The figures")', docs)).toEqual([]);
    expect(brokenDocCitations('a.ts', '(docs/domain.md, "Figures")', docs)).toHaveLength(1);
    expect(brokenDocCitations('a.ts', 'see docs/gone.md.', docs).map((f) => f.why)).toEqual([
      'docs/gone.md does not exist',
    ]);
  });
});

describe('the vendored Jira OpenAPI spec', () => {
  const text = fs.readFileSync(path.join(root, SPEC_FILE), 'utf8');
  const note = fs.readFileSync(path.join(root, NOTE_FILE), 'utf8');

  it('is an OpenAPI 3 document, stored compact as the refresh script writes it', () => {
    const { compact } = checkSpec(text);
    expect(compact === text, `${SPEC_FILE} is not as npm run refresh:openapi writes it`).toBe(true);
  });

  it('is the file its note describes: version and sha256', () => {
    const version = (JSON.parse(text) as { info: { version: string } }).info.version;
    expect(note).toContain(`- \`info.version\`: \`${version}\``);
    expect(note).toContain(`- sha256: \`${createHash('sha256').update(text).digest('hex')}\``);
  });
});
