/**
 * `forge lint` without the Forge CLI, a login or the network: the client-side linters of `@forge/lint`
 * (permission/scope check against the Jira OpenAPI spec, handler exports, the manifest validators, ...)
 * over the same files the CLI lints (`./src`, see @forge/cli `lint-service.js` DEFAULT_DIRECTORY).
 *
 *   npx tsx scripts/forge-lint.ts        (run in the repo root; exit code 1 on errors)
 *
 * The Jira spec is the repo's vendored copy, `vendor/jira-openapi/jira-platform-v3.json`, or `$JIRA_OPENAPI_SPEC`.
 * Not run: the server-side linter (uploads the app to Atlassian for a pre-deployment check; needs a login).
 * `@forge/lint` is an optionalDependency (it pulls keytar, which builds from source against libsecret):
 * `loadForgeLint` reports why it cannot be loaded instead of throwing.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';

export const FIX_INSTALL = 'apt-get install -y libsecret-1-dev && npm install';

/** One problem as the linters report it; `file` is relative to the repo root (or `manifest.yml`). */
export interface LintIssue {
  file: string;
  line: number;
  column: number;
  message: string;
  reference?: string;
  /** The scope the permission linter says is missing, when the issue is a missing scope. */
  missingPermission?: string;
}

export interface ForgeLintRun {
  /** Files under ./src handed to the linter, as the CLI lists them. */
  files: string[];
  /** Source files the linter actually parsed and linted. */
  linted: string[];
  /** .ts/.tsx files under ./src that @forge/lint dropped because tsconfig.json's include/exclude did not match them. */
  droppedByTsconfig: string[];
  errors: LintIssue[];
  warnings: LintIssue[];
  approvals: LintIssue[];
  /** A linter that throws is only logged by @forge/lint ("Could not perform some linting actions ..."). */
  linterFailures: string[];
  /** URLs something tried to fetch during the run (must stay empty: the run is offline). */
  networkAttempts: string[];
  ms: number;
}

export interface RunOptions {
  /** The app to lint; the run chdirs there (tsconfig.json and manifest.yml are read from the cwd). Default: cwd. */
  root?: string;
  /** The repo whose node_modules hold @forge/lint and whose vendor/ holds the Jira spec. Default: root. */
  repo?: string;
  /** Files to lint, relative to root. Default: what `forge lint` lints (./src and UI Kit resource dirs). */
  files?: string[];
  jiraSpec?: string;
  /** Run only the permission linter (skips ~8 s of manifest-schema compiling when only scopes matter). */
  onlyPermissionLinter?: boolean;
}

/* Minimal shapes of the parts of @forge/lint and @forge/cli-shared used here (the package is optional, so
   its types cannot be imported statically). */
interface RawIssue {
  line: number;
  column: number;
  message: string;
  reference?: string;
  metadata?: Record<string, unknown>;
}
interface RawResult {
  file: string;
  errors: RawIssue[];
  warnings: RawIssue[];
  approvals: RawIssue[];
}
type Logger = { info: (message: string) => void };
type ParseFn = (filepath: string, parser: unknown) => Promise<unknown>;
interface ForgeLintLib {
  lint(
    files: string[],
    manifest: unknown,
    environment: string,
    logger: Logger,
    statsig: unknown,
    config: { linter: { mode: 'client-side' }; parseFunction?: ParseFn; linters?: unknown[] },
  ): Promise<RawResult[]>;
  parseSourceFile: ParseFn;
  PermissionLinter: new (environment: string, manifest: unknown, logger: Logger) => unknown;
}
interface CliShared {
  FileSystemReader: new () => { recursiveReadDir(dir: string, ignores: string[]): Promise<string[]> };
  ConfigFile: new (
    reader: unknown,
  ) => { readConfig(): Promise<unknown>; getResources(types: string[]): Promise<{ path: string }[]> };
  listGitIgnoreFiles(reader: unknown): Promise<string[]>;
  StatsigReader: new () => object;
}

export type Loaded = { ok: true; lib: ForgeLintLib; cliShared: CliShared } | { ok: false; reason: string };

export function loadForgeLint(root = process.cwd()): Loaded {
  try {
    const req = createRequire(path.join(root, 'package.json'));
    const lib = req('@forge/lint') as ForgeLintLib;
    const cliShared = createRequire(req.resolve('@forge/lint'))('@forge/cli-shared') as CliShared;
    return { ok: true, lib, cliShared };
  } catch (e) {
    return { ok: false, reason: String((e as Error).message).split('\n')[0] ?? String(e) };
  }
}

/** Where the vendored spec lives, relative to the repo root (vendor/jira-openapi/README.md says where it came from). */
export const VENDORED_JIRA_SPEC = 'vendor/jira-openapi/jira-platform-v3.json';

export function jiraSpecPath(root = process.cwd()): string {
  return path.resolve(root, process.env.JIRA_OPENAPI_SPEC ?? VENDORED_JIRA_SPEC);
}

/** Text of the message @forge/lint logs when one of its linters throws (AbstractLinter.batchExecute). */
const LINTER_FAILED = 'Could not perform some linting actions';

