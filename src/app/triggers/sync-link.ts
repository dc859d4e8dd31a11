import type { Deps, TransactionOp } from '../kernel/ports';
import { dependencyIdForLink, responseDueAt, type DependencyRecord } from '../../domain/dependencies/dependency';
import { applyDependencyChange } from '../../domain/rollup/dependencies';
import { commitWithRollups } from '../kernel/rollups';
import { auditOp } from '../kernel/audit';
import { calendarOf } from '../../domain/shared/calendar';
import { contribution, departmentOf, newDependencyRecord, readDependencySettingsAndPeople, readDependency, responseHoursOf, dependencyWrites } from '../dependencies/dependency-records';

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
  if (!link) return 'ignored';
  // The blocking issue provides, the blocked one needs. Both in one bulk fetch.
  const sides = new Map((await deps.jira.bulkFetchIssues('app', [link.fromIssueId, link.toIssueId])).map((i) => [i.id, i]));
  const upstream = sides.get(link.fromIssueId);
  const downstream = sides.get(link.toIssueId);
  if (!upstream || !downstream) return 'ignored';
  const now = deps.clock.now();
  const requestingDept = departmentOf(downstream, people, ev.actorId);
  const providingDept = departmentOf(upstream, people, null);
  const dep = newDependencyRecord({
    id,
    downstreamIssueId: downstream.id,
    upstreamIssueId: upstream.id,
    linkId: ev.linkId,
    createdBy: ev.actorId ?? '',
    downstream,
    upstream,
    requestingDept,
    providingDept,
    deliverable: '',
    needBy: downstream.dueDate ?? '',
    responseDueAt: responseDueAt(now, responseHoursOf(people, providingDept), calendarOf(people.calendars, providingDept)),
    people,
    now,
  });
  let created = true;
  await commitWithRollups(deps, id, [dep.projectKey], async (rollups, attempt) => {
    // The dependency's entry in its rollup shard (read anyway, and afresh after a conflict) says it is there
    // already: the echo of a link the panel made, or a repeated event. Otherwise write only if absent. A closed
    // record has no entry, so a second conflict means the record may exist: look.
    if (rollups.get(dep.projectKey)?.depGraph?.[id] || (attempt > 2 && (await readDependency(deps, id)))) {
      created = false;
      return null;
    }
    const ops: TransactionOp[] = [
      ...dependencyWrites(dep, 'absent'),
      auditOp({ subjectId: id, at: now, kind: 'dependency.created', actorId: ev.actorId, detail: { linkId: ev.linkId, source: 'jira-link' } }, 'c'),
    ];
    const rollup = rollups.get(dep.projectKey)!;
    return { rollups: new Map([[dep.projectKey, applyDependencyChange(rollup, null, contribution(dep), now)]]), ops };
  });
  return created ? 'created' : 'exists';
}

/** The link was deleted in Jira: the dependency it stood for ends (cancelled), once. A delivered one stays delivered. */
export async function onDependencyLinkDeleted(deps: Deps, ev: Pick<LinkEvent, 'linkId' | 'actorId'>): Promise<'cancelled' | 'ignored'> {
  const id = dependencyIdForLink(ev.linkId);
  let result: 'cancelled' | 'ignored' = 'ignored';
  const first = await readDependency(deps, id);
  if (!first || first.status === 'cancelled' || first.status === 'delivered') return 'ignored';
  const now = deps.clock.now();
  await commitWithRollups(deps, id, [first.projectKey], async (rollups, attempt) => {
    const dep = attempt === 1 ? first : await readDependency(deps, id);
    if (!dep || dep.status === 'cancelled' || dep.status === 'delivered') return null;
    const next: DependencyRecord = { ...dep, status: 'cancelled', responseState: 'answered', updatedAt: now, version: dep.version + 1 };
    result = 'cancelled';
    const rollup = rollups.get(dep.projectKey)!;
    return {
      rollups: new Map([[dep.projectKey, applyDependencyChange(rollup, contribution(dep), contribution(next), now)]]),
      ops: [
        ...dependencyWrites(next, dep.version),
        auditOp({ subjectId: id, at: now, kind: 'dependency.cancelled', actorId: ev.actorId, detail: { reason: 'jira-link-deleted' } }, 'x'),
      ],
    };
  });
  return result;
}
