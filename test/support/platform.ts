import { createPlatform, type Platform } from '../../sandbox/platform';
import type { ExtensionContext } from '../../sandbox/runtime/forge-host';
import { invocationStore, type InvocationRecord } from '../../sandbox/runtime/invocation-context';
import type { ConditionOptions } from '../../sandbox/runtime/conditions';
import { TEST_START } from './clock';

export type Envelope =
  | { ok: true; data: any }
  | { ok: false; error: { code: string; message: string; field?: string } };

/**
 * The seed of the production-conditions run of the integration suites (vitest.config.mts sets it for that run):
 * every platform a test starts there is as unkind as Forge and Jira Cloud (sandbox/runtime/conditions.ts).
 */
export function productionConditionsSeed(): number | null {
  const raw = process.env.PRODUCTION_CONDITIONS_SEED;
  if (raw === undefined || raw === '') return null;
  const seed = Number(raw);
  if (!Number.isInteger(seed)) throw new Error(`PRODUCTION_CONDITIONS_SEED must be a whole number; got '${raw}'`);
  return seed;
}

/**
 * A fresh in-memory sandbox with the seed data, the real handlers and the real SDKs. Its clock starts at
 * TEST_START (or `startAt`; 'real' for the machine's now) and runs from there. `productionConditions` starts it
 * unkind (a seed, or a seed and options); by default it is unkind exactly in the production-conditions run
 * (PRODUCTION_CONDITIONS_SEED), and `false` keeps it kind even there.
 */
export async function startPlatform(
  opts: {
    seed?: boolean;
    startAt?: number | 'real';
    productionConditions?: false | number | { seed: number; options?: Partial<ConditionOptions> };
  } = {},
): Promise<Platform> {
  const startAt = opts.startAt ?? TEST_START;
  const fromEnv = productionConditionsSeed();
  const pc = opts.productionConditions ?? (fromEnv === null ? false : fromEnv);
  return createPlatform({
    dataDir: null,
    siteUrl: 'http://sandbox.test',
    ...(opts.seed === false ? { seed: false } : {}),
    ...(startAt === 'real' ? {} : { startAt }),
    ...(pc === false ? {} : { productionConditions: typeof pc === 'number' ? { seed: pc } : pc }),
  });
}

/**
 * Lets sandbox time move on until every product event raised so far, every retry and every query lag has
 * settled (under production conditions; in a kind sandbox, until the events raised so far are handled). For a
 * test that asserts what the triggers did: a real user would see it too, a little later.
 */
export async function drain(p: Platform): Promise<void> {
  await p.settle();
}

export function userId(p: Platform, match: (u: { accountId: string; displayName: string }) => boolean): string {
  const u = p.users.find(match);
  if (!u) throw new Error('no such seed user');
  return u.accountId;
}

/** Calls a UI module's resolver as Forge would for `accountId` looking at an issue or a project. */
export async function invoke(
  p: Platform,
  where: { moduleKey: string; accountId: string; issueKey?: string; projectKey?: string; locale?: string },
  fn: string,
  payload: unknown = {},
): Promise<{ env: Envelope; record: InvocationRecord }> {
  const ctx: ExtensionContext = {
    moduleKey: where.moduleKey,
    accountId: where.accountId,
    locale: where.locale ?? 'en_US',
    timezone: 'Asia/Shanghai',
  };
  if (where.issueKey) {
    const r = await p.jira.handle({
      method: 'GET',
      path: `/rest/api/3/issue/${where.issueKey}?fields=project`,
      actor: { kind: 'app' },
    });
    const issue = JSON.parse(r.body) as { id: string; key: string; fields: { project: { id: string; key: string } } };
    ctx.issue = { id: issue.id, key: issue.key };
    ctx.project = { id: issue.fields.project.id, key: issue.fields.project.key };
  } else if (where.projectKey) {
    const r = await p.jira.handle({
      method: 'GET',
      path: `/rest/api/3/project/${where.projectKey}`,
      actor: { kind: 'app' },
    });
    const project = JSON.parse(r.body) as { id: string; key: string };
    ctx.project = { id: project.id, key: project.key };
  }
  const { result, record } = await p.host.invokeResolver(ctx, fn, payload);
  return { env: result as Envelope, record };
}

/** A Jira REST call as a user (what Jira's own UI does), followed by the events it caused. */
export async function jiraAs(p: Platform, accountId: string | 'app', method: string, path: string, body?: unknown) {
  const r = await p.jira.handle({
    method,
    path,
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    actor: accountId === 'app' ? { kind: 'app' } : { kind: 'user', accountId },
  });
  await p.settle();
  return { status: r.status, body: r.body ? (JSON.parse(r.body) as any) : undefined };
}

/** Runs app code inside an invocation as the sandbox counts it (KVS operations, Jira calls), outside any resolver. */
export async function counted<T>(
  body: () => Promise<T>,
  accountId: string | null = null,
): Promise<{ result: T; record: InvocationRecord }> {
  const record: InvocationRecord = {
    id: 0,
    kind: 'resolver',
    moduleKey: 'test',
    functionKey: 'test',
    detail: 'test',
    accountId,
    kvsOps: 0,
    jiraCalls: 0,
    startedAt: 0,
    durationMs: 0,
    ok: true,
  };
  const result = await invocationStore.run({ record }, body);
  return { result, record };
}
