import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadEntityDefinitions, resolveIndexes } from '../../sandbox/kvs/manifest-entities';

const directory = mkdtempSync(join(tmpdir(), 'kvs-manifest-'));

function manifestWith(yaml: string): string {
  const file = join(directory, `manifest-${Math.random().toString(36).slice(2)}.yml`);
  writeFileSync(file, yaml);
  return file;
}

afterAll(() => rmSync(directory, { recursive: true, force: true }));

describe('loadEntityDefinitions', () => {
  it("reads the repo manifest's entities", () => {
    const entities = loadEntityDefinitions(join(__dirname, '../../manifest.yml'));
    expect(entities.length).toBeGreaterThan(0);
    for (const entity of entities) {
      expect(entity.name).toMatch(/^[a-z0-9:\-_.]{3,60}$/);
      expect(Object.keys(entity.attributes).length).toBeGreaterThan(0);
      expect(() => resolveIndexes(entity)).not.toThrow();
    }
  });

  it('expands the string shorthand to a range-only index named after the attribute, and defaults indexes', () => {
    const file = manifestWith(`
app:
  id: ari:cloud:ecosystem::app/x
  storage:
    entities:
      - name: note
        attributes:
          owner: { type: string }
          at: { type: float }
        indexes:
          - at
          - name: by-owner
            partition: [owner]
            range: [at]
      - name: plain
        attributes:
          flag: { type: boolean }
`);
    const [note, plain] = loadEntityDefinitions(file);
    expect(note).toEqual({
      name: 'note',
      attributes: { owner: { type: 'string' }, at: { type: 'float' } },
      indexes: ['at', { name: 'by-owner', partition: ['owner'], range: ['at'] }],
    });
    expect(note && resolveIndexes(note)).toEqual([
      { name: 'at', partition: [], range: ['at'] },
      { name: 'by-owner', partition: ['owner'], range: ['at'] },
    ]);
    expect(plain?.indexes).toEqual([]);
  });

  it('returns no entities for a manifest without app.storage', () => {
    expect(loadEntityDefinitions(manifestWith('app:\n  id: x\nmodules: {}\n'))).toEqual([]);
  });

  it.each([
    [
      'an unknown attribute type',
      'a: { type: date }',
      '- a',
      /expected one of "string"\|"integer"\|"float"\|"boolean"\|"any"/,
    ],
    ['an index on an undeclared attribute', 'a: { type: string }', '- b', /'b', which is not declared/],
    [
      'the reserved by-key index name',
      'a: { type: string }',
      '- name: by-key\n            range: [a]',
      /reserved index name 'by-key'/,
    ],
    [
      'an attribute name that starts with a digit',
      '1a: { type: string }',
      '- name: i\n            range: [1a]',
      /must match/,
    ],
    [
      'two range attributes',
      'a: { type: string }\n          b: { type: string }',
      '- name: ab\n            range: [a, b]',
      /exactly one range attribute/,
    ],
    [
      'an attribute name over 30 characters',
      `${'a'.repeat(31)}: { type: string }`,
      `- ${'a'.repeat(31)}`,
      /exceeds maximum allowed length of 30/,
    ],
  ])('rejects %s', (_label, attributes, index, message) => {
    const file = manifestWith(`
app:
  storage:
    entities:
      - name: thing
        attributes:
          ${attributes}
        indexes:
          ${index}
`);
    expect(() => loadEntityDefinitions(file)).toThrow(message);
  });

  it('rejects more than 7 indexes', () => {
    const indexes = Array.from({ length: 8 }, (_, i) => `          - name: i${i}\n            range: [a]`).join('\n');
    const file = manifestWith(`
app:
  storage:
    entities:
      - name: thing
        attributes:
          a: { type: string }
        indexes:
${indexes}
`);
    expect(() => loadEntityDefinitions(file)).toThrow(/expected array to have <=7 items/);
  });
});
