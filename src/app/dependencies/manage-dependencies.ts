import type { ActingContext, Deps, JiraIssue } from '../kernel/ports';
import type { ActOnDependencyInput, CreateDependencyInput, DependencyOverview, IssueRef, Locale } from '../../contract';
import { formatMessage } from '../../contract';
import { AppError, isAppError } from '../kernel/errors';
import { KEY } from '../kernel/storage-keys';
import { readAll } from '../kernel/paging';
import { readAsUser } from '../kernel/visibility';
import { commitWithRollups, readRollup } from '../kernel/rollups';
import { auditOp } from '../kernel/audit';
import { calendarDate, calendarOf } from '../../domain/shared/calendar';
import { readPeopleIndex, type PeopleIndex } from '../kernel/people-index';
import {
  byDownstream,
  byUpstream,
  contribution,
  departmentOf,
  newDependencyRecord,
  raOf,
  readDependency,
  readDependencySettings,
  readDependencySettingsAndPeople,
  responseHoursOf,
  dependencyWrites,
} from './dependency-records';
import { toDependencyView } from './dependency-view';
import { issueRef } from '../kernel/issue-refs';
import {
  canMove,
  dependencyHealth,
  dependencyIdForLink,
  inGraph,
  leadTimeDays,
  MOVES,
  responseDueAt,
  sidesOf,
  type DependencyRecord,
  type DependencyHealth,
} from '../../domain/dependencies/dependency';
import { criticalPath, cycleIfAdded, successorsOf, type GraphEdge } from '../../domain/dependencies/dependency-graph';
import { applyDependencyChange } from '../../domain/rollup/dependencies';
import type { DependencyEdgeEntry } from '../../domain/rollup/core';

/** How many issues the cycle check may walk before it refuses to guess (each costs one index query). */
export const MAX_CYCLE_WALK = 500;

/** Today where the providing department works: the day its need-by and proposed dates are judged by. */
function providerToday(deps: Deps, people: PeopleIndex, providingDept: string): string {
  return calendarDate(deps.clock.now(), calendarOf(people.calendars, providingDept));
}

/**
 * Walks the dependencies that follow `start` (issue → the issues waiting on it → …), one index query per
 * issue, level by level, until `goal` is met or nothing is left, and returns the edges it saw. What it reads
 * is what the new edge could close a loop through: the reachability from the new edge's target, no more.
 */
async function reachableEdges(
  deps: Deps,
  start: string,
  goal: string,
): Promise<{ edges: GraphEdge[]; keys: Map<string, string> }> {
  const edges: GraphEdge[] = [];
  const keys = new Map<string, string>();
  const seen = new Set([start]);
  let frontier = [start];
  while (frontier.length > 0) {
    if (seen.size > MAX_CYCLE_WALK)
      throw new AppError('VALIDATION', 'dependency.tooDeep', { key: keys.get(start) ?? start, n: seen.size });
    const pages = await Promise.all(frontier.map((id) => readAll<DependencyRecord>(deps, byUpstream(id))));
    const next: string[] = [];
    for (const list of pages) {
      for (const d of list) {
        if (!inGraph(d.status)) continue;
        edges.push({ id: d.id, from: d.upstreamIssueId, to: d.downstreamIssueId, weight: 1 });
        if (d.upstreamKey) keys.set(d.upstreamIssueId, d.upstreamKey);
        if (d.downstreamKey) keys.set(d.downstreamIssueId, d.downstreamKey);
        if (!seen.has(d.downstreamIssueId)) {
          seen.add(d.downstreamIssueId);
          next.push(d.downstreamIssueId);
        }
      }
    }
    if (seen.has(goal)) break;
    frontier = next;
  }
  return { edges, keys };
}

function requireDept(people: PeopleIndex, id: string | undefined, field: string): string | undefined {
  if (id === undefined) return undefined;
  if (!people.departments.some((d) => d.id === id))
    throw new AppError('VALIDATION', 'dependency.unknownDept', { id }, field);
  return id;
}

