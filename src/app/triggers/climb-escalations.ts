import type { Deps, TransactionOp } from '../kernel/ports';
import { ENTITY } from '../kernel/storage-keys';
import { applyEscalationChange } from '../../domain/rollup/escalations';
import { escalationContribution, transition, type EscalationRecord } from '../../domain/escalations/escalation';
import { commitWithRollups } from '../kernel/rollups';
import { auditOp } from '../kernel/audit';
import { outboxOps, releaseEffects, type Effect } from '../kernel/outbox';
import { deadlineFor } from '../../domain/escalations/ladder';
import { calendarOf } from '../../domain/shared/calendar';
import { readLadderContext, type LadderContext } from '../escalations/escalation-settings';
import { escalationEffectHandlers, escalationEffects } from '../escalations/escalation-notices';
import { writeQueueOps } from '../escalations/escalation-queue';

/**
 * Climbs per transaction: each climb writes its record, its audit entry and its e-mail to the outbox (3
 * operations), plus the batch's one fields row and one rollup shard: 7 climbs stay within Forge's 25.
 */
export const CLIMBS_PER_TRANSACTION = 7;

/** The queue message that climbs one batch of one project's due escalations. */
export const CLIMB_WORK = 'escalation.climb';

/** Hands the due escalations to the queue in batches of one project; false when there is no queue or it refused. */
export async function queueClimbs(deps: Deps, due: readonly EscalationRecord[]): Promise<boolean> {
  if (!deps.queue) return false;
  const work = [];
  for (const [projectKey, items] of groupByProject(due))
    for (let i = 0; i < items.length; i += CLIMBS_PER_TRANSACTION)
      work.push({
        body: { type: CLIMB_WORK, projectKey, ids: items.slice(i, i + CLIMBS_PER_TRANSACTION).map((e) => e.id) },
      });
  try {
    await deps.queue.push(work);
    return true;
  } catch (e) {
    deps.log.warn('climbs not queued; the sweep climbs them itself', { error: String(e) });
    return false;
  }
}

function groupByProject(due: readonly EscalationRecord[]): Map<string, EscalationRecord[]> {
  const byProject = new Map<string, EscalationRecord[]>();
  for (const e of due) byProject.set(e.projectKey, [...(byProject.get(e.projectKey) ?? []), e]);
  return byProject;
}

/** The consumer's part: climbs the batch's escalations that are still due (a duplicate message climbs none). */
export async function climbQueuedBatch(deps: Deps, projectKey: string, ids: readonly string[]): Promise<number> {
  const records = (await deps.store.getMany(ids.map((key) => ({ key, entity: ENTITY.escalation })))) as Array<
    EscalationRecord | undefined
  >;
  const batch = records.filter((e): e is EscalationRecord => !!e && e.projectKey === projectKey);
  if (batch.length === 0) return 0;
  const lc = await readLadderContext(deps, projectKey);
  return climbAndRelease(deps, projectKey, batch, deps.clock.now(), lc);
}

/**
 * Climbs due escalations one level each (at the top: records the breach once and stops the clock) until
 * `outOfTime`; returns how many climbed and the ones it did not reach.
 */
export async function climbDue(
  deps: Deps,
  due: readonly EscalationRecord[],
  now: number,
  outOfTime: () => boolean,
): Promise<{ climbed: number; left: EscalationRecord[] }> {
  let climbed = 0;
  const left: EscalationRecord[] = [];
  for (const [projectKey, items] of groupByProject(due)) {
    if (outOfTime()) {
      left.push(...items);
      continue;
    }
    // The project's ladder with the directory and calendars: one batch read per project.
    const lc = await readLadderContext(deps, projectKey);
    for (let i = 0; i < items.length; i += CLIMBS_PER_TRANSACTION) {
      if (outOfTime()) {
        left.push(...items.slice(i));
        break;
      }
      climbed += await climbAndRelease(deps, projectKey, items.slice(i, i + CLIMBS_PER_TRANSACTION), now, lc);
    }
  }
  return { climbed, left };
}

async function climbAndRelease(
  deps: Deps,
  projectKey: string,
  batch: EscalationRecord[],
  now: number,
  lc: LadderContext,
): Promise<number> {
  const { changed, effects } = await climbBatch(deps, projectKey, batch, now, lc);
  // Issue 16: the climbed escalations' queue entries; the batch's transaction has no room for them.
  if (changed.length) await writeQueueOps(deps, changed, lc);
  await releaseEffects(deps, escalationEffectHandlers, effects);
  return changed.length;
}

/**
 * One KVS transaction for the batch: the records (conditioned on the version read), their audit entries, ONE
 * rollup shard holding the batch's delta (the rollup is a sum over shards, so any shard may carry it), and the
 * outbox rows of what follows (the issues' fields, the new levels' e-mails). Two sweeps at once, or a retried
 * message, climb each item once: the losing batch re-reads its items and keeps only those still due.
 */
async function climbBatch(
  deps: Deps,
  projectKey: string,
  batch: EscalationRecord[],
  now: number,
  lc: LadderContext,
): Promise<{ changed: EscalationRecord[]; effects: Effect[] }> {
  let changed: Array<{ next: EscalationRecord; breached: boolean }> = [];
  let effects: Effect[] = [];
  await commitWithRollups(deps, `sweep:${batch[0]!.id}`, [projectKey], async (rollups, attempt) => {
    const current =
      attempt === 1
        ? batch
        : (
            (await deps.store.getMany(batch.map((e) => ({ key: e.id, entity: ENTITY.escalation })))) as Array<
              EscalationRecord | undefined
            >
          ).filter((e): e is EscalationRecord => !!e);
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
    effects = escalationEffects(
      changed.map(({ next, breached }) => ({ rec: next, notice: breached ? 'breached' : 'climbed' })),
      lc,
    );
    ops.push(...outboxOps(effects, now));
    return changed.length ? { rollups: new Map([[projectKey, rollup]]), ops } : null;
  });
  return { changed: changed.map((c) => c.next), effects };
}
