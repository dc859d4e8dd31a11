import type { Deps, Page } from '../kernel/ports';
import { ENTITY, INDEX } from '../kernel/storage-keys';
import { isResponseLate, type DependencyRecord } from '../../domain/dependencies/dependency';
import { applyDependencyChange } from '../../domain/rollup/dependencies';
import type { EscalationRecord } from '../../domain/escalations/escalation';
import { commitWithRollups } from '../kernel/rollups';
import { contribution, readDependency, dependencyWrites } from '../dependencies/dependency-records';
import { auditOp } from '../kernel/audit';
import { readAll } from '../kernel/paging';
import { climbDue, queueClimbs } from './climb-escalations';

export interface SweepResult {
  lateResponsesFlagged: number;
  escalationsClimbed: number;
  /** Due escalations handed to the queue's consumers, which climb them in parallel. */
  escalationsQueued: number;
}

/** Stop starting new work this long before the scheduled trigger's 55 s limit; the next run picks up the rest. */
const SWEEP_BUDGET_MS = 45_000;
/** How many due escalations the sweep climbs by itself before it hands the rest to the queue. */
const INLINE_CLIMBS = 14;

/**
 * The scheduled sweep. It reads only what is due, through indexes whose partition drops an item once it
 * is handled (`responseState` awaiting, escalation `status` open with `dueAt` in the past), so its cost
 * follows the number of due items, not the number stored. Every change is a conditional write: two sweeps
 * at once, or a retried one, change each item once. Due escalations are climbed by the queue's consumers.
 */
export async function sweepDeadlines(deps: Deps): Promise<SweepResult> {
  const started = deps.clock.now();
  const result: SweepResult = { lateResponsesFlagged: 0, escalationsClimbed: 0, escalationsQueued: 0 };
  const outOfTime = () => deps.clock.now() - started > SWEEP_BUDGET_MS;

  let cursor: string | undefined;
  do {
    const page: Page<DependencyRecord> = await deps.store.queryEntity<DependencyRecord>({
      entity: ENTITY.dependency,
      index: INDEX.dependencyByResponseDue,
      partition: ['awaiting'],
      range: { op: 'lessThan', value: started },
      ...(cursor ? { cursor } : {}),
    });
    for (const { value } of page.items) {
      if (outOfTime()) return result;
      if (await flagLateResponse(deps, value.id, started)) result.lateResponsesFlagged += 1;
    }
    cursor = page.cursor;
  } while (cursor);

  const due: EscalationRecord[] = [];
  for (const status of ['open', 'acknowledged'] as const) {
    due.push(
      ...(await readAll<EscalationRecord>(deps, {
        entity: ENTITY.escalation,
        index: INDEX.escalationByStatusDue,
        partition: [status],
        range: { op: 'lessThan', value: started },
      })),
    );
  }
  if (due.length === 0) return result;
  // The first few climb here; the rest fan out, each batch in its own consumer invocation, so every due item
  // climbs in this run, not only those one 55 s invocation has time for. Without a queue (or if the push
  // fails) the sweep climbs on itself until its budget runs out; the next run picks up the rest.
  const first = await climbDue(deps, due.slice(0, INLINE_CLIMBS), started, outOfTime);
  first.left.push(...due.slice(INLINE_CLIMBS));
  result.escalationsClimbed += first.climbed;
  if (first.left.length === 0) return result;
  if (await queueClimbs(deps, first.left)) result.escalationsQueued = first.left.length;
  else result.escalationsClimbed += (await climbDue(deps, first.left, started, outOfTime)).climbed;
  return result;
}

async function flagLateResponse(deps: Deps, id: string, now: number): Promise<boolean> {
  let flagged = false;
  const first = await readDependency(deps, id);
  if (!first) return false;
  await commitWithRollups(deps, id, [first.projectKey], async (rollups, attempt) => {
    const dep = attempt === 1 ? first : await readDependency(deps, id);
    if (dep?.responseState !== 'awaiting' || !isResponseLate(dep, now)) return null;
    const next: DependencyRecord = {
      ...dep,
      late: true,
      responseState: 'late',
      updatedAt: now,
      version: dep.version + 1,
    };
    flagged = true;
    return {
      rollups: new Map([
        [
          dep.projectKey,
          applyDependencyChange(rollups.get(dep.projectKey)!, contribution(dep), contribution(next), now),
        ],
      ]),
      ops: [
        ...dependencyWrites(next, dep.version),
        auditOp(
          {
            subjectId: id,
            at: now,
            kind: 'dependency.response-late',
            actorId: null,
            detail: { responseDueAt: dep.responseDueAt },
          },
          'l',
        ),
      ],
    };
  });
  return flagged;
}