/**
 * A dependency made in the panel: checked in full before anything is written (not the issue itself, the
 * other issue exists and the user may see it, no open duplicate, need-by not past where the providing
 * department works, no cycle), then the Jira link is created as the user (so Jira's own Link issues
 * permission applies), then the record. The link event that follows finds the record and changes nothing;
 * if it overtook the write, the write completes the record the event made.
 */
export async function createDependency(deps: Deps, ctx: ActingContext, issueKey: string, input: CreateDependencyInput) {
  const otherKey = input.otherIssueKey.toUpperCase();
  if (otherKey === issueKey.toUpperCase()) throw new AppError('VALIDATION', 'dependency.self', {}, 'otherIssueKey');
  const here = await readAsUser(
    'issue',
    () => deps.jira.getIssue('user', issueKey),
    () => deps.jira.getIssue('app', issueKey),
  );
  const other = await readAsUser(
    'issue',
    () => deps.jira.getIssue('user', otherKey),
    () => deps.jira.getIssue('app', otherKey),
  ).catch((e: unknown) => {
    if (isAppError(e) && e.code === 'NOT_FOUND')
      throw new AppError('NOT_FOUND', 'notFound.issue', { key: otherKey }, 'otherIssueKey');
    if (isAppError(e) && e.code === 'FORBIDDEN')
      throw new AppError('FORBIDDEN', 'forbidden.browse', { what: 'issue' }, 'otherIssueKey');
    throw e;
  });
  if (other.id === here.id) throw new AppError('VALIDATION', 'dependency.self', {}, 'otherIssueKey');
  const [upstream, downstream] = input.direction === 'upstream' ? [other, here] : [here, other];
  const [{ settings, people }, existing] = await Promise.all([
    readDependencySettingsAndPeople(deps),
    readAll<DependencyRecord>(deps, byDownstream(downstream.id)),
  ]);
  const dup = existing.find((d) => d.upstreamIssueId === upstream.id && inGraph(d.status));
  if (dup)
    throw new AppError(
      'CONFLICT',
      'dependency.duplicate',
      { downstream: downstream.key, upstream: upstream.key },
      'otherIssueKey',
    );
  const requestingDept =
    requireDept(people, input.requestingDept, 'requestingDept') ?? departmentOf(downstream, people, ctx.accountId);
  const providingDept =
    requireDept(people, input.providingDept, 'providingDept') ?? departmentOf(upstream, people, null);
  if (input.needBy < providerToday(deps, people, providingDept))
    throw new AppError('VALIDATION', 'dependency.needByPast', { date: input.needBy }, 'needBy');

  const walk = await reachableEdges(deps, downstream.id, upstream.id);
  const cycle = cycleIfAdded(successorsOf(walk.edges), upstream.id, downstream.id);
  if (cycle) {
    const name = (id: string) =>
      walk.keys.get(id) ?? (id === upstream.id ? upstream.key : id === downstream.id ? downstream.key : id);
    throw new AppError('VALIDATION', 'dependency.cycle', { cycle: cycle.map(name).join(' → ') }, 'otherIssueKey');
  }

  const linkId = await ensureLink(deps, settings.linkType, upstream, downstream);
  const id = dependencyIdForLink(linkId);
  const now = deps.clock.now();
  const fresh = newDependencyRecord({
    id,
    downstreamIssueId: downstream.id,
    upstreamIssueId: upstream.id,
    linkId,
    createdBy: ctx.accountId ?? '',
    downstream,
    upstream,
    requestingDept,
    providingDept,
    deliverable: input.deliverable,
    needBy: input.needBy,
    responseDueAt: responseDueAt(
      now,
      responseHoursOf(people, providingDept),
      calendarOf(people.calendars, providingDept),
    ),
    people,
    now,
  });
  let written = fresh;
  await commitWithRollups(deps, id, [fresh.projectKey], async (rollups, attempt) => {
    // First try: a new record. After a conflict the link event (or an older, closed dependency on the same link)
    // is there: complete it with what the user entered.
    const before = attempt === 1 ? null : ((await readDependency(deps, id)) ?? null);
    // Someone else described this pair first (two people adding it at once): theirs stands, this one is told.
    // A record without a deliverable is the link event's placeholder, which the user's entry completes.
    if (before && inGraph(before.status) && before.deliverable !== '') {
      throw new AppError(
        'CONFLICT',
        'dependency.duplicate',
        { downstream: downstream.key, upstream: upstream.key },
        'otherIssueKey',
      );
    }
    written = before ? { ...fresh, createdAt: before.createdAt, version: before.version + 1 } : fresh;
    const rollup = rollups.get(fresh.projectKey)!;
    return {
      rollups: new Map([
        [
          fresh.projectKey,
          applyDependencyChange(rollup, before ? contribution(before) : null, contribution(written), now),
        ],
      ]),
      ops: [
        ...dependencyWrites(written, before ? before.version : 'absent'),
        auditOp(
          {
            subjectId: id,
            at: now,
            kind: 'dependency.created',
            actorId: ctx.accountId,
            detail: { linkId, source: 'panel' },
          },
          'p',
        ),
      ],
    };
  });
  const otherLive = other;
  return {
    dependency: toDependencyView(written, here, issueRef(otherLive), otherLive, ctx.accountId, now, people.calendars),
    version: written.version,
  };
}

