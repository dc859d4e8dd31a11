import Database from 'better-sqlite3';
import { seedJira, type SeedSummary } from '../seed/jira-seed';
import { JiraSandbox } from './jira-sandbox';
import type { AppFieldDef, ForgeProductEvent, JiraActor, JiraSandboxOptions } from './types';

/** The RACI fields as the app's manifest declares them (kept here so tests do not depend on manifest edits). */
export const RACI_APP_FIELDS: AppFieldDef[] = [
  { moduleKey: 'raci-responsible', name: 'Responsible', type: 'user', collection: 'list' },
  { moduleKey: 'raci-accountable', name: 'Accountable', type: 'user' },
  { moduleKey: 'raci-consulted', name: 'Consulted', type: 'user', collection: 'list' },
  { moduleKey: 'raci-informed', name: 'Informed', type: 'user', collection: 'list' },
];

/** The escalation fields as the manifest declares them; a harness has them when a test passes them in `appFields`. */
export const ESCALATION_APP_FIELDS: AppFieldDef[] = [
  { moduleKey: 'escalation-level', name: 'Escalation level', type: 'number', readOnly: true },
  { moduleKey: 'escalation-state', name: 'Escalation state', type: 'string', readOnly: true },
  { moduleKey: 'escalation-holders', name: 'Escalation holders', type: 'user', collection: 'list', readOnly: true },
  { moduleKey: 'escalation-raisers', name: 'Escalation raised by', type: 'user', collection: 'list', readOnly: true },
];

export interface JiraHarness {
  jira: JiraSandbox;
  db: Database.Database;
  events: ForgeProductEvent[];
  seed: SeedSummary | null;
  setNow(d: Date): void;
  /** Calls the sandbox and parses the JSON body (undefined for an empty body). */
  call(
    actor: JiraActor,
    method: string,
    path: string,
    body?: unknown,
  ): Promise<{ status: number; json: unknown; raw: string }>;
}

export const asApp: JiraActor = { kind: 'app' };
export const asUser = (accountId: string): JiraActor => ({ kind: 'user', accountId });

/** A sandbox on an in-memory database, seeded unless `seed: false`, recording emitted events. */
export function createJiraHarness(
  options: Partial<JiraSandboxOptions> & {
    seed?: boolean;
    start?: Date;
    dbFile?: string;
    onEmit?: (e: ForgeProductEvent) => void;
  } = {},
): JiraHarness {
  const db = new Database(options.dbFile ?? ':memory:');
  db.pragma('journal_mode = WAL');
  const events: ForgeProductEvent[] = [];
  let now = options.start ?? new Date('2025-06-16T02:00:00.000Z');
  const jira = new JiraSandbox(db, {
    now: options.now ?? (() => now),
    emit:
      options.emit ??
      ((e) => {
        events.push(e);
        options.onEmit?.(e);
      }),
    appId: options.appId ?? '6b1c2f4e-7a51-4a8e-9d3c-0c1f5a2b9e10',
    environmentId: options.environmentId ?? 'c0ffee00-0000-4000-8000-000000000001',
    appFields: options.appFields ?? RACI_APP_FIELDS,
    siteUrl: options.siteUrl ?? 'http://localhost:5173',
    ...(options.beforeTransition ? { beforeTransition: options.beforeTransition } : {}),
    ...(options.workflowModules ? { workflowModules: options.workflowModules } : {}),
  });
  const seed = options.seed === false ? null : seedJira(jira, now);
  return {
    jira,
    db,
    events,
    seed,
    setNow: (d) => {
      now = d;
    },
    call: async (actor, method, path, body) => {
      const res = await jira.handle({
        method,
        path,
        actor,
        ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
      });
      return {
        status: res.status,
        json: res.body === '' ? undefined : (JSON.parse(res.body) as unknown),
        raw: res.body,
      };
    },
  };
}
