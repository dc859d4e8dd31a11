import { sweepDeadlines as sweep } from '../app/triggers/sweep-deadlines';
import { repairUndelivered } from '../app/triggers/queue-work';
import { reconcileRollups as reconcile } from '../app/project/reconcile';
import { productionDeps } from './deps';

/** `scheduledTrigger` module `deadline-sweep`: flags late responses and climbs overdue escalations. */
export async function sweepDeadlines(): Promise<void> {
  const deps = productionDeps();
  const result = await sweep(deps);
  deps.log.info('deadline sweep done', { ...result });
}

/** `scheduledTrigger` module `outbox-repair`: re-queues side effects nobody delivered, and replays dead letters. */
export async function repairOutbox(): Promise<void> {
  const deps = productionDeps();
  const result = await repairUndelivered(deps);
  if (result.requeued > 0) deps.log.info('outbox repair re-queued effects', { ...result });
}

/** `scheduledTrigger` module `rollup-reconcile`: compares project rollups with Jira's counts and repairs drift. */
export async function reconcileRollups(): Promise<void> {
  const deps = productionDeps();
  const result = await reconcile(deps);
  deps.log.info('rollup reconcile done', { ...result });
}