/** The Jira link standing for the dependency: the one already there, or a new one made as the user. */
async function ensureLink(deps: Deps, linkType: string, upstream: JiraIssue, downstream: JiraIssue): Promise<string> {
  const find = async () => {
    const issue = await deps.jira.getIssue('user', downstream.id, { withLinks: true });
    return issue.links?.find((l) => l.typeName === linkType && l.direction === 'inward' && l.other.id === upstream.id)
      ?.linkId;
  };
  const already = await find();
  if (already) return already;
  await deps.jira.createIssueLink('user', linkType, upstream.id, downstream.id).catch((e: unknown) => {
    // Both issues were just read as this user, so Jira's 404 here means the one thing it also answers 404 for:
    // no Link issues permission (or linking switched off).
    if (isAppError(e) && e.code === 'NOT_FOUND') throw new AppError('FORBIDDEN', 'dependency.noLinkPermission');
    throw e;
  });
  const made = await find();
  if (!made) throw new AppError('UPSTREAM', 'upstream.jira', { status: 201 });
  return made;
}

const TEXT_REQUIRED: Partial<Record<ActOnDependencyInput['action'], 'decline' | 'delay explanation'>> = {
  decline: 'decline',
  explainDelay: 'delay explanation',
};

/**
 * One step of a dependency by a person on the side allowed to take it, on the version they saw. Answers from
 * the providing side stop the response clock. A cancel removes the Jira link too; a delay warning emails
 * the upstream Responsible.
 */
