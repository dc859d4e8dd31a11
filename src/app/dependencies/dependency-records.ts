import type { Deps, JiraIssue, TransactionOp } from '../kernel/ports';
import type { Urgency } from '../../contract';
import { readAll } from '../kernel/paging';
import { ENTITY, INDEX, KEY } from '../kernel/storage-keys';
import { readPeopleIndexWith, type PeopleIndex } from '../kernel/people-index';
import {
  approvalPending,
  DEFAULT_RESPONSE_HOURS,
  inGraph,
  standingState,
  type DeptName,
  isDependencyOpen,
  type DependencyRecord,
} from '../../domain/dependencies/dependency';
import { approvalDueKey, type DependencyContribution } from '../../domain/rollup/dependencies';
import type { DependencyEdgeEntry } from '../../domain/rollup/core';
import { own } from '../../domain/shared/dictionary';
import { dependencyQueueOp } from '../kernel/queue-index';

/** The Jira link type that stands for "waits on" unless a Jira admin chose another on the admin page. */
export const DEFAULT_DEPENDENCY_LINK_TYPE = 'Blocks';

export interface DependencySettings {
  linkType: string;
}

/** The stored settings, or the default when nobody has saved any. */
const dependencySettingsOf = (stored: DependencySettings | undefined): DependencySettings => ({
  linkType: stored?.linkType || DEFAULT_DEPENDENCY_LINK_TYPE,
});

/** One KVS read. */
export async function readDependencySettings(deps: Pick<Deps, 'store'>): Promise<DependencySettings> {
  return dependencySettingsOf(await deps.store.get<DependencySettings>(KEY.dependencySettings));
}

/** The dependency settings and the people index (with the calendars) in ONE KVS batch read. */
export async function readDependencySettingsAndPeople(
  deps: Pick<Deps, 'store'>,
): Promise<{ settings: DependencySettings; people: PeopleIndex }> {
  const { people, extra } = await readPeopleIndexWith(deps, [{ key: KEY.dependencySettings }]);
  return { settings: dependencySettingsOf(extra[0] as DependencySettings | undefined), people };
}

/**
 * A dependency's entry on the project page. It holds the request time, not the lead time: the lead time
 * counts in the providing department's calendar, which the page reads anyway and an admin may change (the
 * sweep, which writes entries too, has no calendar at hand).
 */
export function edgeEntry(dep: DependencyRecord): DependencyEdgeEntry {
  return {
    u: dep.upstreamIssueId,
    d: dep.downstreamIssueId,
    uk: dep.upstreamKey ?? '',
    dk: dep.downstreamKey ?? '',
    r: dep.requestingDept,
    p: dep.providingDept,
    n: dep.needBy,
    pd: dep.proposedDate ?? '',
    ud: dep.upstreamDueDate ?? '',
    s: dep.status,
    l: dep.late,
    c: dep.createdAt,
    t: dep.deliverable.slice(0, 80),
    ...(dep.upstreamProjectKey && dep.upstreamProjectKey !== dep.projectKey
      ? { dp: dep.projectKey, up: dep.upstreamProjectKey }
      : {}),
  };
}

/** What a dependency contributes to its requesting project's rollup: counts, and its entry on the project page. */
export function contribution(dep: DependencyRecord): DependencyContribution {
  const open = isDependencyOpen(dep.status);
  // Only what the record itself says, never the time: a contribution must be the same when it is taken back.
  const answered = dep.status !== 'requested' && dep.status !== 'cancelled';
  const deliveredOn = dep.status === 'delivered' ? new Date(dep.updatedAt).toISOString().slice(0, 10) : '';
  return {
    projectKey: dep.projectKey,
    open,
    late: open && dep.late,
    state: standingState(dep),
    versionIds: dep.downstreamVersionIds,
    ...(dep.requestingDept && dep.providingDept
      ? { departmentPair: `${dep.requestingDept}>${dep.providingDept}` }
      : {}),
    ...(answered ? { answeredInTime: !dep.late } : {}),
    ...(deliveredOn && dep.needBy ? { deliveredOnTime: deliveredOn <= dep.needBy } : {}),
    ...(dep.approvedAt ? { approvedInTime: !dep.approvalLate } : {}),
    ...(approvalPending(dep) ? { approvalDueKey: approvalDueKey(dep.approvalDueAt!) } : {}),
    id: dep.id,
    edge: inGraph(dep.status) ? edgeEntry(dep) : null,
  };
}

