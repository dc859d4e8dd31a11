import type { Deps } from '../kernel/ports';
import { ENTITY, INDEX, KEY } from '../kernel/storage-keys';
import { readRollup } from '../kernel/rollups';
import { syncIssue, snapshotOf } from '../kernel/sync-issue';
import { driftOf, rollupCheckQueries, type CheckId } from '../../domain/rollup/drift';
import { sameSnapshot, type IssueSnapshot } from '../../domain/rollup/issues';

/** Every project's check record has this partition: the pass takes the least recently verified first. */
const SCOPE = 'project';
/** Time a run may spend before it leaves the rest for the next (a scheduled trigger may run for 55 s). */
export const RECONCILE_BUDGET_MS = 25_000;
/** Projects a run looks at, least recently verified first. */
export const RECONCILE_BATCH = 20;
/** Forge's limit on the keys of one batch read. */
const BATCH_KEYS = 25;

/** Where a project's reconcile pass stands. */
export interface RollupCheckRecord {
  projectKey: string;
  scope: typeof SCOPE;
  version: number;
  /** When the figures last agreed with Jira (ms); 0 until the first pass. */
  verifiedAt: number;
  /** A repair under way: the search page to go on from (null: the first), and the issues put right so far. */
  state: { token: string | null; repaired: number; startedAt: number } | null;
  /** What differed when the repair began, rollup against Jira. */
  drift: Array<{ id: CheckId; rollup: number; jira: number }>;
}

const blank = (projectKey: string): RollupCheckRecord => ({
  projectKey,
  scope: SCOPE,
  version: 0,
  verifiedAt: 0,
  state: null,
  drift: [],
});

/** The key and entity of a project's check record, for a batch read beside others. */
export const rollupCheckItem = (projectKey: string) => ({
  key: KEY.rollupCheck(projectKey),
  entity: ENTITY.rollupCheck,
});

/**
 * When the project's figures were last verified against Jira (ISO), from its check record as read; a project the
 * pass has not met yet is signed up for it (one write, the first time only).
 */
export async function verifiedAtOf(
  deps: Pick<Deps, 'store'>,
  projectKey: string,
  stored: RollupCheckRecord | undefined,
): Promise<string | null> {
  if (!stored) await deps.store.setEntity(ENTITY.rollupCheck, KEY.rollupCheck(projectKey), blank(projectKey));
  return stored?.verifiedAt ? new Date(stored.verifiedAt).toISOString() : null;
}

export interface ReconcileResult {
  projects: number;
  verified: number;
  repairing: number;
  repaired: number;
}

/**
 * The scheduled reconcile pass: the least recently verified projects first, each compared with Jira by a few
 * count queries (one KVS query and six Jira calls when nothing drifted) and, where a figure differs, repaired
 * by walking the project's issues a search page at a time and bringing every issue whose counted snapshot
 * differs in line. The walk keeps its place in the project's check record, so a project too big for one run
 * goes on in the next.
 */
export async function reconcileRollups(deps: Deps, budgetMs = RECONCILE_BUDGET_MS): Promise<ReconcileResult> {
  const deadline = Date.now() + budgetMs;
  const page = await deps.store.queryEntity<RollupCheckRecord>({
    entity: ENTITY.rollupCheck,
    index: INDEX.rollupCheckByVerified,
    partition: [SCOPE],
    sort: 'ASC',
    limit: RECONCILE_BATCH,
  });
  const out: ReconcileResult = { projects: 0, verified: 0, repairing: 0, repaired: 0 };
  for (const { value } of page.items) {
    if (Date.now() >= deadline) break;
    const r = await reconcileProject(deps, value, deadline);
    out.projects += 1;
    out.repaired += r.repaired;
    if (r.outcome === 'repairing') out.repairing += 1;
    else out.verified += 1;
  }
  return out;
}

/** One project's pass: check, and repair (resumably) where it drifted. */
export async function reconcileProject(
  deps: Deps,
  stored: RollupCheckRecord,
  deadline = Date.now() + RECONCILE_BUDGET_MS,
): Promise<{ outcome: 'verified' | 'repaired' | 'repairing'; repaired: number }> {
  const now = deps.clock.now();
  let rec: RollupCheckRecord = { ...blank(stored.projectKey), ...stored };
  if (!rec.state) {
    const today = new Date(now).toISOString().slice(0, 10);
    const queries = rollupCheckQueries(rec.projectKey, today);
    const [rollup, counts] = await Promise.all([
      readRollup(deps, rec.projectKey),
      Promise.all(queries.map((q) => deps.jira.countIssues('app', q.jql))),
    ]);
    const drift = driftOf(rollup, today, Object.fromEntries(queries.map((q, i) => [q.id, counts[i]!])));
    if (drift.length === 0) {
      await save(deps, { ...rec, verifiedAt: now, state: null, drift: [] });
      return { outcome: 'verified', repaired: 0 };
    }
    deps.log.info('rollup drifted from Jira; repairing', { projectKey: rec.projectKey, drift });
    rec = { ...rec, state: { token: null, repaired: 0, startedAt: now }, drift };
  }
  let state = rec.state!;
  let repaired = 0;
  do {
    const page = await deps.jira.searchIssues('app', `project = "${rec.projectKey}" ORDER BY key ASC`, {
      maxResults: 100,
      ...(state.token ? { nextPageToken: state.token } : {}),
    });
    const n = await repairPage(deps, page.issues);
    repaired += n;
    state = { ...state, token: page.nextPageToken, repaired: state.repaired + n };
    if (!page.nextPageToken) {
      await save(deps, { ...rec, verifiedAt: deps.clock.now(), state: null });
      return { outcome: 'repaired', repaired };
    }
    rec = { ...rec, state };
  } while (Date.now() < deadline);
  await save(deps, rec);
  return { outcome: 'repairing', repaired };
}

/** Brings every issue of a search page whose counted snapshot differs from Jira in line; returns how many. */
async function repairPage(deps: Deps, issues: Awaited<ReturnType<Deps['jira']['searchIssues']>>['issues']) {
  const chunks: Array<typeof issues> = [];
  for (let i = 0; i < issues.length; i += BATCH_KEYS) chunks.push(issues.slice(i, i + BATCH_KEYS));
  const stored = (
    await Promise.all(chunks.map((c) => deps.store.getMany(c.map((i) => ({ key: KEY.issueSnapshot(i.id) })))))
  ).flat() as Array<IssueSnapshot | undefined>;
  let n = 0;
  for (const [i, issue] of issues.entries()) {
    if (sameSnapshot(stored[i] ?? null, snapshotOf(issue))) continue;
    if ((await syncIssue(deps, issue.id, { issue })) === 'applied') n += 1;
  }
  return n;
}

async function save(deps: Pick<Deps, 'store'>, rec: RollupCheckRecord): Promise<void> {
  await deps.store.setEntity(ENTITY.rollupCheck, KEY.rollupCheck(rec.projectKey), { ...rec, version: rec.version + 1 });
}