export async function actOnDependency(
  deps: Deps,
  ctx: ActingContext & { locale: Locale },
  issueKey: string,
  input: ActOnDependencyInput,
) {
  const dep = await readDependency(deps, input.dependencyId);
  const [issues, people] = await Promise.all([
    dep ? deps.jira.bulkFetchIssues('user', [dep.upstreamIssueId, dep.downstreamIssueId]) : Promise.resolve([]),
    readPeopleIndex(deps),
  ]);
  const byId = new Map(issues.map((i) => [i.id, i]));
  const here = issues.find((i) => i.key.toUpperCase() === issueKey.toUpperCase());
  if (!dep || !here) throw new AppError('NOT_FOUND', 'dependency.notFound');
  const upstream = byId.get(dep.upstreamIssueId);
  const downstream = byId.get(dep.downstreamIssueId);
  const withFresh = {
    ...dep,
    requesterContacts: [...dep.requesterContacts, ...(people.routing[dep.requestingDept]?.contacts ?? [])],
    providerContacts: [...dep.providerContacts, ...(people.routing[dep.providingDept]?.contacts ?? [])],
  };
  const sides = ctx.accountId ? sidesOf(ctx.accountId, withFresh, raOf(downstream), raOf(upstream)) : new Set();
  const move = MOVES[input.action];
  if (!sides.has(move.side)) throw new AppError('FORBIDDEN', 'dependency.notYourSide', { what: move.side });
  if (!canMove(input.action, dep.status))
    throw new AppError('CONFLICT', 'dependency.badMove', { status: dep.status, action: input.action });
  if (input.version !== dep.version) throw new AppError('CONFLICT', 'conflict.version', { what: 'dependency' });
  const textNeeded = TEXT_REQUIRED[input.action];
  if (textNeeded && !input.text)
    throw new AppError('VALIDATION', 'dependency.textRequired', { what: textNeeded }, 'text');
  if (input.action === 'counter' && !input.date)
    throw new AppError('VALIDATION', 'dependency.dateRequired', {}, 'date');
  if (input.action === 'counter' && input.date! < providerToday(deps, people, dep.providingDept))
    throw new AppError('VALIDATION', 'dependency.needByPast', { date: input.date! }, 'date');
  if (input.action === 'explainDelay' && !input.remedy)
    throw new AppError('VALIDATION', 'dependency.remedyRequired', {}, 'remedy');

  const now = deps.clock.now();
  const answered =
    move.side === 'provider' &&
    dep.responseState !== 'answered' &&
    ['acknowledge', 'decline', 'counter', 'commit', 'deliver'].includes(input.action);
  const next: DependencyRecord = {
    ...dep,
    status: move.to ?? dep.status,
    ...(answered ? { responseState: 'answered' as const } : {}),
    ...(upstream ? { upstreamDueDate: upstream.dueDate ?? '', upstreamKey: upstream.key } : {}),
    ...(downstream ? { downstreamKey: downstream.key } : {}),
    updatedAt: now,
    version: dep.version + 1,
  };
  switch (input.action) {
    case 'decline':
      next.note = input.text!;
      break;
    case 'counter':
      next.proposedDate = input.date!;
      next.note = input.text ?? '';
      break;
    case 'acceptCounter':
      next.needBy = dep.proposedDate;
      next.proposedDate = '';
      break;
    case 'request':
      Object.assign(next, {
        responseState: 'awaiting',
        late: false,
        note: '',
        responseDueAt: responseDueAt(
          now,
          responseHoursOf(people, dep.providingDept),
          calendarOf(people.calendars, dep.providingDept),
        ),
      });
      break;
    case 'cancel':
    case 'deliver':
      next.responseState = 'answered';
      break;
    case 'askDelay':
      Object.assign(next, { delayAskedAt: now, delayAnsweredAt: 0 });
      break;
    case 'explainDelay':
      Object.assign(next, { delayReason: input.text!, delayRemedy: input.remedy!, delayAnsweredAt: now });
      break;
    default:
      break;
  }
  const written = await commitWithRollups(deps, dep.id, [dep.projectKey], async (rollups, attempt) => {
    if (attempt > 1) {
      const again = await readDependency(deps, dep.id);
      if (!again || again.version !== dep.version)
        throw new AppError('CONFLICT', 'conflict.version', { what: 'dependency' });
    }
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
            subjectId: dep.id,
            at: now,
            kind: 'dependency.changed',
            actorId: ctx.accountId,
            detail: { action: input.action, from: dep.status, to: next.status },
          },
          `v${next.version}`,
        ),
      ],
    };
  }).catch((e: unknown) => {
    if (isAppError(e) && e.code === 'CONFLICT' && e.messageId === 'conflict.version') throw e;
    if (isAppError(e) && e.code === 'CONFLICT')
      throw new AppError('CONFLICT', 'conflict.version', { what: 'dependency' });
    throw e;
  });
  if (written && input.action === 'cancel' && dep.linkId) {
    // The dependency is over whatever Jira says; a link Jira keeps (no permission to delete) is only a link now.
    await deps.jira
      .deleteIssueLink('user', dep.linkId)
      .catch((e: unknown) => deps.log.warn('cancel: link not deleted', { linkId: dep.linkId, error: String(e) }));
  }
  if (written && input.action === 'askDelay' && upstream) await notifyDelayAsked(deps, ctx, next, upstream, downstream);
  const other = here.id === dep.upstreamIssueId ? downstream : upstream;
  return {
    dependency: toDependencyView(
      next,
      here,
      other ? issueRef(other) : null,
      other,
      ctx.accountId,
      now,
      people.calendars,
    ),
    version: next.version,
  };
}

