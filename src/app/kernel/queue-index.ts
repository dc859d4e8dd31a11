import type { Deps, TransactionOp } from './ports';
import { ENTITY, INDEX, KEY, MAX_QUERY_LIMIT } from './storage-keys';
import type { DependencyRecord } from '../../domain/dependencies/dependency';
import type { EscalationRecord } from '../../domain/escalations/escalation';
import {
  dependencyQueueEntry,
  escalationQueueEntries,
  type QueueEntry,
  type QueueOwner,
} from '../../domain/cross-project/queue-entries';

// The collaboration queue index (issue 16). Whoever writes a dependency or an escalation adds these operations
// to the same transaction, so the queue never disagrees with the records it lists.

/** The one entry slot of a dependency: its owner moves between departments, its key stays. */
const DEPENDENCY_SLOT = 'dep';

/** One operation: the dependency's entry written where it waits now, or removed when nobody owes anything. */
export function dependencyQueueOp(dep: DependencyRecord): TransactionOp {
  const key = KEY.queueItem(dep.id, DEPENDENCY_SLOT);
  const entry = dependencyQueueEntry(dep);
  return entry
    ? { kind: 'set', entity: ENTITY.queueItem, key, value: entry }
    : { kind: 'delete', entity: ENTITY.queueItem, key };
}

/**
 * An escalation's entries after a change: one per holder of its current level, and a delete for each person
 * who held the level before and no longer does. `holdersBefore` is empty for a new escalation.
 */
export function escalationQueueOps(
  after: EscalationRecord,
  holdersAfter: readonly string[],
  holdersBefore: readonly string[],
): TransactionOp[] {
  const entries = escalationQueueEntries(after, holdersAfter);
  const kept = new Set(entries.map((e) => e.owner));
  const sets: TransactionOp[] = entries.map((e) => ({
    kind: 'set',
    entity: ENTITY.queueItem,
    key: KEY.queueItem(after.id, e.owner),
    value: e,
  }));
  const deletes: TransactionOp[] = [...new Set(holdersBefore)]
    .map((id) => `u:${id}` as const)
    .filter((owner) => !kept.has(owner))
    .map((owner) => ({ kind: 'delete', entity: ENTITY.queueItem, key: KEY.queueItem(after.id, owner) }));
  return [...sets, ...deletes];
}

/**
 * The entries of several owners, most urgent first: one index query per owner, all at once. A queue longer
 * than a page shows its most urgent hundred; the rest follow as those are answered.
 */
export async function readQueueEntries(
  deps: Pick<Deps, 'store'>,
  owners: readonly QueueOwner[],
): Promise<QueueEntry[]> {
  const pages = await Promise.all(
    owners.map((owner) =>
      deps.store.queryEntity<QueueEntry>({
        entity: ENTITY.queueItem,
        index: INDEX.queueByOwner,
        partition: [owner],
        limit: MAX_QUERY_LIMIT,
      }),
    ),
  );
  const seen = new Set<string>();
  const out: QueueEntry[] = [];
  for (const page of pages)
    for (const { key, value } of page.items) {
      if (seen.has(key)) continue;
      seen.add(key);
      out.push(value);
    }
  return out.sort((a, b) => a.rank.localeCompare(b.rank));
}
