import { isAppError } from './errors';
import type { Deps, TransactionOp } from './ports';
import { ENTITY, INDEX, MAX_QUERY_LIMIT, MAX_TRANSACTION_OPS } from './storage-keys';

/**
 * The outbox: side effects that follow a state change (an e-mail, the escalation fields, ...) are written as
 * rows in the SAME transaction as the change, so a change is never committed without them. After the commit
 * the writer delivers them (`releaseEffects`); what fails goes to the queue with a backoff, and a scheduled
 * repair re-queues rows that nobody delivered (the invocation died after its commit). A row is deleted in the
 * transaction that records its delivery.
 *
 * Once in effect: a row is claimed (`sending`, conditioned on its version) before its effect runs, so two
 * deliverers never run it together. An effect that is safe to repeat (`repeatable`: it recomputes and sets
 * state) runs again if a deliverer died while it held the claim; one that is not (an e-mail) is then marked
 * `uncertain` and never sent twice. A failed call (429, 5xx, a throw) is known not to have happened and frees
 * the row for a retry.
 */

export type OutboxState = 'pending' | 'sending' | 'dead' | 'uncertain';

export interface OutboxRow {
  id: string;
  kind: string;
  payload: Record<string, unknown>;
  state: OutboxState;
  /** pending: deliver from; sending: the claim is stale after; dead: replay after. */
  nextAt: number;
  attempts: number;
  createdAt: number;
  lastError: string;
  version: number;
}

/** An effect to write with a state change: `id` is its idempotency key (one row per effect, ever). */
export interface Effect {
  id: string;
  kind: string;
  payload: Record<string, unknown>;
}

export interface EffectHandler {
  /** Whether running the effect twice does no harm (it sets state from the records); e-mails are not. */
  repeatable: boolean;
  /** Runs the effect; returns operations to commit with the row's removal (its audit entry). */
  deliver(deps: Deps, payload: Record<string, unknown>): Promise<TransactionOp[]>;
}

export type EffectHandlers = Readonly<Record<string, EffectHandler>>;

/** How long a claim holds: longer than any one delivery (a consumer has 55 s), so a live one is never taken over. */
export const CLAIM_MS = 2 * 60_000;
/** Attempts before a row goes to the dead letters (about two hours of backoff). */
export const MAX_ATTEMPTS = 8;
/** A dead row is replayed by the repair job after this long (the cause, say Jira down, may be gone by then). */
export const DEAD_REPLAY_MS = 6 * 3_600_000;
/** A pending row nobody delivered is re-queued by the repair job after this long. */
export const ORPHAN_AFTER_MS = 60_000;

/** The backoff after the n-th failed attempt: 30 s doubling, with jitter, at most Forge's 900 s delay. */
export function backoffSeconds(attempt: number): number {
  const base = Math.min(900, 30 * 2 ** Math.max(0, attempt - 1));
  return Math.round(base * (0.75 + Math.random() * 0.25));
}

/** The rows as transaction operations, for the state change's own transaction (each may exist only once). */
export function outboxOps(effects: readonly Effect[], now: number): TransactionOp[] {
  return effects.map((e) => ({
    kind: 'set',
    entity: ENTITY.outbox,
    key: e.id,
    ifVersion: 'absent',
    value: {
      ...e,
      state: 'pending',
      nextAt: now + ORPHAN_AFTER_MS,
      attempts: 0,
      createdAt: now,
      lastError: '',
      version: 1,
    } satisfies OutboxRow,
  }));
}

export interface DeliveryResult {
  delivered: string[];
  /** Rows to try again, and after how many seconds at the soonest. */
  retry: string[];
  retryAfterSeconds: number;
  /** Rows held by another deliverer right now. */
  busy: string[];
  /** Why each retried row failed this time. */
  failures: Array<{ id: string; error: unknown }>;
}

async function transactChunks(deps: Deps, ops: TransactionOp[]): Promise<void> {
  for (let i = 0; i < ops.length; i += MAX_TRANSACTION_OPS)
    await deps.store.transact(ops.slice(i, i + MAX_TRANSACTION_OPS));
}

