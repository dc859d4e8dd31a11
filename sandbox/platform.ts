import { mkdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { KvsEngine } from './kvs/engine';
import { loadEntityDefinitions } from './kvs/manifest-entities';
import { JiraSandbox, loadAppFields, loadAppWorkflowModules } from './jira';
import { seedJira, SEED_USERS } from './seed/jira-seed';
import { RealDate, SandboxClock, installClock } from './runtime/clock';
import { ForgeHost } from './runtime/forge-host';
import { loadManifest, type Manifest } from './runtime/manifest';
import { appRequestStore, invocationStore } from './runtime/invocation-context';
import { seedApp, seedDepartments, seedEscalations } from './seed/app-seed';
import { replaySeedAsEvents } from './seed/replay-events';
import { seedDependencyStates } from './seed/dependency-seed';
import { seedWorkflowRules } from './seed/workflow-seed';
import { seedProjectPage } from './seed/project-page-seed';
import { seedThirdProject } from './seed/third-project-seed';

/**
 * The shape of what the app keeps. Raised when a change means records written before it would read wrongly
 * (2: each dependency is also stored per issue; 3: dependency counters per milestone; 4: risks and action items
 * carry the rank their paged lists are sorted by, and the summary counts closed risks); an older data folder is
 * refused with how to start over.
 */
export const SANDBOX_DATA_FORMAT = 4;
export class SandboxDataError extends Error {}

export const REPO_ROOT = resolve(__dirname, '..');
export const MANIFEST_PATH = join(REPO_ROOT, 'manifest.yml');
export const CLOUD_ID = 'a3f1c2d4-sandbox-cloud';
export const ENVIRONMENT_ID = 'sandbox-env';

export interface PlatformOptions {
  /** Folder for the SQLite file; null keeps everything in memory (tests). */
  dataDir: string | null;
  reset?: boolean;
  siteUrl: string;
  latency?: { kvsMs: number; jiraMs: number };
  /** Seed the demo data on first start (default true). */
  seed?: boolean;
  /** How many invocation records the host keeps for inspection (default 500). */
  keepInvocations?: number;
  /**
   * Where a new sandbox's clock starts (ms since the epoch), from which it runs at the real pace; default the
   * real now. A data folder whose clock has already moved keeps its own.
   */
  startAt?: number;
}

export interface Platform {
  db: Database.Database;
  manifest: Manifest;
  clock: SandboxClock;
  kvs: KvsEngine;
  jira: JiraSandbox;
  host: ForgeHost;
  siteUrl: string;
  users: typeof SEED_USERS;
  /** Resolves when every product event raised so far has been handled by the app's triggers. */
  settle(): Promise<void>;
  /** Moves the sandbox clock forward, running scheduled triggers on the way; persists the clock. */
  advance(ms: number): Promise<number>;
  close(): void;
}

let current: ForgeHost | null = null;
ForgeHost.installGlobals(() => current);

function meta(db: Database.Database) {
  db.exec('CREATE TABLE IF NOT EXISTS sandbox_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)');
  const get = db.prepare<[string], { value: string }>('SELECT value FROM sandbox_meta WHERE key = ?');
  const put = db.prepare(
    'INSERT INTO sandbox_meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value',
  );
  return {
    get: <T>(key: string): T | undefined => {
      const row = get.get(key);
      return row ? (JSON.parse(row.value) as T) : undefined;
    },
    put: (key: string, value: unknown) => put.run(key, JSON.stringify(value)),
  };
}

async function settle(host: ForgeHost): Promise<void> {
  for (let i = 0; i < 1000; i++) {
    await new Promise((r) => setImmediate(r));
    if (!host.busy) return;
    await host.settle();
  }
}

/**
 * Builds the whole offline platform: one SQLite file holding KVS, the entity store and Jira; the sandbox
 * clock; and the Forge host running the app's real handlers (src/index.ts) against them.
 */
export async function createPlatform(opts: PlatformOptions): Promise<Platform> {
  let file = ':memory:';
  if (opts.dataDir) {
    if (opts.reset) rmSync(opts.dataDir, { recursive: true, force: true });
    mkdirSync(opts.dataDir, { recursive: true });
    file = join(opts.dataDir, 'sandbox.db');
  }
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  const m = meta(db);
  const manifest = loadManifest(MANIFEST_PATH);
  const clock = new SandboxClock(
    m.get<number>('clockOffset') ?? (opts.startAt === undefined ? 0 : opts.startAt - RealDate.now()),
  );
  if (m.get<number>('clockOffset') === undefined) m.put('clockOffset', clock.offset);
  installClock(clock);

  const kvs = new KvsEngine(db, loadEntityDefinitions(MANIFEST_PATH), { now: () => clock.now() });
  let host: ForgeHost | null = null;
  const jira = new JiraSandbox(db, {
    now: () => new Date(clock.now()),
    appId: manifest.app.id.split('/').pop() ?? 'app',
    environmentId: ENVIRONMENT_ID,
    appFields: loadAppFields(MANIFEST_PATH),
    workflowModules: loadAppWorkflowModules(MANIFEST_PATH),
    // Jira runs the app's function validators on a transition through Forge, one after the other; the first
    // refusal is the 400 the user sees, with the validator's own message.
    beforeTransition: async (t, workflow) => {
      for (const v of workflow.validators) {
        const verdict = await host!.runWorkflowValidator(v.moduleKey, v.payload, t.actorAccountId);
        if (!verdict.result)
          return {
            ok: false,
            message: verdict.errorMessage ?? `The workflow validator '${v.moduleKey}' refused the transition.`,
          };
      }
      return { ok: true };
    },
    siteUrl: opts.siteUrl,
    emit: (event) => {
      const selfGenerated = appRequestStore.getStore() !== undefined;
      // Delivered outside the request that caused it, as the platform's event bus would.
      invocationStore.exit(() => appRequestStore.exit(() => setImmediate(() => host?.deliver(event, selfGenerated))));
    },
  });
  // The app is loaded after the globals exist: @forge/kvs reads __forge_runtime__ when it is imported.
  const app = (await import('../src/index')) as Record<string, unknown>;
  host = new ForgeHost({
    manifest,
    app,
    kvs,
    jira,
    clock,
    cloudId: CLOUD_ID,
    siteUrl: opts.siteUrl,
    environmentId: ENVIRONMENT_ID,
    ...(opts.latency ? { latency: opts.latency } : {}),
    ...(opts.keepInvocations ? { keepInvocations: opts.keepInvocations } : {}),
  });
  current = host;
  host.restoreScheduledState(m.get<Record<string, number>>('scheduled') ?? {});

  const fresh = opts.seed !== false && !jira.isSeeded();
  if (!fresh && jira.isSeeded() && (m.get<number>('dataFormat') ?? 1) !== SANDBOX_DATA_FORMAT) {
    throw new SandboxDataError(
      `The sandbox data in ${opts.dataDir ?? 'memory'} was written by an older version of the app (format ${m.get<number>('dataFormat') ?? 1}, now ${SANDBOX_DATA_FORMAT}). Start over with: npm start -- --reset`,
    );
  }
  m.put('dataFormat', SANDBOX_DATA_FORMAT);
  if (fresh) seedJira(jira, new Date(clock.now()));
  // Its own flag, so a sandbox seeded before the directory existed gets it too, and deleting departments sticks.
  // Before the seed's events, so the dependencies the link trigger records know their departments.
  if (opts.seed !== false && !m.get<boolean>('seededDepartments')) {
    await seedDepartments(host, SEED_USERS.linTao.accountId);
    m.put('seededDepartments', true);
  }
  if (fresh) {
    const admin = SEED_USERS.linTao;
    await replaySeedAsEvents(jira, (e) => host!.deliver(e, false), admin.accountId, new Date(clock.now()));
    await settle(host);
    seedApp(kvs);
    await seedDependencyStates(host, jira, clock.now());
    await settle(host);
  }
  // The admin's workflow setup for the app (Approve transition, condition, validator); its own flag like the directory's.
  if (opts.seed !== false && !m.get<boolean>('seededWorkflowRules')) {
    seedWorkflowRules(jira);
    m.put('seededWorkflowRules', true);
  }
  // Escalations need the directory and the workflow; their own flag, like the directory's.
  if (opts.seed !== false && !m.get<boolean>('seededEscalations')) {
    await seedEscalations(host, jira);
    await settle(host);
    m.put('seededEscalations', true);
  }
  // The PAY project page's charter, risks, retrospectives and action items (issue 6), after the directory they name.
  if (opts.seed !== false && !m.get<boolean>('seededProjectPage')) {
    await seedProjectPage(host, jira, clock.now());
    await settle(host);
    m.put('seededProjectPage', true);
  }
  // The third project, so the collaboration queue spans projects (issue 16); its own flag like the others.
  if (opts.seed !== false && !m.get<boolean>('seededThirdProject')) {
    await seedThirdProject(
      host,
      jira,
      (e) => host!.deliver(e, false),
      () => settle(host),
      clock.now(),
    );
    m.put('seededThirdProject', true);
  }

  const platform: Platform = {
    db,
    manifest,
    clock,
    kvs,
    jira,
    host,
    siteUrl: opts.siteUrl,
    users: SEED_USERS,
    settle: () => settle(host!),
    async advance(ms) {
      const runs = await host!.advance(ms);
      m.put('clockOffset', clock.offset);
      m.put('scheduled', host!.scheduledState());
      return runs;
    },
    close() {
      if (current === host) current = null;
      db.close();
    },
  };
  return platform;
}
