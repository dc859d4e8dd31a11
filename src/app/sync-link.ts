import type { Deps, TransactionOp } from './ports';
import { ENTITY } from './storage-keys';
import { dependencyIdForLink, isDependencyOpen, responseDueAt, type DependencyRecord } from '../domain/dependency';
import { applyDependencyChange, type DependencyContribution } from '../domain/rollup';
import { commitWithRollups } from './rollups';
import { auditOp } from './audit';

/** The Jira link type that stands for "waits on". Made configurable per site with the dependency work (issue 4). */
export const DEPENDENCY_LINK_TYPE = 'Blocks';

export interface LinkEvent {
  linkId: string;
  /** For "Blocks": the source blocks the destination, so the source provides and the destination needs. */
  sourceIssueId: string;
  destinationIssueId: string;
  linkTypeName: string;
  actorId: string | null;
}

export function contribution(dep: DependencyRecord): DependencyContribution {
  const open = isDependencyOpen(dep.status);
  return { projectKey: dep.projectKey, open, late: open && dep.late };
}

/**
 * A link of the dependency type was created in Jira: record the dependency it stands for. Idempotent:
 * the dependency is keyed by the link id, and a link that no longer exists (its delete event overtook
 * this one) is not recorded.
 */
export async function onDependencyLinkCreated(deps: Deps, ev: LinkEvent): Promise<'created' | 'exists' | 'ignored'> {
  if (ev.linkTypeName !== DEPENDENCY_LINK_TYPE) return 'ignored';
  const id = dependencyIdForLink(ev.linkId);
  if (await deps.store.getEntity<DependencyRecord>(ENTITY.dependency, id)) return 'exists';
  const link = await deps.jira.getIssueLink('app', ev.linkId);
  if (!link) return 'ignored';
  // "Blocks": the blocking issue provides, the blocked one needs. Both in one bulk fetch.
  const sides = new Map((await deps.jira.bulkFetchIssues('app', [link.fromIssueId, link.toIssueId])).map((i) => [i.id, i]));
  const upstream = sides.get(link.fromIssueId);
  const downstream = sides.get(link.toIssueId);
  if (!upstream || !downstream) return 'ignored';
  const now = deps.clock.now();
  const dep: DependencyRecord = {
    id,
    projectKey: downstream.projectKey,
    downstreamIssueId: downstream.id,
    upstreamIssueId: upstream.id,
    downstreamProjectKey: downstream.projectKey,
    upstreamProjectKey: upstream.projectKey,
    requestingDept: '',
    providingDept: '',
    deliverable: '',
    needBy: downstream.dueDate ?? '',
    status: 'requested',
    responseState: 'awaiting',
    responseDueAt: responseDueAt(now),
    late: false,
    linkId: ev.linkId,
    createdBy: ev.actorId ?? '',
    createdAt: now,
    updatedAt: now,
    version: 1,
  };
  let created = true;
  await commitWithRollups(deps, id, [dep.projectKey], async (rollups, attempt) => {
    if (attempt > 1 && (await deps.store.getEntity<DependencyRecord>(ENTITY.dependency, id))) {
      created = false;
      return null;
    }
    const ops: TransactionOp[] = [
      { kind: 'set', entity: ENTITY.dependency, key: id, value: dep, ifVersion: 'absent' },
      auditOp({ subjectId: id, at: now, kind: 'dependency.created', actorId: ev.actorId, detail: { linkId: ev.linkId, source: 'jira-link' } }, 'c'),
    ];
    const rollup = rollups.get(dep.projectKey)!;
    return { rollups: new Map([[dep.projectKey, applyDependencyChange(rollup, null, contribution(dep), now)]]), ops };
  });
  return created ? 'created' : 'exists';
}

/** The link was deleted in Jira: the dependency it stood for ends (cancelled), once. */
export async function onDependencyLinkDeleted(deps: Deps, ev: Pick<LinkEvent, 'linkId' | 'actorId'>): Promise<'cancelled' | 'ignored'> {
  const id = dependencyIdForLink(ev.linkId);
  let result: 'cancelled' | 'ignored' = 'ignored';
  const first = await deps.store.getEntity<DependencyRecord>(ENTITY.dependency, id);
  if (!first || first.status === 'cancelled' || first.status === 'delivered') return 'ignored';
  const now = deps.clock.now();
  await commitWithRollups(deps, id, [first.projectKey], async (rollups, attempt) => {
    const dep = attempt === 1 ? first : await deps.store.getEntity<DependencyRecord>(ENTITY.dependency, id);
    if (!dep || dep.status === 'cancelled' || dep.status === 'delivered') return null;
    const next: DependencyRecord = { ...dep, status: 'cancelled', responseState: 'answered', updatedAt: now, version: dep.version + 1 };
    result = 'cancelled';
    const rollup = rollups.get(dep.projectKey)!;
    return {
      rollups: new Map([[dep.projectKey, applyDependencyChange(rollup, contribution(dep), contribution(next), now)]]),
      ops: [
        { kind: 'set', entity: ENTITY.dependency, key: id, value: next, ifVersion: dep.version },
        auditOp({ subjectId: id, at: now, kind: 'dependency.cancelled', actorId: ev.actorId, detail: { reason: 'jira-link-deleted' } }, 'x'),
      ],
    };
  });
  return result;
}