/** The graph shards a write of `dep` touches, for {@link commitWithRollups} to read with the rollup shards. */
export const graphHint = (dep: Pick<DependencyRecord, 'upstreamIssueId' | 'projectKey' | 'upstreamProjectKey'>) => ({
  graph: { upstream: dep.upstreamIssueId, projects: [dep.projectKey, dep.upstreamProjectKey || dep.projectKey] },
});

/** The department a side belongs to: its issue's Responsible, then Accountable, then the person acting. */
export function departmentOf(issue: JiraIssue, people: PeopleIndex, fallbackAccountId: string | null): string {
  const candidates = [
    ...issue.raci.responsible,
    ...(issue.raci.accountable ? [issue.raci.accountable] : []),
    ...(fallbackAccountId ? [fallbackAccountId] : []),
  ];
  for (const id of candidates) {
    const dept = own(people.byAccount, id);
    if (dept) return dept;
  }
  return '';
}

/** Responsible and Accountable of an issue: the people who act for its side. */
export function raOf(issue: Pick<JiraIssue, 'raci'> | undefined): string[] {
  if (!issue) return [];
  return [...issue.raci.responsible, ...(issue.raci.accountable ? [issue.raci.accountable] : [])];
}

/** A new record with every attribute set (entity attributes hold no undefined). */
export function newDependencyRecord(
  fields: Pick<DependencyRecord, 'id' | 'downstreamIssueId' | 'upstreamIssueId' | 'linkId' | 'createdBy'> & {
    downstream: JiraIssue;
    upstream: JiraIssue;
    requestingDept: string;
    providingDept: string;
    deliverable: string;
    needBy: string;
    responseDueAt: number;
    /** 日常 / 重要 / 紧急; routine when left out (a link made in Jira). */
    urgency?: Urgency;
    people: PeopleIndex;
    now: number;
  },
): DependencyRecord {
  const { downstream, upstream, people, now } = fields;
  return {
    id: fields.id,
    projectKey: downstream.projectKey,
    downstreamIssueId: downstream.id,
    upstreamIssueId: upstream.id,
    downstreamProjectKey: downstream.projectKey,
    upstreamProjectKey: upstream.projectKey,
    downstreamKey: downstream.key,
    upstreamKey: upstream.key,
    upstreamDueDate: upstream.dueDate ?? '',
    downstreamVersionIds: [...downstream.fixVersionIds],
    requestingDept: fields.requestingDept,
    providingDept: fields.providingDept,
    deliverable: fields.deliverable,
    needBy: fields.needBy,
    status: 'requested',
    responseState: 'awaiting',
    responseDueAt: fields.responseDueAt,
    late: false,
    urgency: fields.urgency ?? 'routine',
    approvalDueAt: 0,
    approvedAt: 0,
    approvedBy: '',
    approvalLate: false,
    linkId: fields.linkId,
    proposedDate: '',
    note: '',
    deptNames: {
      requesting: deptName(people, fields.requestingDept),
      providing: deptName(people, fields.providingDept),
    },
    requesterContacts: people.routing[fields.requestingDept]?.contacts ?? [],
    providerContacts: people.routing[fields.providingDept]?.contacts ?? [],
    delayAskedAt: 0,
    delayReason: '',
    delayRemedy: '',
    delayAnsweredAt: 0,
    answeredAt: 0,
    declinedAt: 0,
    deliveredAt: 0,
    createdBy: fields.createdBy,
    createdAt: now,
    updatedAt: now,
    version: 1,
  };
}

