import { ESCALATION_LEVELS, type EscalationRecord } from '../../domain/escalations/escalation';
import { holdersOf } from '../../domain/escalations/ladder';
import type { Deps, TransactionOp } from '../kernel/ports';
import { escalationQueueOps } from '../kernel/queue-index';
import { MAX_TRANSACTION_OPS } from '../kernel/storage-keys';
import type { LadderContext } from './escalation-settings';

/**
 * The queue entries of an escalation as it is now (issue 16): one per holder of its current level. Whoever
 * could have held another level loses their entry, so a climb or a close leaves nothing stale behind.
 */
export function queueOpsOf(rec: EscalationRecord, lc: LadderContext): TransactionOp[] {
  const current = holdersOf(rec, rec.level, lc);
  const anyLevel = ESCALATION_LEVELS.flatMap((level) => holdersOf(rec, level, lc));
  return escalationQueueOps(rec, current, anyLevel);
}

/**
 * The queue entries of escalations changed in a batch whose own transaction had no room for them (the sweep):
 * written right after, in transactions of at most 25. Setting an entry is idempotent, so a retried sweep
 * writes the same thing again.
 */
export async function writeQueueOps(deps: Deps, recs: readonly EscalationRecord[], lc: LadderContext): Promise<void> {
  const ops = recs.flatMap((r) => queueOpsOf(r, lc));
  for (let i = 0; i < ops.length; i += MAX_TRANSACTION_OPS)
    await deps.store.transact(ops.slice(i, i + MAX_TRANSACTION_OPS));
}
