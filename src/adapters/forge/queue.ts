import { InvocationError, InvocationErrorCode, Queue } from '@forge/events';
import type { QueuedWork, WorkQueue } from '../../app/kernel/ports';

/** The app's one queue; the `consumer` module in manifest.yml names it. */
export const WORK_QUEUE_KEY = 'collab-work';

/** Forge's limits per push: 50 events and 200 KB of JSON together. */
const MAX_EVENTS_PER_PUSH = 50;
const MAX_PUSH_BYTES = 190 * 1024;

/**
 * The WorkQueue port on Forge's async events API (`@forge/events` Queue). Splits the work into pushes within
 * Forge's limits; a push that fails throws (the caller leaves the work to the outbox repair sweep).
 * @see https://developer.atlassian.com/platform/forge/runtime-reference/async-events-api/
 * @see https://developer.atlassian.com/platform/forge/limits-async-events
 */
export function createWorkQueue(key = WORK_QUEUE_KEY): WorkQueue {
  const queue = new Queue({ key });
  return {
    async push(work: readonly QueuedWork[]) {
      let batch: QueuedWork[] = [];
      let bytes = 2;
      const flush = async () => {
        if (batch.length === 0) return;
        await queue.push(
          batch.map((w) => ({ body: w.body, ...(w.delayInSeconds ? { delayInSeconds: w.delayInSeconds } : {}) })),
        );
        batch = [];
        bytes = 2;
      };
      for (const w of work) {
        const size = Buffer.byteLength(JSON.stringify(w)) + 1;
        if (batch.length === MAX_EVENTS_PER_PUSH || bytes + size > MAX_PUSH_BYTES) await flush();
        batch.push(w);
        bytes += size;
      }
      await flush();
    },
  };
}

/**
 * What a consumer returns to have Forge deliver the event again after `seconds` (Forge's retry: the event comes
 * back with `retryContext.retryCount` one higher, up to Forge's limit).
 */
export function retryLater(seconds: number, reason: 'rate-limited' | 'retry', data?: Record<string, unknown>): unknown {
  return new InvocationError({
    retryAfter: Math.max(1, Math.min(900, Math.ceil(seconds))),
    retryReason:
      reason === 'rate-limited'
        ? InvocationErrorCode.FUNCTION_UPSTREAM_RATE_LIMITED
        : InvocationErrorCode.FUNCTION_RETRY_REQUEST,
    ...(data ? { retryData: data } : {}),
  });
}