export async function runForgeLint(opts: RunOptions = {}): Promise<ForgeLintRun> {
  const root = path.resolve(opts.root ?? process.cwd());
  const repo = path.resolve(opts.repo ?? root);
  const loaded = loadForgeLint(repo);
  if (!loaded.ok) throw new Error(`@forge/lint cannot be loaded (${loaded.reason}); fix: ${FIX_INSTALL}`);
  const { lib, cliShared } = loaded;
  const jiraSpec = path.resolve(opts.jiraSpec ?? jiraSpecPath(repo));
  if (!fs.existsSync(jiraSpec)) {
    throw new Error(`Jira OpenAPI spec not found at ${jiraSpec}; set JIRA_OPENAPI_SPEC to its path`);
  }

  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'forge-lint-'));
  const empty = path.join(tmp, 'empty-openapi.json');
  fs.writeFileSync(empty, '{"paths":{}}');
  // PermissionLinter.bootstrap reads the specs from these files only when USE_LOCAL_SWAGGER and all six
  // LOCAL_*_SWAGGER are set; otherwise it downloads them from developer.atlassian.com.
  const env: Record<string, string> = {
    USE_LOCAL_SWAGGER: 'true',
    LOCAL_JIRA_SWAGGER: jiraSpec,
    LOCAL_JSM_SWAGGER: empty,
    LOCAL_JSW_SWAGGER: empty,
    LOCAL_CONF_SWAGGER: empty,
    LOCAL_CONF_V2_SWAGGER: empty,
    LOCAL_BB_SWAGGER: empty,
    // PermissionLinter opens a `conf` cache (unused with local specs); keep its folder out of ~/.config.
    XDG_CONFIG_HOME: tmp,
  };
  const savedEnv = Object.fromEntries(Object.keys(env).map((k) => [k, process.env[k]]));
  Object.assign(process.env, env);
  const savedCwd = process.cwd();
  const savedFetch = globalThis.fetch;
  const networkAttempts: string[] = [];
  globalThis.fetch = (async (input: unknown) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : String((input as Request).url);
    networkAttempts.push(url);
    throw new Error(`offline forge lint: network access refused (${url})`);
  }) as typeof fetch;
  const log: string[] = [];
  const logger: Logger = { info: (m) => log.push(String(m)) };
  const started = performance.now();
  try {
    process.chdir(root);
    const reader = new cliShared.FileSystemReader();
    const configFile = new cliShared.ConfigFile(reader);
    const manifest = await configFile.readConfig();
    let files = opts.files;
    if (!files) {
      // Same listing as @forge/cli's LintService.run: ./src plus UI Kit (nativeUI) resource directories.
      const exclude = [...(await cliShared.listGitIgnoreFiles(reader)), '.git', 'node_modules'];
      const uiKitDirs = (await configFile.getResources(['nativeUI'])).map((r) => path.dirname(r.path));
      const lists = await Promise.all(['./src', ...uiKitDirs].map((d) => reader.recursiveReadDir(d, exclude)));
      files = [...new Set(lists.flat())];
    }
    // The CLI's StatsigService asks Atlassian's feature-flag service; offline it answers null for every gate
    // and config, which is what the base reader with these two methods does (deprecated runtimes: none).
    const Offline = class extends cliShared.StatsigReader {
      async checkGate(): Promise<null> {
        return null;
      }
      async getDynamicConfig(): Promise<null> {
        return null;
      }
    };
    const linted: string[] = [];
    const parseFunction: ParseFn = (filepath, parser) => {
      linted.push(filepath);
      return lib.parseSourceFile(filepath, parser);
    };
    const results = await lib.lint(files, manifest, 'development', logger, new Offline(), {
      linter: { mode: 'client-side' },
      parseFunction,
      ...(opts.onlyPermissionLinter ? { linters: [new lib.PermissionLinter('development', manifest, logger)] } : {}),
    });
    const pick = (kind: 'errors' | 'warnings' | 'approvals'): LintIssue[] =>
      results.flatMap((r) =>
        r[kind].map((i) => ({
          file: r.file,
          line: i.line,
          column: i.column,
          message: i.message,
          reference: i.reference,
          ...(typeof i.metadata?.missingPermission === 'string'
            ? { missingPermission: i.metadata.missingPermission }
            : {}),
        })),
      );
    const lintedSet = new Set(linted.map((f) => path.normalize(f)));
    return {
      files,
      linted,
      droppedByTsconfig: files.filter((f) => /\.tsx?$/.test(f) && !lintedSet.has(path.normalize(f))),
      errors: pick('errors'),
      warnings: pick('warnings'),
      approvals: pick('approvals'),
      linterFailures: log.filter((m) => m.includes(LINTER_FAILED)),
      networkAttempts,
      ms: Math.round(performance.now() - started),
    };
  } finally {
    process.chdir(savedCwd);
    globalThis.fetch = savedFetch;
    for (const [k, v] of Object.entries(savedEnv)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

export const formatIssue = (i: LintIssue): string =>
  // biome-ignore lint/suspicious/noControlCharactersInRegex: strips the ANSI colour codes (ESC [ … m) the linter prints.
  `${i.file}:${i.line}:${i.column}  ${i.message.replace(/\u001b\[[0-9;]*m/g, '')}${i.reference ? `  (${i.reference})` : ''}`;

async function main(): Promise<void> {
  const run = await runForgeLint();
  console.log(`forge lint (client-side, offline): ${run.linted.length} files linted in ${run.ms} ms`);
  for (const f of run.droppedByTsconfig) console.log(`not linted (tsconfig.json include/exclude): ${f}`);
  for (const f of run.linterFailures) console.log(f.trim());
  for (const i of run.errors) console.log(`error    ${formatIssue(i)}`);
  for (const i of run.warnings) console.log(`warning  ${formatIssue(i)}`);
  for (const i of run.approvals) console.log(`approval ${formatIssue(i)}`);
  console.log(`${run.errors.length} errors, ${run.warnings.length} warnings`);
  const bad = run.errors.length + run.approvals.length + run.linterFailures.length + run.droppedByTsconfig.length;
  process.exitCode = bad > 0 ? 1 : 0;
}

if (/forge-lint\.[cm]?[jt]s$/.test(process.argv[1] ?? '')) {
  main().catch((e: unknown) => {
    console.error(e instanceof Error ? e.message : e);
    process.exitCode = 1;
  });
}