const setRow = (row: OutboxRow, ifVersion: number): TransactionOp => ({
  kind: 'set',
  entity: ENTITY.outbox,
  key: row.id,
  value: row,
  ifVersion,
});

/** Claims the rows that may be delivered now; one transaction for all when nobody interferes. */
async function claim(deps: Deps, handlers: EffectHandlers, ids: readonly string[], result: DeliveryResult) {
  const rows = (await deps.store.getMany(ids.map((key) => ({ key, entity: ENTITY.outbox })))) as Array<
    OutboxRow | undefined
  >;
  const now = deps.clock.now();
  const claims: Array<{ row: OutboxRow; claimed: OutboxRow }> = [];
  const uncertain: TransactionOp[] = [];
  for (const row of rows) {
    if (!row || row.state === 'uncertain') continue;
    const handler = handlers[row.kind];
    if (!handler) {
      deps.log.error('outbox row of an unknown kind left alone', { id: row.id, kind: row.kind });
      continue;
    }
    if (row.state === 'sending' && row.nextAt > now) {
      result.busy.push(row.id);
      continue;
    }
    if (row.state === 'sending' && !handler.repeatable) {
      // Its deliverer died while holding it: the e-mail may have gone. Never risk a second one.
      uncertain.push(setRow({ ...row, state: 'uncertain', version: row.version + 1 }, row.version));
      deps.log.warn('outbox effect may or may not have happened; not repeated', { id: row.id, kind: row.kind });
      continue;
    }
    const attempts = row.state === 'dead' ? 0 : row.attempts;
    claims.push({
      row,
      claimed: { ...row, state: 'sending', attempts: attempts + 1, nextAt: now + CLAIM_MS, version: row.version + 1 },
    });
  }
  if (uncertain.length) await transactChunks(deps, uncertain).catch(() => undefined);
  if (claims.length === 0) return [];
  const ops = claims.map(({ row, claimed }) => setRow(claimed, row.version));
  if (ops.length <= MAX_TRANSACTION_OPS) {
    try {
      await deps.store.transact(ops);
      return claims.map((c) => c.claimed);
    } catch (e) {
      if (!isAppError(e) || e.code !== 'CONFLICT') throw e;
    }
  }
  // Someone else holds some of them: claim one by one, and leave theirs to them.
  const won: OutboxRow[] = [];
  for (const { row, claimed } of claims) {
    try {
      await deps.store.transact([setRow(claimed, row.version)]);
      won.push(claimed);
    } catch (e) {
      if (!isAppError(e) || e.code !== 'CONFLICT') throw e;
      result.busy.push(row.id);
    }
  }
  return won;
}

/** Failures that a retry cannot mend: the effect is dropped (and logged), not retried for ever. */
const PERMANENT = new Set(['NOT_FOUND', 'FORBIDDEN', 'VALIDATION']);

/**
 * Delivers the rows `ids` once each: claim, run, then remove the row with the effect's audit entry in one
 * transaction. Rows already delivered (gone), held by someone else, or of uncertain outcome are skipped.
 */
export async function deliverEffects(
  deps: Deps,
  handlers: EffectHandlers,
  ids: readonly string[],
): Promise<DeliveryResult> {
  const result: DeliveryResult = { delivered: [], retry: [], retryAfterSeconds: 0, busy: [], failures: [] };
  if (ids.length === 0) return result;
  const claimed = await claim(deps, handlers, [...new Set(ids)], result);
  const done: TransactionOp[] = [];
  const failed: TransactionOp[] = [];
  for (const row of claimed) {
    try {
      const ops = await handlers[row.kind]!.deliver(deps, row.payload);
      done.push({ kind: 'delete', entity: ENTITY.outbox, key: row.id, ifVersion: row.version }, ...ops);
      result.delivered.push(row.id);
    } catch (e) {
      const error = isAppError(e) ? e.code : String(e);
      if (isAppError(e) && PERMANENT.has(e.code)) {
        deps.log.warn('outbox effect refused for good; dropped', { id: row.id, kind: row.kind, error });
        done.push({ kind: 'delete', entity: ENTITY.outbox, key: row.id, ifVersion: row.version });
        continue;
      }
      const dead = row.attempts >= MAX_ATTEMPTS;
      const wait = backoffSeconds(row.attempts);
      const now = deps.clock.now();
      failed.push(
        setRow(
          {
            ...row,
            state: dead ? 'dead' : 'pending',
            nextAt: now + (dead ? DEAD_REPLAY_MS : wait * 1000),
            lastError: error.slice(0, 500),
            version: row.version + 1,
          },
          row.version,
        ),
      );
      if (dead) deps.log.error('outbox effect failed every attempt; kept as a dead letter', { id: row.id, error });
      else {
        result.retry.push(row.id);
        result.failures.push({ id: row.id, error: e });
        result.retryAfterSeconds = result.retryAfterSeconds ? Math.min(result.retryAfterSeconds, wait) : wait;
      }
    }
  }
  // A row whose removal is lost stays `sending`: repeated if repeatable, else marked uncertain. Never resent.
  await transactChunks(deps, done).catch((e: unknown) =>
    deps.log.warn('outbox rows delivered but not removed', { error: String(e) }),
  );
  await transactChunks(deps, failed).catch((e: unknown) =>
    deps.log.warn('outbox rows failed and not released; the repair job takes them', { error: String(e) }),
  );
  return result;
}

