import { sweepDeadlines as sweep } from '../app/triggers/sweep-deadlines';
import { productionDeps } from './deps';

/** `scheduledTrigger` module `deadline-sweep`: flags late responses and climbs overdue escalations. */
export async function sweepDeadlines(): Promise<void> {
  const deps = productionDeps();
  const result = await sweep(deps);
  deps.log.info('deadline sweep done', { ...result });
}
