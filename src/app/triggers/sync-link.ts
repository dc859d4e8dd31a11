import type { Deps, JiraIssue, TransactionOp } from '../kernel/ports';
import { dependencyIdForLink, responseDueAt, type DependencyRecord } from '../../domain/dependencies/dependency';
import { applyDependencyChange } from '../../domain/rollup/dependencies';
import { commitWithRollups } from '../kernel/rollups';
import { auditOp } from '../kernel/audit';
import { calendarOf } from '../../domain/shared/calendar';
import {
  contribution,
  departmentOf,
  newDependencyRecord,
  readDependencySettingsAndPeople,
  readDependency,
  responseHoursOf,
  dependencyWrites,
  graphHint,
} from '../dependencies/dependency-records';
import { withPeople, type PeopleIndex } from '../kernel/people-index';

export interface LinkEvent {
  linkId: string;
  /** For "Blocks": the source blocks the destination, so the source provides and the destination needs. */
  sourceIssueId: string;
  destinationIssueId: string;
  linkTypeName: string;
  actorId: string | null;
}

/**
 * A link was created in Jira: when it is of the dependency link type, record the dependency it stands for,
 * with each side's department (its Responsible's) and the providing department's response time.
 * Idempotent: the record is keyed by the link id and written only if absent, so a re-delivered event, or the
 * event of a link the panel made (which wrote the record itself), changes nothing; a link that no longer
 * exists (its delete event overtook this one) is not recorded. Costs 3 KVS operations: the settings with the
 * people index (one batch read), the rollup shard and one transaction; 2 when the shard shows the dependency is
 * there already. A write conflict on the shard (a burst of links at once) costs the shard read and the
 * transaction again.
 */
export async function onDependencyLinkCreated(deps: Deps, ev: LinkEvent): Promise<'created' | 'exists' | 'ignored'> {
  const { settings, people } = await readDependencySettingsAndPeople(deps);
  if (ev.linkTypeName !== settings.linkType) return 'ignored';
  const id = dependencyIdForLink(ev.linkId);
  const link = await deps.jira.getIssueLink('app', ev.linkId);
  // Deleted before this event came (late delivery): end where in-order delivery would, a cancelled record.
  if (!link) return (await recordDeletedLink(deps, ev, people)) ? 'created' : 'exists';
  const now = deps.clock.now();
  const dep = await recordForLink(
    deps,
    { ...ev, sourceIssueId: link.fromIssueId, destinationIssueId: link.toIssueId },
    people,
    now,
  );
  if (!dep) return 'ignored';
  let created = true;
  await commitWithRollups(
    deps,
    id,
    [dep.projectKey],
    async (rollups, attempt) => {
      // The dependency's entry in its rollup shard (read anyway, and afresh after a conflict) says it is there
      // already: the echo of a link the panel made, or a repeated event. Otherwise write only if absent. A closed
      // record has no entry, so a second conflict means the record may exist: look.
      if (rollups.get(dep.projectKey)?.depGraph?.[id] || (attempt > 2 && (await readDependency(deps, id)))) {
        created = false;
        return null;
      }
      const ops: TransactionOp[] = [...dependencyWrites(dep, 'absent'), createdAudit(dep, ev, now)];
      const rollup = rollups.get(dep.projectKey)!;
      return { rollups: new Map([[dep.projectKey, applyDependencyChange(rollup, null, contribution(dep), now)]]), ops };
    },
    graphHint(dep),
  );
  return created ? 'created' : 'exists';
}

/**
 * The link was deleted in Jira: the dependency it stood for ends (cancelled), once. A delivered one stays
 * delivered. Events can be stray, repeated or stale, so Jira is asked first: while the link is there, nothing
 * is cancelled. A delete that overtook its create records the dependency as created and cancelled, the state
 * in-order delivery ends in.
 */
export async function onDependencyLinkDeleted(deps: Deps, ev: LinkEvent): Promise<'cancelled' | 'ignored'> {
  const id = dependencyIdForLink(ev.linkId);
  let result: 'cancelled' | 'ignored' = 'ignored';
  if (await deps.jira.getIssueLink('app', ev.linkId)) return 'ignored';
  const first = await readDependency(deps, id);
  if (!first) {
    const { settings, people } = await readDependencySettingsAndPeople(deps);
    if (ev.linkTypeName !== settings.linkType) return 'ignored';
    return (await recordDeletedLink(deps, ev, people)) ? 'cancelled' : 'ignored';
  }
  if (first.status === 'cancelled' || first.status === 'delivered') return 'ignored';
  const now = deps.clock.now();
  await commitWithRollups(
    deps,
    id,
    [first.projectKey],
    async (rollups, attempt) => {
      const dep = attempt === 1 ? first : await readDependency(deps, id);
      if (!dep || dep.status === 'cancelled' || dep.status === 'delivered') return null;
      const next = cancelled(dep, now);
      result = 'cancelled';
      const rollup = rollups.get(dep.projectKey)!;
      return {
        rollups: new Map([[dep.projectKey, applyDependencyChange(rollup, contribution(dep), contribution(next), now)]]),
        ops: [...dependencyWrites(next, dep.version), cancelledAudit(next, ev, now)],
      };
    },
    graphHint(first),
  );
  return result;
}