/** The queue message that asks the consumer to deliver outbox rows. */
export const DELIVER_WORK = 'outbox.deliver';
/** Rows per queue message: a consumer delivers them in one claim and one removal transaction. */
const IDS_PER_MESSAGE = 20;

/** Queues delivery of `ids` after `delaySeconds`; false when there is no queue or the push failed. */
export async function queueDelivery(deps: Deps, ids: readonly string[], delaySeconds = 0): Promise<boolean> {
  if (!deps.queue || ids.length === 0) return ids.length === 0;
  const work = [];
  for (let i = 0; i < ids.length; i += IDS_PER_MESSAGE)
    work.push({
      body: { type: DELIVER_WORK, ids: ids.slice(i, i + IDS_PER_MESSAGE) },
      ...(delaySeconds > 0 ? { delayInSeconds: Math.min(900, delaySeconds) } : {}),
    });
  try {
    await deps.queue.push(work);
    return true;
  } catch (e) {
    deps.log.warn('outbox delivery not queued; the repair job takes it', { error: String(e) });
    return false;
  }
}

/**
 * After the commit: delivers the effects now (the user sees the fields change at once), and queues what failed
 * with its backoff. Never throws: the state change is committed, and what is left is in the outbox.
 */
export async function releaseEffects(deps: Deps, handlers: EffectHandlers, effects: readonly Effect[]): Promise<void> {
  if (effects.length === 0) return;
  const ids = effects.map((e) => e.id);
  try {
    const r = await deliverEffects(deps, handlers, ids);
    if (r.retry.length) await queueDelivery(deps, r.retry, r.retryAfterSeconds);
  } catch (e) {
    deps.log.warn('outbox effects not delivered now; queued', { error: String(e) });
    await queueDelivery(deps, ids, backoffSeconds(1));
  }
}

export interface RepairResult {
  requeued: number;
  replayedDead: number;
}

/**
 * The repair job: every row that should have been delivered by now (pending past its time, a claim gone stale,
 * a dead letter due for replay) is queued for delivery again, at most `max` a run. Cheap when nothing is left:
 * three index queries.
 */
export async function repairOutbox(deps: Deps, max = 1000): Promise<RepairResult> {
  const now = deps.clock.now();
  const out: RepairResult = { requeued: 0, replayedDead: 0 };
  for (const state of ['pending', 'sending', 'dead'] as const) {
    let cursor: string | undefined;
    do {
      const page = await deps.store.queryEntity<OutboxRow>({
        entity: ENTITY.outbox,
        index: INDEX.outboxByState,
        partition: [state],
        range: { op: 'lessThan', value: now },
        limit: MAX_QUERY_LIMIT,
        ...(cursor ? { cursor } : {}),
      });
      const ids = page.items.map((i) => i.key);
      if (ids.length && (await queueDelivery(deps, ids))) {
        out.requeued += ids.length;
        if (state === 'dead') out.replayedDead += ids.length;
      }
      cursor = page.cursor;
    } while (cursor && out.requeued < max);
  }
  return out;
}
