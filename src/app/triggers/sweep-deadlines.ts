import type { Deps, EscalationFieldUpdate, Page, TransactionOp } from '../kernel/ports';
import { ENTITY, INDEX } from '../kernel/storage-keys';
import { isResponseLate, type DependencyRecord } from '../../domain/dependencies/dependency';
import { applyDependencyChange } from '../../domain/rollup/dependencies';
import { applyEscalationChange } from '../../domain/rollup/escalations';
import {
  escalationContribution,
  transition,
  type EscalationLevel,
  type EscalationRecord,
} from '../../domain/escalations/escalation';
import { commitWithRollups } from '../kernel/rollups';
import { contribution, readDependency, dependencyWrites } from '../dependencies/dependency-records';
import { writeQueueOps } from '../escalations/escalation-queue';
import { auditOp } from '../kernel/audit';
import { readAll } from '../kernel/paging';
import { deadlineFor, holdersOf } from '../../domain/escalations/ladder';
import { calendarOf } from '../../domain/shared/calendar';
import { readLadderContext, type LadderContext } from '../escalations/escalation-settings';
import { writeAudit } from '../escalations/escalation-records';
import { sendLevelNotice } from '../escalations/escalation-notices';

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
  if (due.length > 0) {
    const climbed = await climbDue(deps, due, started, outOfTime);
    result.escalationsClimbed += climbed;
  }
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

/** Climbs per transaction: 3 operations a climb (record, audit, notification audit added later) within Forge's 25. */
const CLIMBS_PER_TRANSACTION = 7;

/**
 * Climbs every due escalation one level (at the top: records the breach once and stops the clock). Climbs of
 * one project go in batches, each one KVS transaction with the records (conditioned on the version read),
 * their audit entries and ONE rollup shard holding the batch's delta (the rollup is a sum over shards, so
 * any shard may carry it). Two sweeps at once, or a retried one, climb each item once: the losing batch
 * re-reads its items and keeps only those still due. Then, outside the transaction, the issues' "Escalation
 * level" field follows (one Jira call per batch) and each new level's holders are notified.
 */
async function climbDue(deps: Deps, due: EscalationRecord[], now: number, outOfTime: () => boolean): Promise<number> {
  const byProject = new Map<string, EscalationRecord[]>();
  for (const e of due) byProject.set(e.projectKey, [...(byProject.get(e.projectKey) ?? []), e]);
  let climbed = 0;
  for (const [projectKey, items] of byProject) {
    // The project's ladder with the directory and calendars: one batch read per project.
    const lc = await readLadderContext(deps, projectKey);
    for (let i = 0; i < items.length; i += CLIMBS_PER_TRANSACTION) {
      if (outOfTime()) return climbed;
      const batch = items.slice(i, i + CLIMBS_PER_TRANSACTION);
      const changed = await climbBatch(deps, projectKey, batch, now, lc);
      climbed += changed.length;
      // Issue 16: the climbed escalations' queue entries; the batch's transaction has no room for them.
      await writeQueueOps(
        deps,
        changed.map((c) => c.next),
        lc,
      );
      await afterClimbs(deps, changed, lc);
    }
  }
  return climbed;
}

async function climbBatch(
  deps: Deps,
  projectKey: string,
  batch: EscalationRecord[],
  now: number,
  lc: LadderContext,
): Promise<Array<{ next: EscalationRecord; breached: boolean }>> {
  let changed: Array<{ next: EscalationRecord; breached: boolean }> = [];
  await commitWithRollups(deps, `sweep:${batch[0]!.id}`, [projectKey], async (rollups, attempt) => {
    const current =
      attempt === 1
        ? batch
        : (await Promise.all(batch.map((e) => deps.store.getEntity<EscalationRecord>(ENTITY.escalation, e.id)))).filter(
            (e): e is EscalationRecord => !!e,
          );
    let rollup = rollups.get(projectKey)!;
    const ops: TransactionOp[] = [];
    changed = [];
    for (const rec of current) {
      const out = transition(
        rec,
        { kind: 'deadline' },
        { accountId: null, holds: 0, raiser: false },
        now,
        deadlineFor(lc.ladder, calendarOf(lc.calendars, rec.departmentAsked)),
      );
      if (!out.ok) continue;
      rollup = applyEscalationChange(rollup, escalationContribution(rec), escalationContribution(out.next), now);
      ops.push(
        { kind: 'set', entity: ENTITY.escalation, key: rec.id, value: out.next, ifVersion: rec.version },
        auditOp(
          { subjectId: rec.id, at: now, kind: out.event.kind, actorId: null, detail: out.event.detail },
          `v${out.next.version}`,
        ),
      );
      changed.push({ next: out.next, breached: out.event.kind === 'escalation.breached' });
    }
    return ops.length ? { rollups: new Map([[projectKey, rollup]]), ops } : null;
  });
  return changed;
}

/**
 * The issues' fields follow, read and written in one bulk fetch and one update per batch. Climbs only raise
 * levels, so an issue takes the highest new level of the batch unless Jira already shows a higher one (another
 * open escalation of the issue). "Escalation holders" loses the holders of each climbed escalation's old level
 * and gains those of its new one; the rest of what it shows (other open escalations) stays. A breach at the top
 * keeps the level and its holders.
 */
async function afterClimbs(
  deps: Deps,
  changed: Array<{ next: EscalationRecord; breached: boolean }>,
  lc: LadderContext,
): Promise<void> {
  if (changed.length === 0) return;
  const byIssue = new Map<string, Array<{ next: EscalationRecord; breached: boolean }>>();
  for (const c of changed) byIssue.set(c.next.issueId, [...(byIssue.get(c.next.issueId) ?? []), c]);
  try {
    const shown = await deps.jira.getEscalationFieldValues([...byIssue.keys()]);
    const updates: EscalationFieldUpdate[] = [];
    for (const [issueId, climbs] of byIssue) {
      const now = shown.get(issueId);
      if (!now) continue;
      const top = climbs.reduce((a, b) =>
        b.next.level > a.next.level || (b.next.level === a.next.level && b.breached) ? b : a,
      );
      const update: EscalationFieldUpdate = { issueIds: [issueId] };
      if ((now.level ?? 0) <= top.next.level)
        Object.assign(update, { level: top.next.level, state: top.breached ? 'breached' : 'open' });
      const holders = new Set(now.holders);
      for (const { next, breached } of climbs)
        if (!breached) for (const id of holdersOf(next, (next.level - 1) as EscalationLevel, lc)) holders.delete(id);
      for (const { next } of climbs) for (const id of holdersOf(next, next.level, lc)) holders.add(id);
      if (holders.size !== now.holders.length || now.holders.some((id) => !holders.has(id)))
        update.holders = [...holders];
      if (update.level !== undefined || update.holders) updates.push(update);
    }
    if (updates.length) await deps.jira.setEscalationFields(updates);
  } catch (e) {
    deps.log.warn('escalation fields not updated by the sweep', { error: String(e) });
  }
  const audits: TransactionOp[] = [];
  for (const { next, breached } of changed) {
    const op = await sendLevelNotice(
      deps,
      { key: next.issueKey, summary: next.summary },
      next,
      lc,
      breached ? 'breached' : 'climbed',
    );
    if (op) audits.push(op);
  }
  await writeAudit(deps, audits);
}