const cancelled = (dep: DependencyRecord, now: number): DependencyRecord => ({
  ...dep,
  status: 'cancelled',
  responseState: 'answered',
  updatedAt: now,
  version: dep.version + 1,
});
const createdAudit = (dep: DependencyRecord, ev: Pick<LinkEvent, 'linkId' | 'actorId'>, now: number) =>
  auditOp(
    {
      subjectId: dep.id,
      at: now,
      kind: 'dependency.created',
      actorId: ev.actorId,
      detail: { linkId: ev.linkId, source: 'jira-link' },
    },
    'c',
  );
const cancelledAudit = (dep: DependencyRecord, ev: Pick<LinkEvent, 'actorId'>, now: number) =>
  auditOp(
    {
      subjectId: dep.id,
      at: now,
      kind: 'dependency.cancelled',
      actorId: ev.actorId,
      detail: { reason: 'jira-link-deleted' },
    },
    'x',
  );

/** The people whose department a side takes: its Responsible and Accountable. */
const peopleOf = (i: JiraIssue) => [...i.raci.responsible, i.raci.accountable];

/** The record a dependency link stands for, built from its two sides (one bulk fetch); null when one is gone. */
async function recordForLink(
  deps: Deps,
  ev: LinkEvent,
  people: PeopleIndex,
  now: number,
): Promise<DependencyRecord | null> {
  // The blocking issue (the link's source) provides, the blocked one (its destination) needs.
  const sides = new Map(
    (await deps.jira.bulkFetchIssues('app', [ev.sourceIssueId, ev.destinationIssueId])).map((i) => [i.id, i]),
  );
  const upstream = sides.get(ev.sourceIssueId);
  const downstream = sides.get(ev.destinationIssueId);
  if (!upstream || !downstream) return null;
  people = await withPeople(deps, people, [...peopleOf(upstream), ...peopleOf(downstream), ev.actorId]);
  const providingDept = departmentOf(upstream, people, null);
  return newDependencyRecord({
    id: dependencyIdForLink(ev.linkId),
    downstreamIssueId: downstream.id,
    upstreamIssueId: upstream.id,
    linkId: ev.linkId,
    createdBy: ev.actorId ?? '',
    downstream,
    upstream,
    requestingDept: departmentOf(downstream, people, ev.actorId),
    providingDept,
    deliverable: '',
    needBy: downstream.dueDate ?? '',
    responseDueAt: responseDueAt(
      now,
      responseHoursOf(people, providingDept),
      calendarOf(people.calendars, providingDept),
    ),
    people,
    now,
  });
}

/**
 * A dependency link Jira no longer has, of which no record exists (its delete event came first, or its create
 * event came only after the delete): written as created and cancelled at once, with both audit entries. Once:
 * a record that appeared meanwhile is cancelled instead, or left as it is when it has ended. True when this
 * call wrote the record.
 */
async function recordDeletedLink(deps: Deps, ev: LinkEvent, people: PeopleIndex): Promise<boolean> {
  const now = deps.clock.now();
  const dep = await recordForLink(deps, ev, people, now);
  if (!dep) return false;
  const gone = cancelled(dep, now);
  let wrote = false;
  await commitWithRollups(
    deps,
    dep.id,
    [dep.projectKey],
    async (rollups, attempt) => {
      const before = attempt === 1 ? undefined : await readDependency(deps, dep.id);
      const rollup = rollups.get(dep.projectKey)!;
      if (before) {
        wrote = false;
        if (before.status === 'cancelled' || before.status === 'delivered') return null;
        const next = cancelled(before, now);
        return {
          rollups: new Map([
            [dep.projectKey, applyDependencyChange(rollup, contribution(before), contribution(next), now)],
          ]),
          ops: [...dependencyWrites(next, before.version), cancelledAudit(next, ev, now)],
        };
      }
      wrote = true;
      return {
        rollups: new Map([[dep.projectKey, applyDependencyChange(rollup, null, contribution(gone), now)]]),
        ops: [...dependencyWrites(gone, 'absent'), createdAudit(dep, ev, now), cancelledAudit(gone, ev, now)],
      };
    },
    graphHint(dep),
  );
  return wrote;
}
