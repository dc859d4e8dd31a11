import { z } from 'zod';
import type { Deps } from '../kernel/ports';
import {
  DELIVER_WORK,
  backoffSeconds,
  deliverEffects,
  outboxOps,
  queueDelivery,
  repairOutbox,
  type EffectHandlers,
  type RepairResult,
} from '../kernel/outbox';
import { escalationEffectHandlers } from '../escalations/escalation-notices';
import { notifyEffectHandlers } from '../kernel/outbox-notify';
import { CLIMB_WORK, climbQueuedBatch } from './climb-escalations';

/** A queue message whose work failed every retry Forge gives it: kept in the outbox, replayed by the repair job. */
const REPLAY_WORK = 'work.replay';

/** Forge delivers a message again this many times when asked; after the last, the work goes to the dead letters. */
export const QUEUE_RETRIES = 4;

const Ids = z.array(z.string().min(1).max(300)).min(1).max(50);
const WorkSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal(DELIVER_WORK), ids: Ids }),
  z.object({ type: z.literal(CLIMB_WORK), projectKey: z.string().min(1).max(100), ids: Ids }),
]);
type Work = z.infer<typeof WorkSchema>;

/** Every effect the outbox can hold, by kind, and the replay of failed queue work. */
export const EFFECT_HANDLERS: EffectHandlers = {
  ...escalationEffectHandlers,
  ...notifyEffectHandlers,
  [REPLAY_WORK]: {
    repeatable: true,
    async deliver(deps, payload) {
      const work = WorkSchema.parse(payload.work);
      await runWork(deps, work);
      return [];
    },
  },
};

async function runWork(deps: Deps, work: Work): Promise<void> {
  if (work.type === CLIMB_WORK) {
    await climbQueuedBatch(deps, work.projectKey, work.ids);
    return;
  }
  const r = await deliverEffects(deps, EFFECT_HANDLERS, work.ids);
  // Rows that failed went back to pending with their backoff: a delayed message brings them back (the repair
  // job does if this push fails). Rows another deliverer holds are theirs.
  if (r.retry.length) await queueDelivery(deps, r.retry, r.retryAfterSeconds);
}

/**
 * The queue consumer: runs one message's work. Returns how long to wait before Forge delivers it again when
 * the work failed and Forge still retries; after the last retry the message is written to the outbox as a dead
 * letter, which the repair job replays. A message that is not the app's (bad shape) is dropped with a log line.
 */
export async function handleQueueWork(
  deps: Deps,
  body: unknown,
  retryCount: number,
): Promise<{ retryAfterSeconds: number } | null> {
  const parsed = WorkSchema.safeParse(body);
  if (!parsed.success) {
    deps.log.error('queue message of unknown shape dropped', { issue: parsed.error.issues[0]?.message ?? '' });
    return null;
  }
  try {
    await runWork(deps, parsed.data);
    return null;
  } catch (e) {
    if (retryCount < QUEUE_RETRIES) {
      deps.log.warn('queue work failed; Forge retries it', { type: parsed.data.type, retryCount, error: String(e) });
      return { retryAfterSeconds: backoffSeconds(retryCount + 1) };
    }
    const now = deps.clock.now();
    const id = `dead:${parsed.data.type}:${parsed.data.ids.join(',').slice(0, 200)}:${now}`;
    deps.log.error('queue work failed every retry; kept as a dead letter', { id, error: String(e) });
    await deps.store.transact(outboxOps([{ id, kind: REPLAY_WORK, payload: { work: parsed.data } }], now));
    return null;
  }
}

/** The scheduled repair: re-queues outbox rows nobody delivered, and dead letters due for a replay. */
export function repairUndelivered(deps: Deps): Promise<RepairResult> {
  return repairOutbox(deps);
}
