/**
 * manifest.yml against Atlassian's own validator (`@forge/manifest`, offline).
 *
 * `validate(false, file)` runs the FULL processor: file, YAML, the full JSON schema, internal fields, modules
 * (unique keys across all module types, function-key length, handler files under src/, per-module rules),
 * resources (directories exist, not empty, index.html for Custom UI), permissions, storage entities, display
 * conditions, translations, runtime, ... The PRODUCT_TRIGGER processor adds what FULL does not check: that the
 * scopes cover every product event a `trigger` listens to. (`forge lint` runs both; see forge-lint.test.ts.)
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ProcessorBuilder, validate, ValidationTypes } from '@forge/manifest';
import YAML from 'yaml';

const root = fileURLToPath(new URL('../..', import.meta.url));
const manifestFile = path.join(root, 'manifest.yml');

interface Problem {
  message: string;
  level?: string;
  line?: number;
  column?: number;
  reference?: string;
}
interface Result {
  success: boolean;
  errors?: Problem[];
}

const format = (problems: Problem[], file = 'manifest.yml'): string =>
  problems
    .map(
      (p) =>
        `  ${file}:${p.line ?? '?'}:${p.column ?? '?'} [${p.level ?? 'error'}] ${p.message} (${p.reference ?? ''})`,
    )
    .join('\n');

interface ManifestShape {
  resources?: { key: string; path: string }[];
  modules?: Record<string, { key: string; [k: string]: unknown }[]>;
}
const readManifest = (file: string): ManifestShape => YAML.parse(fs.readFileSync(file, 'utf8')) as ManifestShape;

/** Custom UI resources are directories (no file extension) that must hold a built index.html. */
const customUiResources = (m: ManifestShape) => (m.resources ?? []).filter((r) => path.extname(r.path) === '');

async function check(kind: 'full' | 'product-trigger', file: string): Promise<Result> {
  if (kind === 'full') return (await validate(false, file)) as Result;
  return (await ProcessorBuilder.instance()
    .withValidation(ValidationTypes.PRODUCT_TRIGGER)
    .build()
    .process(file)) as Result;
}

function expectValid(result: Result, what: string): void {
  const problems = result.errors ?? [];
  const errors = problems.filter((p) => p.level !== 'warning');
  const warnings = problems.filter((p) => p.level === 'warning');
  if (warnings.length) console.log(`${what}: ${warnings.length} warning(s)\n${format(warnings)}`);
  if (!result.success || errors.length) console.error(`${what} failed:\n${format(errors)}`);
  expect(errors, `${what} errors:\n${format(errors)}`).toEqual([]);
  expect(result.success, `${what} did not succeed:\n${format(problems)}`).toBe(true);
}

describe('manifest.yml passes @forge/manifest validation', () => {
  const savedCwd = process.cwd();
  // TranslationsValidator resolves locales/*.json against the cwd, not the manifest's folder.
  beforeAll(() => process.chdir(root));
  afterAll(() => process.chdir(savedCwd));

  it('the Custom UI builds the resources point at exist (npm test builds them before vitest)', () => {
    const missing = customUiResources(readManifest(manifestFile))
      .filter((r) => !fs.existsSync(path.join(root, r.path, 'index.html')))
      .map((r) => `${r.path}/index.html (resource '${r.key}')`);
    expect(
      missing,
      `UI build missing: ${missing.join(', ')}. Run \`npm run build:ui\` first (\`npm test\` does).`,
    ).toEqual([]);
  });

  it('full validation: schema, module keys, handler files, resources, entities, translations', async () => {
    expectValid(await check('full', manifestFile), 'validate(false, manifest.yml)');
  });

  it('product-trigger validation: the scopes cover every product event a trigger listens to', async () => {
    expectValid(await check('product-trigger', manifestFile), 'PRODUCT_TRIGGER validation');
  });
});

describe('the validator catches a broken manifest here (so the checks above are not vacuous)', () => {
  let dir = '';
  let base: ManifestShape & Record<string, unknown>;

  beforeAll(() => {
    // A copy of the app next to what validation reads: src/ and locales/ linked, stand-in UI builds, so the
    // unbroken copy validates and each case below fails for its one reason (builds need not exist here).
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'manifest-check-'));
    fs.symlinkSync(path.join(root, 'src'), path.join(dir, 'src'), 'dir');
    fs.symlinkSync(path.join(root, 'locales'), path.join(dir, 'locales'), 'dir');
    base = readManifest(manifestFile) as ManifestShape & Record<string, unknown>;
    for (const r of customUiResources(base)) {
      fs.mkdirSync(path.join(dir, r.path), { recursive: true });
      fs.writeFileSync(path.join(dir, r.path, 'index.html'), '<!doctype html><html><body></body></html>');
    }
  });
  afterAll(() => {
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  const validateCopy = async (mutate: (m: ManifestShape & Record<string, unknown>) => void, name: string) => {
    const copy = structuredClone(base);
    mutate(copy);
    const file = path.join(dir, `${name}.yml`);
    fs.writeFileSync(file, YAML.stringify(copy));
    return check('full', file);
  };

  it('the unbroken copy in the temp folder validates', async () => {
    expectValid(await validateCopy(() => {}, 'unbroken'), 'validate(copy)');
  });

  const firstFunction = (m: ManifestShape) => m.modules!.function![0]!;

  it.each([
    {
      name: 'duplicate-key',
      what: 'a webtrigger keyed like an existing function (keys are unique across module types)',
      mutate: (m: ManifestShape) => {
        m.modules!.webtrigger!.push({ key: firstFunction(m).key, function: firstFunction(m).key });
      },
      expected: (m: ManifestShape) => `found duplicate module key '${firstFunction(m).key}'`,
    },
    {
      name: 'missing-handler-file',
      what: 'a function whose handler file does not exist under src/',
      mutate: (m: ManifestShape) => {
        firstFunction(m).handler = 'no-such-file.handler';
      },
      expected: () => "handler property 'no-such-file.handler' cannot find associated file",
    },
    {
      name: 'missing-resource',
      what: 'a resource whose build folder does not exist',
      mutate: (m: ManifestShape) => {
        m.resources![0]!.path = 'static/no-such-ui/build';
      },
      expected: (m: ManifestShape) =>
        `missing resource 'static/no-such-ui/build' is being referenced by '${m.resources![0]!.key}'`,
    },
  ])('fails on $what', async ({ name, mutate, expected }) => {
    const result = await validateCopy(mutate, name);
    const errors = (result.errors ?? []).filter((p) => p.level !== 'warning');
    expect(result.success).toBe(false);
    expect(errors.length, `expected exactly one error, got:\n${format(errors, `${name}.yml`)}`).toBe(1);
    expect(errors[0]!.message).toContain(expected(base));
  });
});
