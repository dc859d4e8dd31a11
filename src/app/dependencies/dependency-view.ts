import type { Deps, JiraIssue, JiraUser } from '../kernel/ports';
import type { CalendarSettings, DependencyView, IssueRef, Person } from '../../contract';
import {
  allowedActions,
  approvalPending,
  approvalState,
  dependencyHealth,
  sidesOf,
  type DependencyRecord,
} from '../../domain/dependencies/dependency';
import { calendarOf } from '../../domain/shared/calendar';
import { normalizeRecord, raOf } from './dependency-records';

/** At most this many other issues are fetched live (Jira's bulk fetch takes 100 a call; the panel makes one). */
export const LIVE_OTHERS = 100;

function toPerson(u: JiraUser | undefined, accountId: string): Person {
  return u
    ? { accountId, displayName: u.displayName, active: u.active, ...(u.avatarUrl ? { avatarUrl: u.avatarUrl } : {}) }
    : { accountId, displayName: accountId };
}

const iso = (ms: number) => (ms > 0 ? new Date(ms).toISOString() : null);

/**
 * One dependency as one issue's panel shows it. `here` is the panel's issue; `other` the issue at the other
 * end as the viewer may see it (null: hidden from the viewer), `otherLive` the same issue with due date and
 * RACI when it was fetched in full. Its health counts in the providing department's calendar (`calendars`:
 * the settings that came with the people index).
 */
export function toDependencyView(
  raw: DependencyRecord,
  here: JiraIssue,
  other: IssueRef | null,
  otherLive: JiraIssue | undefined,
  viewer: string | null,
  now: number,
  calendars: CalendarSettings | undefined,
): DependencyView {
  const d = normalizeRecord(raw);
  const hereIsDownstream = d.downstreamIssueId === here.id;
  const upstream = hereIsDownstream ? otherLive : here;
  const downstream = hereIsDownstream ? here : otherLive;
  // The upstream's due date: live where it was fetched, else as of the last write.
  const upstreamDueDate = upstream ? (upstream.dueDate ?? '') : d.upstreamDueDate;
  const h = dependencyHealth(
    { status: d.status, needBy: d.needBy, late: d.late, proposedDate: d.proposedDate, upstreamDueDate },
    now,
    calendarOf(calendars, d.providingDept),
  );
  const ownerId = upstream?.raci.responsible[0] ?? upstream?.raci.accountable ?? null;
  const sides = viewer ? sidesOf(viewer, d, raOf(downstream), raOf(upstream)) : new Set<never>();
  return {
    id: d.id,
    status: d.status,
    deliverable: d.deliverable,
    needBy: d.needBy || null,
    responseDueAt: new Date(d.responseDueAt).toISOString(),
    late: d.late,
    other,
    otherIssueId: hereIsDownstream ? d.upstreamIssueId : d.downstreamIssueId,
    requestingDept: d.deptNames.requesting,
    providingDept: d.deptNames.providing,
    health: h.health,
    healthReason: h.reason,
    healthDays: h.days,
    owner:
      ownerId && upstream
        ? toPerson(
            upstream.people.find((p) => p.accountId === ownerId),
            ownerId,
          )
        : null,
    version: d.version,
    actions: allowedActions(
      d.status,
      sides,
      { asked: d.delayAskedAt > 0 },
      { pending: approvalPending(d), accountable: !!viewer && downstream?.raci.accountable === viewer },
    ),
    urgency: d.urgency ?? 'routine',
    approval: {
      state: approvalState(d, now),
      dueAt: d.approvalDueAt ? new Date(d.approvalDueAt).toISOString() : null,
      approvedAt: d.approvedAt ? new Date(d.approvedAt).toISOString() : null,
    },
    proposedDate: d.proposedDate || null,
    note: d.note,
    delay: {
      askedAt: iso(d.delayAskedAt),
      reason: d.delayReason,
      remedy: d.delayRemedy,
      answeredAt: iso(d.delayAnsweredAt),
    },
  };
}

/**
 * The Dependencies section for one issue, with at most ONE Jira call whatever the number of dependencies:
 * the issue's own `issuelinks` (already in the panel's first call) say which other issues the viewer may see,
 * with their key, summary and status; one bulk fetch, as the viewer, adds due date and RACI (the owner, and
 * who may act) for at most 100 of them: open upstream ones first, by need-by, then any not among the links.
 * The rest show what the dependency recorded at its last write.
 */
export async function dependencySection(
  deps: Deps,
  viewer: string | null,
  here: JiraIssue,
  upstream: readonly DependencyRecord[],
  downstream: readonly DependencyRecord[],
  calendars: CalendarSettings | undefined,
): Promise<{ upstream: DependencyView[]; downstream: DependencyView[] }> {
  const now = deps.clock.now();
  const linked = new Map((here.links ?? []).map((l) => [l.other.id, l.other]));
  const openFirst = [...upstream]
    .filter((d) => d.status !== 'delivered' && d.status !== 'cancelled')
    .sort((a, b) => (a.needBy || '9999').localeCompare(b.needBy || '9999'))
    .map((d) => d.upstreamIssueId);
  const unlinked = [...upstream.map((d) => d.upstreamIssueId), ...downstream.map((d) => d.downstreamIssueId)].filter(
    (id) => !linked.has(id),
  );
  const wanted = [...new Set([...openFirst, ...unlinked])].slice(0, LIVE_OTHERS);
  const live = new Map((await deps.jira.bulkFetchIssues('user', wanted)).map((i) => [i.id, i]));
  const ref = (id: string, d: DependencyRecord): IssueRef | null => {
    const full = live.get(id);
    if (full)
      return {
        id,
        key: full.key,
        summary: full.summary,
        statusName: full.statusName,
        statusCategory: full.statusCategory,
        dueDate: full.dueDate,
      };
    const l = linked.get(id);
    if (!l) return null;
    const due = id === d.upstreamIssueId ? d.upstreamDueDate || null : null;
    return {
      id,
      key: l.key,
      summary: l.summary,
      statusName: l.statusName,
      statusCategory: l.statusCategory,
      dueDate: due,
    };
  };
  return {
    upstream: upstream.map((d) =>
      toDependencyView(d, here, ref(d.upstreamIssueId, d), live.get(d.upstreamIssueId), viewer, now, calendars),
    ),
    downstream: downstream.map((d) =>
      toDependencyView(d, here, ref(d.downstreamIssueId, d), live.get(d.downstreamIssueId), viewer, now, calendars),
    ),
  };
}