async function notifyDelayAsked(
  deps: Deps,
  ctx: ActingContext,
  dep: DependencyRecord,
  upstream: JiraIssue,
  downstream: JiraIssue | undefined,
) {
  const to = upstream.raci.responsible.length > 0 ? upstream.raci.responsible : raOf(upstream);
  if (to.length === 0) return;
  const actor = ctx.accountId ?? '';
  const params = {
    key: upstream.key,
    downstream: downstream?.key ?? dep.downstreamKey,
    deliverable: dep.deliverable,
    needBy: dep.needBy || '-',
    actor,
  };
  // Recipients may read either language: both, Chinese first (the seeds' users), in one email.
  const subject = `${formatMessage('dependency.delayAsked.subject', 'zh', params)} / ${formatMessage('dependency.delayAsked.subject', 'en', params)}`;
  const text = `${formatMessage('dependency.delayAsked.body', 'zh', params)}\n\n${formatMessage('dependency.delayAsked.body', 'en', params)}`;
  const escapeHtml = (s: string) =>
    s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);
  await deps.jira
    .notify('app', upstream.key, {
      subject,
      textBody: text,
      htmlBody: text
        .split('\n\n')
        .map((p) => `<p>${escapeHtml(p)}</p>`)
        .join(''),
      toAccountIds: to,
    })
    .catch((e: unknown) => deps.log.warn('delay warning: email not sent', { key: upstream.key, error: String(e) }));
}

