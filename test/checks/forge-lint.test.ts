/**
 * `forge lint` offline: `@forge/lint`'s client-side linters over ./src (what the CLI lints), with the Jira
 * OpenAPI spec read from a local file (the vendored `vendor/jira-openapi/jira-platform-v3.json` or $JIRA_OPENAPI_SPEC)
 * and the other five product specs empty. The runner is scripts/forge-lint.ts (`npx tsx scripts/forge-lint.ts`).
 * Not run: the server-side linter (uploads the app to Atlassian; needs a login). No client-side linter needs
 * the network once the specs are local; the run refuses any fetch and fails if one is attempted.
 *
 * `@forge/lint` is an optionalDependency: if it did not install (keytar needs libsecret), these tests are
 * reported as skipped under a title that says so and how to fix it.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  FIX_INSTALL,
  formatIssue,
  loadForgeLint,
  runForgeLint,
  type ForgeLintRun,
  type LintIssue,
} from '../../scripts/forge-lint';

const root = fileURLToPath(new URL('../..', import.meta.url));
const loaded = loadForgeLint(root);
const skipped = loaded.ok
  ? ''
  : `SKIPPED: @forge/lint cannot be required (${loaded.reason}); it is an optional dependency whose keytar build needs libsecret. Fix: ${FIX_INSTALL}`;
if (!loaded.ok) console.warn(`forge-lint.test.ts ${skipped}`);

const list = (issues: LintIssue[]): string => issues.map((i) => `  ${formatIssue(i)}`).join('\n');

describe.skipIf(!loaded.ok)(
  loaded.ok ? 'forge lint (client-side, offline) over src/ and manifest.yml' : `forge lint ${skipped}`,
  () => {
    let run: ForgeLintRun;

    beforeAll(async () => {
      run = await runForgeLint({ root });
      console.log(
        `forge lint: ${run.linted.length} of ${run.files.length} files under src/ linted in ${run.ms} ms; ` +
          `${run.errors.length} error(s), ${run.warnings.length} warning(s)` +
          (run.warnings.length ? `\nwarnings:\n${list(run.warnings)}` : ''),
      );
    }, 120_000);

    it('ran offline: no linter failed and nothing was fetched', () => {
      expect(run.networkAttempts, 'a linter tried to reach the network').toEqual([]);
      expect(run.linterFailures, 'a linter threw (and @forge/lint only logged it)').toEqual([]);
    });

    it('linted every .ts file under src/ (tsconfig.json include must list file paths)', () => {
      // @forge/lint lints a .ts file only if tsconfig.json's include, expanded with glob, contains that file's
      // path; an include entry naming a directory ("src") expands to the directory alone, so `forge lint` and
      // `forge deploy` would silently check nothing in src/.
      expect(
        run.droppedByTsconfig,
        `${run.droppedByTsconfig.length} file(s) under src/ were not linted because tsconfig.json's include does ` +
          `not match them. Fix tsconfig.json: write "src/**/*" instead of "src" in "include" (same meaning for tsc).`,
      ).toEqual([]);
      expect(run.linted.length).toBeGreaterThan(0);
    });

    it('reports no errors', () => {
      if (run.errors.length) console.error(`forge lint errors:\n${list(run.errors)}`);
      expect(run.errors, `forge lint errors:\n${list(run.errors)}`).toEqual([]);
      expect(run.approvals, `forge lint approvals:\n${list(run.approvals)}`).toEqual([]);
    });
  },
);

describe.skipIf(!loaded.ok)(
  loaded.ok ? 'the permission linter checks scopes against the Jira spec' : `permission linter ${skipped}`,
  () => {
    let dir = '';
    afterAll(() => {
      if (dir) fs.rmSync(dir, { recursive: true, force: true });
    });

    it('flags a Jira call whose scope manifest.yml lacks, and only that one', async () => {
      // A scratch app: the real manifest.yml (its scopes), a tsconfig whose include matches the file, and a
      // source file with two calls. GET .../worklog needs read:jira-work (declared); POST /rest/api/3/field
      // needs manage:jira-configuration (x-atlassian-oauth2-scopes in the spec; not declared).
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'forge-lint-probe-'));
      fs.copyFileSync(path.join(root, 'manifest.yml'), path.join(dir, 'manifest.yml'));
      fs.writeFileSync(path.join(dir, 'tsconfig.json'), JSON.stringify({ include: ['src/**/*'] }));
      fs.mkdirSync(path.join(dir, 'src'));
      const probe = [
        "import api, { route } from '@forge/api';",
        '',
        'export async function probe(key: string): Promise<void> {',
        // biome-ignore lint/suspicious/noTemplateCurlyInString: the probe's source text, written to a file for forge lint.
        '  await api.asApp().requestJira(route`/rest/api/3/issue/${key}/worklog`);',
        "  await api.asApp().requestJira(route`/rest/api/3/field`, { method: 'POST', body: '{}' });",
        '}',
        '',
      ].join('\n');
      fs.writeFileSync(path.join(dir, 'src', 'probe.ts'), probe);
      const postLine = probe.split('\n').findIndex((l) => l.includes('/rest/api/3/field')) + 1;

      const result = await runForgeLint({ root: dir, repo: root, files: ['src/probe.ts'], onlyPermissionLinter: true });

      expect(result.linted).toEqual(['src/probe.ts']);
      expect(result.networkAttempts).toEqual([]);
      expect(result.linterFailures).toEqual([]);
      expect(
        result.errors.map((e) => ({ file: e.file, line: e.line, scope: e.missingPermission })),
        list(result.errors),
      ).toEqual([{ file: 'src/probe.ts', line: postLine, scope: 'manage:jira-configuration' }]);
      expect(result.errors[0]!.message).toContain('/rest/api/3/field');
    }, 120_000);
  },
);
