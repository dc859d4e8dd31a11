import { isAppError } from './errors';
import { deliverEffects, outboxOps, queueDelivery, type EffectHandlers } from './outbox';
import type { Deps, JiraNotification } from './ports';

/** The outbox kind of one e-mail through Jira's notify API. */
export const NOTIFY_EFFECT = 'jira.notify';

interface NotifyPayload {
  issueKey: string;
  notification: JiraNotification;
  /** "This news went out": set once sent, read by later duplicates of the event that caused it. */
  marker: string;
  markerTtlSeconds: number;
}

/** Delivers a queued e-mail: not repeatable (a second e-mail is the fault users notice). */
export const notifyEffectHandlers: EffectHandlers = {
  [NOTIFY_EFFECT]: {
    repeatable: false,
    async deliver(deps, raw) {
      const p = raw as unknown as NotifyPayload;
      await deps.jira.notify('app', p.issueKey, p.notification);
      // Before the row goes: a duplicate event finding neither row nor marker would send again.
      await deps.store.setIfAbsent(p.marker, { at: deps.clock.now() }, p.markerTtlSeconds);
      return [];
    },
  },
};

/**
 * Sends news about an issue once, however often the event that caused it is delivered: the e-mail is written
 * to the outbox under `marker` (the idempotency key) and delivered from there. True when this call sent it;
 * false when it was sent, or is being sent, already. When Jira fails (a 429, a 5xx) it throws that error,
 * with the e-mail kept and queued for a retry: a redelivered event, or the queue, sends it once.
 */
export async function notifyOnce(
  deps: Deps,
  marker: string,
  markerTtlSeconds: number,
  issueKey: string,
  notification: JiraNotification,
): Promise<boolean> {
  if (await deps.store.get(marker)) return false;
  const effect = {
    id: marker,
    kind: NOTIFY_EFFECT,
    payload: { issueKey, notification, marker, markerTtlSeconds } satisfies NotifyPayload,
  };
  try {
    await deps.store.transact(outboxOps([effect], deps.clock.now()));
  } catch (e) {
    // Already in the outbox (a duplicate event, or a retry of one that failed): deliver it if nobody holds it.
    if (!isAppError(e) || e.code !== 'CONFLICT') throw e;
  }
  const r = await deliverEffects(deps, notifyEffectHandlers, [marker]);
  if (r.delivered.length > 0) return true;
  if (r.failures.length > 0) {
    await queueDelivery(deps, r.retry, r.retryAfterSeconds);
    throw r.failures[0]!.error;
  }
  return false;
}
