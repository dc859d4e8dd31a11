/** `npm run refresh:openapi -- <file>` (scripts/refresh-jira-openapi.ts), run against a copy of the vendor folder. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { checkSpec, NOTE_FILE, refresh, SPEC_FILE, updateNote } from '../../scripts/refresh-jira-openapi';

const root = fileURLToPath(new URL('../..', import.meta.url));
const note = fs.readFileSync(path.join(root, NOTE_FILE), 'utf8');
const spec = (over: Record<string, unknown> = {}) => ({
  openapi: '3.0.1',
  info: { title: 'The Jira Cloud platform REST API', version: '1001.0.0-SNAPSHOT-next' },
  paths: { '/rest/api/3/myself': { get: {} } },
  ...over,
});

let tmp: string | null = null;
afterEach(() => {
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  tmp = null;
});

describe('refresh-jira-openapi', () => {
  it('refuses what is not an OpenAPI 3 document with paths, saying why', () => {
    expect(() => checkSpec('{')).toThrow(/not JSON/);
    expect(() => checkSpec(JSON.stringify({ swagger: '2.0', paths: {} }))).toThrow(/openapi/);
    expect(() => checkSpec(JSON.stringify(spec({ openapi: '2.0' })))).toThrow(/not an OpenAPI 3 version/);
    expect(() => checkSpec(JSON.stringify(spec({ paths: {} })))).toThrow(/has no paths/);
    expect(() => checkSpec(JSON.stringify(spec({ info: { title: 'x' } })))).toThrow(/info\.version/);
  });

  it('writes the spec compact, in the source key order, and the note with its version, sha256 and date', () => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'refresh-openapi-'));
    fs.mkdirSync(path.join(tmp, path.dirname(SPEC_FILE)), { recursive: true });
    fs.writeFileSync(path.join(tmp, SPEC_FILE), '{}');
    fs.writeFileSync(path.join(tmp, NOTE_FILE), note);
    const source = path.join(tmp, 'download.json');
    fs.writeFileSync(source, `${JSON.stringify(spec(), null, 2)}\n`);

    const facts = refresh(source, tmp, '2027-01-15');

    const written = fs.readFileSync(path.join(tmp, SPEC_FILE), 'utf8');
    expect(written).toBe(JSON.stringify(spec()));
    expect(facts).toEqual({
      version: '1001.0.0-SNAPSHOT-next',
      sha256: createHash('sha256').update(written).digest('hex'),
      paths: 1,
      bytes: written.length,
    });
    const updated = fs.readFileSync(path.join(tmp, NOTE_FILE), 'utf8');
    expect(updated).toContain('- `info.version`: `1001.0.0-SNAPSHOT-next`');
    expect(updated).toContain(`- sha256: \`${facts.sha256}\``);
    expect(updated).toContain(`- Vendored on: 2027-01-15 (1 paths, ${facts.bytes} bytes)`);
    // Everything else in the note is left as it was.
    const rest = (t: string) => t.split('\n').filter((l) => !/^- (`info\.version`|sha256|Vendored on):/.test(l));
    expect(rest(updated)).toEqual(rest(note));
  });

  it('writes nothing when the file is refused or the note lacks a line to update', () => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'refresh-openapi-'));
    fs.mkdirSync(path.join(tmp, path.dirname(SPEC_FILE)), { recursive: true });
    fs.writeFileSync(path.join(tmp, SPEC_FILE), '{}');
    fs.writeFileSync(path.join(tmp, NOTE_FILE), 'no facts here\n');
    const source = path.join(tmp, 'download.json');
    fs.writeFileSync(source, JSON.stringify(spec()));
    expect(() => refresh(source, tmp!, '2027-01-15')).toThrow(/has no line matching/);
    fs.writeFileSync(source, JSON.stringify(spec({ paths: {} })));
    expect(() => refresh(source, tmp!, '2027-01-15')).toThrow(/has no paths/);
    expect(fs.readFileSync(path.join(tmp, SPEC_FILE), 'utf8')).toBe('{}');
    expect(() => updateNote('', checkSpec(JSON.stringify(spec())).facts, 'x')).toThrow();
  });
});
