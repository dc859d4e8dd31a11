import { mkdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { KvsEngine } from './kvs/engine';
import { loadEntityDefinitions } from './kvs/manifest-entities';
import { JiraSandbox, loadAppFields, loadAppWorkflowModules, withJiraFaults } from './jira';
import { seedJira, SEED_USERS } from './seed/jira-seed';
import { RealDate, SandboxClock, installClock } from './runtime/clock';
import { type ConditionOptions, ProductionConditions } from './runtime/conditions';
import { EventDelivery } from './runtime/event-delivery';
import { ForgeHost } from './runtime/forge-host';
import { LaggedReads, tablesWithPrefix } from './runtime/lagged-reads';
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
  /**
   * Production conditions (sandbox/runtime/conditions.ts): from the end of seeding on, events come late, out of
   * order and twice, queries and JQL lag behind writes, Jira answers some calls 429 or 503. Deterministic per seed.
   */
  productionConditions?: { seed: number; options?: Partial<ConditionOptions> };
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
  /** The fault model while production conditions are on; null in a kind sandbox. */
  conditions: ProductionConditions | null;
  /**
   * Resolves when every product event raised so far has been handled by the app's triggers. Under production
   * conditions it lets sandbox time move on (running scheduled triggers on the way) until every late delivery,
   * retry and query lag has passed: a drain.
   */
  settle(): Promise<void>;
  /**
   * Resolves when the events due by now have been handled, without moving the clock: what the shell waits for
   * after a click. The same as `settle` in a kind sandbox; under production conditions late events stay late.
   */
  settleNow(): Promise<void>;
  /**
   * Lets sandbox time move on until every write so far shows in queries and JQL (the few seconds of their lag;
   * no-op in a kind sandbox): what a person's next click, a moment later, would find.
   */
  waitOutQueryLag(): Promise<void>;
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

  // Kind while the demo data is seeded; production conditions, if asked for, start after it.
  const conditions = opts.productionConditions
    ? new ProductionConditions(opts.productionConditions.seed, opts.productionConditions.options)
    : null;
  let unkind: ProductionConditions | null = null;
  const lags: LaggedReads[] = [];
  let kvsLag: LaggedReads | null = null;
  let jqlLag: LaggedReads | null = null;
  const kvs = new KvsEngine(db, loadEntityDefinitions(MANIFEST_PATH), {
    now: () => clock.now(),
    expiredReadableMs: () => unkind?.options.kvsExpiredReadableMs ?? 0,
    ...(conditions ? { maxPayloadBytes: () => conditions.options.kvsMaxPayloadBytes } : {}),
    // What the app queries lags; a test's or the shell's own look at the data (outside an invocation) is current.
    queryView: { read: (read) => (kvsLag && invocationStore.getStore() ? kvsLag.read(read) : read()) },
  });
  const delivery = conditions ? new EventDelivery(clock, () => unkind) : null;
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
    searchView: { read: (read) => (jqlLag && invocationStore.getStore() ? jqlLag.read(read) : read()) },
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
    // A refused call is counted apart, so a test of the app's call budget counts what the app asked of Jira.
    jira: withJiraFaults(
      jira,
      () => unkind,
      () => {
        const record = invocationStore.getStore()?.record;
        if (!record) return;
        record.jiraCalls -= 1;
        record.refusedJiraCalls = (record.refusedJiraCalls ?? 0) + 1;
      },
    ),
    clock,
    ...(delivery ? { delivery } : {}),
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

  if (conditions) {
    // Whatever a person, a rule or the schedule starts (a click, an Automation rule, a web request, the next
    // scheduled run) comes a moment after the last: the few seconds of query lag have passed by then. Inside one
    // invocation, and for product-event triggers, they have not.
    const h = host;
    for (const name of ['invokeResolver', 'runAutomationAction', 'callWebTrigger', 'runScheduled'] as const) {
      const run = h[name].bind(h) as (...args: unknown[]) => Promise<unknown>;
      (h as unknown as Record<string, unknown>)[name] = async (...args: unknown[]) => {
        await platform.waitOutQueryLag();
        return run(...args);
      };
    }
    kvsLag = new LaggedReads(
      db,
      'kvs',
      ['kvs_items', 'kvs_entity_index'],
      () => clock.now(),
      () => conditions.queryLag('kvs'),
    );
    jqlLag = new LaggedReads(
      db,
      'jira',
      tablesWithPrefix(db, 'jira_'),
      () => clock.now(),
      () => conditions.queryLag('jira'),
    );
    lags.push(kvsLag, jqlLag);
    unkind = conditions;
  }
  const advance = async (ms: number) => {
    const runs = await host!.advance(ms);
    m.put('clockOffset', clock.offset);
    m.put('scheduled', host!.scheduledState());
    delivery?.pump();
    return runs;
  };
  const drain = async (d: EventDelivery) => {
    for (let i = 0; i < 10_000; i++) {
      await new Promise((r) => setImmediate(r));
      d.pump();
      if (host!.busy || d.running) {
        await host!.settle();
        await d.settleInFlight();
        continue;
      }
      // Nothing running: move the clock to the next late delivery or retry, then to the end of the query lags.
      const lagged = Math.max(0, ...lags.map((l) => l.pendingUntil()));
      const until = d.nextDue() ?? (lagged > clock.now() ? lagged : null);
      if (until === null) return;
      if (until > clock.now()) await advance(until - clock.now());
    }
    throw new Error('sandbox: events still pending after 10,000 rounds of draining');
  };

  const platform: Platform = {
    db,
    conditions,
    manifest,
    clock,
    kvs,
    jira,
    host,
    siteUrl: opts.siteUrl,
    users: SEED_USERS,
    settle: () => (delivery ? drain(delivery) : settle(host!)),
    async settleNow() {
      await settle(host!);
      delivery?.pump();
      await delivery?.settleInFlight();
    },
    advance,
    async waitOutQueryLag() {
      // A few seconds at most: the clock moves on without running schedules (the next advance runs any it passed),
      // so a scheduled run can wait here too without recursing into advance.
      const until = Math.max(0, ...lags.map((l) => l.pendingUntil()));
      if (until > clock.now()) clock.moveTo(until);
      delivery?.pump();
    },
    close() {
      delivery?.close();
      if (current === host) current = null;
      db.close();
    },
  };
  return platform;
}
