import type { ActingContext, Deps } from '../kernel/ports';
import type { DependencyActionName, EscalationAction, MyQueue, QueueItem } from '../../contract';
import { readPeopleIndex, type PeopleIndex } from '../kernel/people-index';
import { readQueueEntries } from '../kernel/queue-index';
import { calendarDate, calendarOf, workingMsBetween } from '../../domain/shared/calendar';
import { MOVES } from '../../domain/dependencies/dependency';
import { NEVER } from '../../domain/escalations/escalation';
import {
  departmentOwner,
  personOwner,
  type QueueEntry,
  type QueueOwner,
} from '../../domain/cross-project/queue-entries';
import { own } from '../../domain/shared/dictionary';

const HOUR = 3_600_000;

/** What the list offers per side; the rarer steps (delay warnings, re-requests) stay in the panel. */
const PROVIDER_ACTIONS: readonly DependencyActionName[] = ['acknowledge', 'commit', 'counter', 'decline', 'deliver'];
const REQUESTER_ACTIONS: readonly DependencyActionName[] = ['acceptCounter', 'cancel'];

function dependencyActions(e: QueueEntry): DependencyActionName[] {
  const offered = e.kind === 'counter' ? REQUESTER_ACTIONS : PROVIDER_ACTIONS;
  return offered.filter((a) => MOVES[a].from.includes(e.status as never));
}

function escalationActions(e: QueueEntry): EscalationAction[] {
  const out: EscalationAction[] = [];
  if (e.status === 'open') out.push('acknowledge');
  out.push('resolve', 'reject');
  out.push(e.level < 3 ? 'climb' : 'decide');
  return out;
}

function toItem(e: QueueEntry, people: PeopleIndex, browsable: Set<string>, now: number): QueueItem {
  const cal = calendarOf(people.calendars, e.departmentId);
  const hasDeadline = e.dueAt > 0 && e.dueAt < NEVER;
  const signedMs = !hasDeadline
    ? null
    : e.dueAt >= now
      ? workingMsBetween(now, e.dueAt, cal)
      : -workingMsBetween(e.dueAt, now, cal);
  const today = calendarDate(now, cal);
  const breached = e.kind === 'escalation' && e.dueAt >= NEVER;
  const late =
    breached || (signedMs !== null ? e.dueAt < now : e.kind !== 'counter' && !!e.dueDate && e.dueDate < today);
  const dept = people.departments.find((d) => d.id === e.departmentId);
  return {
    kind: e.kind,
    id: e.subjectId,
    issueKey: e.issueKey,
    projectKey: e.projectKey,
    otherKey: e.otherKey && browsable.has(e.otherProjectKey.toUpperCase()) ? e.otherKey : null,
    title: e.title,
    status: e.status,
    level: e.level,
    department: dept ? { id: dept.id, nameZh: dept.nameZh, nameEn: dept.nameEn } : null,
    dueAt: hasDeadline ? new Date(e.dueAt).toISOString() : null,
    dueDate: e.dueDate || null,
    hoursLeft: signedMs === null ? null : Math.round((signedMs / HOUR) * 10) / 10,
    late,
    version: e.version,
    dependencyActions: e.kind === 'escalation' ? [] : dependencyActions(e),
    escalationActions: e.kind === 'escalation' ? escalationActions(e) : [],
  };
}

/** Late first; then least working time left; then the earliest date; items with neither last. */
function worstFirst(a: QueueItem, b: QueueItem): number {
  if (a.late !== b.late) return a.late ? -1 : 1;
  const ha = a.hoursLeft ?? Number.POSITIVE_INFINITY;
  const hb = b.hoursLeft ?? Number.POSITIVE_INFINITY;
  if (ha !== hb) return ha - hb;
  return (a.dueDate ?? '9999').localeCompare(b.dueDate ?? '9999');
}

/**
 * 我的协作待办: what waits on the viewer or their department, across every project they may browse. Three KVS
 * operations whatever the number of projects (the people index with the calendars, then the person's and the
 * department's queue, at once) and one Jira search per 50 projects in the queue for the browse check: an item
 * of a project the viewer cannot browse is left out before anything is counted.
 */
export async function getMyQueue(deps: Deps, ctx: ActingContext): Promise<MyQueue> {
  const now = deps.clock.now();
  const accountId = ctx.accountId;
  if (!accountId) return emptyQueue(now);
  const people = await readPeopleIndex(deps);
  const deptId = own(people.byAccount, accountId);
  const owners: QueueOwner[] = [personOwner(accountId), ...(deptId ? [departmentOwner(deptId)] : [])];
  const entries = await readQueueEntries(deps, owners);
  const browsable = entries.length
    ? await deps.jira.browsableProjects(
        'user',
        entries.flatMap((e) => [e.projectKey, e.otherProjectKey]),
      )
    : new Set<string>();
  const items = entries
    .filter((e) => browsable.has(e.projectKey.toUpperCase()))
    .map((e) => toItem(e, people, browsable, now))
    .sort(worstFirst);
  const dept = deptId ? people.departments.find((d) => d.id === deptId) : undefined;
  const count = (k: QueueItem['kind']) => items.filter((i) => i.kind === k).length;
  return {
    asOf: new Date(now).toISOString(),
    department: dept ? { id: dept.id, nameZh: dept.nameZh, nameEn: dept.nameEn } : null,
    items,
    counts: {
      response: count('response'),
      owed: count('owed'),
      counter: count('counter'),
      escalation: count('escalation'),
      late: items.filter((i) => i.late).length,
    },
  };
}

function emptyQueue(now: number): MyQueue {
  return {
    asOf: new Date(now).toISOString(),
    department: null,
    items: [],
    counts: { response: 0, owed: 0, counter: 0, escalation: 0, late: 0 },
  };
}