/** The issue picker: issues the user may see whose key or text matches, as Jira's search finds them for the user. */
export async function searchIssuesForDependency(
  deps: Deps,
  issueKey: string,
  query: string,
): Promise<{ issues: IssueRef[] }> {
  const q = query.replace(/["\\]/g, ' ').trim();
  const clauses = [`text ~ "${q}*"`];
  if (/^[A-Za-z][A-Za-z0-9_]*-\d+$/.test(q)) clauses.unshift(`key = "${q.toUpperCase()}"`);
  const jql = `(${clauses.join(' OR ')}) AND key != "${issueKey}" ORDER BY updated DESC`;
  try {
    const found = await deps.jira.searchIssues('user', jql, { maxResults: 20 });
    return { issues: found.issues.map(issueRef) };
  } catch (e) {
    // Jira refuses `key = "X-999"` when no such issue exists (or the user may not see it): nothing matches.
    if (e instanceof AppError && e.code === 'VALIDATION') return { issues: [] };
    throw e;
  }
}

const HEALTH_ORDER: Record<DependencyHealth, number> = { blocked: 0, overdue: 1, atRisk: 2, onTrack: 3, done: 4 };

/**
 * The project page's dependency figures from the project rollup alone (one index query) and the people index
 * with the calendars (one read): department × department counts by health, the blocked, overdue and at-risk
 * list, and the critical path in working days, each dependency's days counted in its providing department's
 * calendar. No Jira call and no scan, whatever the number of dependencies. An upstream issue that itself waits
 * on something blocked or overdue puts what waits on it at risk.
 */
export async function getDependencyOverview(deps: Deps, projectKey: string): Promise<DependencyOverview> {
  const [rollup, people] = await Promise.all([readRollup(deps, projectKey), readPeopleIndex(deps)]);
  const now = deps.clock.now();
  const entries = Object.entries(rollup.depGraph ?? {});
  const calendar = (e: DependencyEdgeEntry) => calendarOf(people.calendars, e.p);
  const health = (e: DependencyEdgeEntry, upstreamBlocked: boolean) =>
    dependencyHealth(
      { status: e.s, needBy: e.n, late: e.l, proposedDate: e.pd, upstreamDueDate: e.ud, upstreamBlocked },
      now,
      calendar(e),
    );
  // Entries written before they held the request time keep the plain-weekday weight they stored.
  const weight = (e: DependencyEdgeEntry) =>
    e.c === undefined ? (e.w ?? 1) : leadTimeDays({ createdAt: e.c, needBy: e.n }, calendar(e));
  const shown = await keysTheViewerMaySee(
    deps,
    projectKey,
    entries.flatMap(([, e]) => [
      { id: e.u, key: e.uk },
      { id: e.d, key: e.dk },
    ]),
  );
  const first = new Map(entries.map(([id, e]) => [id, health(e, false)]));
  const stuck = new Set(
    entries.filter(([id]) => ['blocked', 'overdue'].includes(first.get(id)!.health)).map(([, e]) => e.d),
  );
  const matrix = new Map<string, DependencyOverview['matrix'][number]>();
  const problems: DependencyOverview['problems'] = [];
  for (const [id, e] of entries) {
    const h = first.get(id)!.health === 'onTrack' && stuck.has(e.u) ? health(e, true) : first.get(id)!;
    const cellKey = `${e.r}\u0000${e.p}`;
    const cell = matrix.get(cellKey) ?? {
      requesting: e.r,
      providing: e.p,
      total: 0,
      onTrack: 0,
      atRisk: 0,
      overdue: 0,
      blocked: 0,
    };
    cell.total += 1;
    if (h.health !== 'done') cell[h.health] += 1;
    matrix.set(cellKey, cell);
    if (h.health === 'blocked' || h.health === 'overdue' || h.health === 'atRisk') {
      problems.push({
        id,
        upstreamKey: shown(e.u, e.uk),
        downstreamKey: shown(e.d, e.dk),
        requestingDept: e.r,
        providingDept: e.p,
        deliverable: e.t,
        needBy: e.n || null,
        status: e.s,
        health: h.health,
        reason: h.reason,
        days: h.days,
      });
    }
  }
  problems.sort(
    (a, b) => HEALTH_ORDER[a.health] - HEALTH_ORDER[b.health] || b.days - a.days || a.id.localeCompare(b.id),
  );
  const keys = new Map<string, string | null>();
  for (const [, e] of entries) {
    keys.set(e.u, shown(e.u, e.uk));
    keys.set(e.d, shown(e.d, e.dk));
  }
  const path = criticalPath(entries.map(([id, e]) => ({ id, from: e.u, to: e.d, weight: weight(e) })));
  const used = new Set(entries.flatMap(([, e]) => [e.r, e.p]));
  return {
    asOf: new Date(now).toISOString(),
    departments: people.departments.filter((d) => used.has(d.id)),
    matrix: [...matrix.values()].sort(
      (a, b) => a.requesting.localeCompare(b.requesting) || a.providing.localeCompare(b.providing),
    ),
    problems: problems.slice(0, 200),
    criticalPath: {
      lengthDays: path.length,
      issueKeys: path.nodes.map((n) => (keys.has(n) ? keys.get(n)! : null)),
      dependencyIds: path.edges,
    },
    open: rollup.dependencies.open,
  };
}

/**
 * Which work item keys the viewer may see on a project page: those of the project itself (the page is opened
 * from it), and of other projects only what Jira shows the viewer (one bulk read as the user, and only when
 * the project's dependencies reach into other projects). The others read "a work item you cannot see".
 */
async function keysTheViewerMaySee(deps: Deps, projectKey: string, items: ReadonlyArray<{ id: string; key: string }>) {
  const own = (key: string) => key.slice(0, key.lastIndexOf('-')) === projectKey;
  const foreign = [...new Set(items.filter((i) => !own(i.key)).map((i) => i.id))];
  const visible = new Set(foreign.length ? (await deps.jira.bulkFetchIssues('user', foreign)).map((i) => i.id) : []);
  return (id: string, key: string): string | null => (own(key) || visible.has(id) ? key : null);
}

/** The admin page's dependency settings: the link type, and the site's link types to choose from. */
export async function getDependencySettings(deps: Deps) {
  const [settings, available] = await Promise.all([readDependencySettings(deps), deps.jira.getIssueLinkTypes('user')]);
  return { linkType: settings.linkType, available };
}

export async function saveDependencySettings(deps: Deps, ctx: ActingContext, linkType: string) {
  if (!ctx.accountId || !(await deps.jira.hasPermissions('user', {}, ['ADMINISTER'])).ADMINISTER)
    throw new AppError('FORBIDDEN', 'dependency.forbiddenAdmin');
  const available = await deps.jira.getIssueLinkTypes('user');
  if (!available.some((t) => t.name === linkType))
    throw new AppError('VALIDATION', 'dependency.linkTypeUnknown', { name: linkType }, 'linkType');
  await deps.store.set(KEY.dependencySettings, { linkType });
  return { linkType, available };
}
