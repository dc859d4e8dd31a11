/**
 * Replaces the vendored Jira Cloud platform REST spec with a newer copy of Atlassian's published file.
 *
 *   npm run refresh:openapi -- <path to a downloaded jira-platform-v3.json>
 *
 * The file is checked (it parses, says `openapi: 3.x`, has `info.version` and a non-empty `paths`), written
 * compact as the vendored copy has always been (one line, the source's key order), and the version, sha256
 * and date in vendor/jira-openapi/README.md are updated to match. Nothing is fetched: you choose the file.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

export const SPEC_FILE = 'vendor/jira-openapi/jira-platform-v3.json';
export const NOTE_FILE = 'vendor/jira-openapi/README.md';

/** The part of an OpenAPI document the app's tests and `@forge/lint` rely on; the rest passes through. */
const OpenApi3 = z.looseObject({
  openapi: z.string().regex(/^3\.\d+\.\d+$/, 'is not an OpenAPI 3 version'),
  info: z.looseObject({ title: z.string(), version: z.string().min(1) }),
  paths: z.record(z.string(), z.unknown()).refine((p) => Object.keys(p).length > 0, 'has no paths'),
});

export interface Refreshed {
  version: string;
  sha256: string;
  paths: number;
  bytes: number;
}

/** Parses and checks `text`; throws with what is wrong. Returns the compact text to vendor and its facts. */
export function checkSpec(text: string): { compact: string; facts: Refreshed } {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new Error(`not JSON: ${(e as Error).message}`);
  }
  const parsed = OpenApi3.safeParse(json);
  if (!parsed.success) {
    throw new Error(
      `not an OpenAPI 3 document with paths: ${parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'} ${i.message}`).join('; ')}`,
    );
  }
  const compact = JSON.stringify(json);
  return {
    compact,
    facts: {
      version: parsed.data.info.version,
      sha256: createHash('sha256').update(compact).digest('hex'),
      paths: Object.keys(parsed.data.paths).length,
      bytes: Buffer.byteLength(compact),
    },
  };
}

/** The note with its version, sha256 and refresh-date lines rewritten; throws if a line is missing. */
export function updateNote(note: string, facts: Refreshed, today: string): string {
  const lines: [RegExp, string][] = [
    [/^- `info\.version`: .*$/m, `- \`info.version\`: \`${facts.version}\``],
    [/^- sha256: .*$/m, `- sha256: \`${facts.sha256}\``],
    [/^- Vendored on: .*$/m, `- Vendored on: ${today} (${facts.paths} paths, ${facts.bytes} bytes)`],
  ];
  return lines.reduce((text, [re, line]) => {
    if (!re.test(text)) throw new Error(`${NOTE_FILE} has no line matching ${re}`);
    return text.replace(re, line);
  }, note);
}

export function refresh(source: string, root: string, today: string): Refreshed {
  const { compact, facts } = checkSpec(fs.readFileSync(source, 'utf8'));
  const notePath = path.join(root, NOTE_FILE);
  const note = updateNote(fs.readFileSync(notePath, 'utf8'), facts, today);
  fs.writeFileSync(path.join(root, SPEC_FILE), compact);
  fs.writeFileSync(notePath, note);
  return facts;
}

if (/refresh-jira-openapi\.[cm]?[jt]s$/.test(process.argv[1] ?? '')) {
  const source = process.argv[2];
  if (!source) {
    console.error('usage: npm run refresh:openapi -- <path to jira-platform-v3.json>');
    process.exitCode = 2;
  } else {
    try {
      const root = path.resolve(__dirname, '..');
      const facts = refresh(path.resolve(source), root, new Date().toISOString().slice(0, 10));
      console.log(`${SPEC_FILE}: ${facts.version}, ${facts.paths} paths, sha256 ${facts.sha256}`);
      console.log(`Updated ${NOTE_FILE}; also record where this copy came from there, then run the tests.`);
    } catch (e) {
      console.error(`${source}: ${e instanceof Error ? e.message : String(e)}`);
      process.exitCode = 1;
    }
  }
}