export function deptName(people: PeopleIndex, id: string): DeptName | null {
  const d = people.departments.find((x) => x.id === id);
  return d ? { id: d.id, nameZh: d.nameZh, nameEn: d.nameEn } : null;
}

export function responseHoursOf(people: PeopleIndex, dept: string): number {
  return own(people.routing, dept)?.responseHours ?? DEFAULT_RESPONSE_HOURS;
}

/** Records written before a field existed read as if it had its empty value. */
export function normalizeRecord(d: DependencyRecord): DependencyRecord {
  return {
    ...d,
    downstreamKey: d.downstreamKey ?? '',
    upstreamKey: d.upstreamKey ?? '',
    upstreamDueDate: d.upstreamDueDate ?? '',
    downstreamVersionIds: d.downstreamVersionIds ?? [],
    proposedDate: d.proposedDate ?? '',
    note: d.note ?? '',
    deptNames: d.deptNames ?? { requesting: null, providing: null },
    requesterContacts: d.requesterContacts ?? [],
    providerContacts: d.providerContacts ?? [],
    delayAskedAt: d.delayAskedAt ?? 0,
    delayReason: d.delayReason ?? '',
    delayRemedy: d.delayRemedy ?? '',
    delayAnsweredAt: d.delayAnsweredAt ?? 0,
    answeredAt: d.answeredAt ?? 0,
    declinedAt: d.declinedAt ?? 0,
    deliveredAt: d.deliveredAt ?? 0,
  };
}

export async function readDependency(deps: Pick<Deps, 'store'>, id: string): Promise<DependencyRecord | undefined> {
  const d = await deps.store.getEntity<DependencyRecord>(ENTITY.dependency, id);
  return d ? normalizeRecord(d) : undefined;
}

export const byDownstream = (issueId: string) => ({
  entity: ENTITY.dependency,
  index: INDEX.dependencyByDownstream,
  partition: [issueId],
});
export const byUpstream = (issueId: string) => ({
  entity: ENTITY.dependency,
  index: INDEX.dependencyByUpstream,
  partition: [issueId],
});

interface DependencySide {
  issueId: string;
  createdAt: number;
  dependency: DependencyRecord;
}

/**
 * The writes of one dependency: its record (conditioned on the version the caller read, or on being new) and
 * its two sides, one per issue, unconditioned because they only mirror the record and are written in the same
 * transaction. Every write of a dependency goes through here, so the sides never drift from the record.
 */
export function dependencyWrites(dep: DependencyRecord, ifVersion: number | 'absent'): TransactionOp[] {
  const side = (issueId: string, which: 'down' | 'up'): TransactionOp => ({
    kind: 'set',
    entity: ENTITY.dependencySide,
    key: KEY.dependencySide(dep.id, which),
    value: { issueId, createdAt: dep.createdAt, dependency: dep } satisfies DependencySide,
  });
  return [
    { kind: 'set', entity: ENTITY.dependency, key: dep.id, value: dep, ifVersion },
    side(dep.downstreamIssueId, 'down'),
    side(dep.upstreamIssueId, 'up'),
    // Issue 16: the collaboration queue's entry, kept by the same write.
    dependencyQueueOp(dep),
  ];
}

/**
 * An issue's dependencies both ways with one index query (a page per 100): what it waits for (`upstream`,
 * the issue is the downstream side) and who waits on it (`downstream`).
 */
export async function readIssueDependencies(
  deps: Deps,
  issueId: string,
): Promise<{ upstream: DependencyRecord[]; downstream: DependencyRecord[] }> {
  const sides = await readAll<DependencySide>(deps, {
    entity: ENTITY.dependencySide,
    index: INDEX.dependencySideByIssue,
    partition: [issueId],
  });
  const records = sides.map((s) => normalizeRecord(s.dependency));
  return {
    upstream: records.filter((d) => d.downstreamIssueId === issueId),
    downstream: records.filter((d) => d.upstreamIssueId === issueId),
  };
}
