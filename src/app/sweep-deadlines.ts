import type { Deps, Page } from './ports';
import { ENTITY, INDEX } from './storage-keys';
import { isResponseLate, type DependencyRecord } from '../domain/dependency';
import { applyDependencyChange } from '../domain/rollup';
import { levelDueAt, type EscalationLevel, type EscalationRecord } from '../domain/escalation';
import { commitWithRollups } from './rollups';
import { contribution, readDependency, dependencyWrites } from './dependency-records';
import { auditOp } from './audit';
import { isAppError } from './errors';

export interface SweepResult {
  lateResponsesFlagged: number;
  escalationsClimbed: number;
}

/** Stop starting new work this long before the scheduled trigger's 55 s limit; the next run picks up the rest. */
const SWEEP_BUDGET_MS = 45_000;

/**
 * The scheduled sweep. It reads only what is due, through indexes whose partition drops an item once it
 * is handled (`responseState` awaiting, escalation `status` open with `dueAt` in the past), so its cost
 * follows the number of due items, not the number stored. Every change is a conditional write: two sweeps
 * at once, or a retried one, change each item once.
 */
export async function sweepDeadlines(deps: Deps): Promise<SweepResult> {
  const started = deps.clock.now();
  const result: SweepResult = { lateResponsesFlagged: 0, escalationsClimbed: 0 };
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

  for (const status of ['open', 'acknowledged'] as const) {
    cursor = undefined;
    do {
      const page: Page<EscalationRecord> = await deps.store.queryEntity<EscalationRecord>({
        entity: ENTITY.escalation,
        index: INDEX.escalationByStatusDue,
        partition: [status],
        range: { op: 'lessThan', value: started },
        ...(cursor ? { cursor } : {}),
      });
      for (const { value } of page.items) {
        if (outOfTime()) return result;
        if (await climb(deps, value, started)) result.escalationsClimbed += 1;
      }
      cursor = page.cursor;
    } while (cursor);
  }
  return result;
}

async function flagLateResponse(deps: Deps, id: string, now: number): Promise<boolean> {
  let flagged = false;
  const first = await readDependency(deps, id);
  if (!first) return false;
  await commitWithRollups(deps, id, [first.projectKey], async (rollups, attempt) => {
    const dep = attempt === 1 ? first : await readDependency(deps, id);
    if (!dep || dep.responseState !== 'awaiting' || !isResponseLate(dep, now)) return null;
    const next: DependencyRecord = { ...dep, late: true, responseState: 'late', updatedAt: now, version: dep.version + 1 };
    flagged = true;
    return {
      rollups: new Map([[dep.projectKey, applyDependencyChange(rollups.get(dep.projectKey)!, contribution(dep), contribution(next), now)]]),
      ops: [
        ...dependencyWrites(next, dep.version),
        auditOp({ subjectId: id, at: now, kind: 'dependency.response-late', actorId: null, detail: { responseDueAt: dep.responseDueAt } }, 'l'),
      ],
    };
  });
  return flagged;
}

/** Climbs one level (or, at the top, records the breach once and stops the clock). Conditional on the version read. */
async function climb(deps: Deps, esc: EscalationRecord, now: number): Promise<boolean> {
  if (esc.dueAt >= now) return false;
  const top = esc.level >= 3;
  const level = (top ? 3 : esc.level + 1) as EscalationLevel;
  const next: EscalationRecord = {
    ...esc,
    level,
    // At the top there is nowhere to climb: the breach is recorded and the item leaves the sweep's range.
    dueAt: top ? Number.MAX_SAFE_INTEGER : levelDueAt(now, level),
    updatedAt: now,
    version: esc.version + 1,
  };
  try {
    await deps.store.transact([
      { kind: 'set', entity: ENTITY.escalation, key: esc.id, value: next, ifVersion: esc.version },
      auditOp(
        { subjectId: esc.id, at: now, kind: 'escalation.climbed', actorId: null, detail: top ? { breachedAtLevel: 3 } : { from: esc.level, to: level } },
        `v${next.version}`,
      ),
    ]);
    return true;
  } catch (e) {
    if (isAppError(e) && e.code === 'CONFLICT') return false;
    throw e;
  }
}
