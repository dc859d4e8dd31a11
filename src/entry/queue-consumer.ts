import { handleQueueWork } from '../app/triggers/queue-work';
import { retryLater } from '../adapters/forge/queue';
import { productionDeps } from './deps';

/** What Forge hands a `consumer` function: the pushed body, and how often it was retried. */
interface AsyncEventLike {
  body?: unknown;
  retryContext?: { retryCount?: number };
}

/** `consumer` module `work-consumer` (queue `collab-work`): the outbox's deliveries and the sweep's climbs. */
export async function onQueueWork(event: AsyncEventLike): Promise<unknown> {
  const deps = productionDeps();
  const out = await handleQueueWork(deps, event?.body, event?.retryContext?.retryCount ?? 0);
  return out ? retryLater(out.retryAfterSeconds, 'retry') : undefined;
}
