import type { ActingContext, Deps, JiraIssue } from '../kernel/ports';
import type { CreateDependencyInput } from '../../contract';
import { AppError, isAppError } from '../kernel/errors';
import { readAll } from '../kernel/paging';
import { downstreamProject, readGraph } from '../kernel/graph-store';
import type { DependencyEdgeEntry } from '../../domain/rollup/core';
import { readAsUser } from '../kernel/visibility';
import { commitWithRollups, readRollup } from '../kernel/rollups';
import { auditOp } from '../kernel/audit';
import { calendarOf } from '../../domain/shared/calendar';
import { dependencyLimitsOf, responseLimit } from '../../domain/shared/limits';
import { withPeople, type PeopleIndex } from '../kernel/people-index';
import {
  byDownstream,
  contribution,
  departmentOf,
  newDependencyRecord,
  readDependency,
  readDependencySettingsAndPeople,
  responseHoursOf,
  dependencyWrites,
  graphHint,
} from './dependency-records';
import { toDependencyView } from './dependency-view';
import { providerToday } from './provider-today';
import { issueRef } from '../kernel/issue-refs';
import {
  dependencyIdForLink,
  inGraph,
  responseDueAt,
  type DependencyRecord,
} from '../../domain/dependencies/dependency';
import { cycleIfAdded, successorsOf, type GraphEdge } from '../../domain/dependencies/dependency-graph';
import { applyDependencyChange } from '../../domain/rollup/dependencies';

/** How many projects' graphs the cycle check may read (two query pages each) before it refuses to guess. */
export const MAX_CYCLE_PROJECTS = 25;

/**
 * The dependencies that follow `start` (issue → the issues waiting on it → …), read from the dependency graph
 * records of the projects the walk enters: a project's graph holds every dependency its issues provide for,
 * so one project costs two query pages (and the legacy entries of its rollup, one) however many issues it has.
 * Level by level until `goal` is met or nothing is left; returns the edges it saw.
 */
async function reachableEdges(
  deps: Deps,
  start: { id: string; projectKey: string },
  goal: string,
): Promise<{ edges: GraphEdge[]; keys: Map<string, string> }> {
  const edges: GraphEdge[] = [];
  const keys = new Map<string, string>();
  const out = new Map<string, Array<{ id: string; e: DependencyEdgeEntry; holder: string }>>();
  const loaded = new Set<string>();
  const load = async (projects: string[]) => {
    const fresh = projects.filter((p) => !loaded.has(p));
    if (loaded.size + fresh.length > MAX_CYCLE_PROJECTS)
      throw new AppError('VALIDATION', 'dependency.tooDeep', { key: keys.get(start.id) ?? start.id, n: keys.size });
    for (const p of fresh) loaded.add(p);
    const graphs = await Promise.all(
      fresh.map(async (p) => {
        const [graph, rollup] = await Promise.all([readGraph(deps, p), readRollup(deps, p)]);
        const all = new Map(Object.entries(rollup.depGraph ?? {}));
        for (const [id, e] of graph) all.set(id, e);
        return { p, all };
      }),
    );
    for (const { p, all } of graphs)
      for (const [id, e] of all) {
        if (!inGraph(e.s)) continue;
        const list = out.get(e.u) ?? [];
        if (!list.some((x) => x.id === id)) list.push({ id, e, holder: p });
        out.set(e.u, list);
      }
  };
  const projectOf = new Map([[start.id, start.projectKey]]);
  const seen = new Set([start.id]);
  let frontier = [start.id];
  while (frontier.length > 0) {
    await load([...new Set(frontier.map((n) => projectOf.get(n)!))]);
    const next: string[] = [];
    for (const n of frontier) {
      for (const { id, e, holder } of out.get(n) ?? []) {
        edges.push({ id, from: e.u, to: e.d, weight: 1 });
        if (e.uk) keys.set(e.u, e.uk);
        if (e.dk) keys.set(e.d, e.dk);
        if (!seen.has(e.d)) {
          seen.add(e.d);
          projectOf.set(e.d, downstreamProject(holder, e));
          next.push(e.d);
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
  const [{ settings, people: index }, existing] = await Promise.all([
    readDependencySettingsAndPeople(deps),
    readAll<DependencyRecord>(deps, byDownstream(downstream.id)),
  ]);
  const people = await withPeople(deps, index, [
    ...downstream.raci.responsible,
    downstream.raci.accountable,
    ...upstream.raci.responsible,
    upstream.raci.accountable,
    ctx.accountId,
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

  const walk = await reachableEdges(deps, { id: downstream.id, projectKey: downstream.projectKey }, upstream.id);
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
      responseLimit(dependencyLimitsOf(people.calendars), input.urgency, responseHoursOf(people, providingDept)),
      calendarOf(people.calendars, providingDept),
    ),
    urgency: input.urgency,
    people,
    now,
  });
  let written = fresh;
  await commitWithRollups(
    deps,
    id,
    [fresh.projectKey],
    async (rollups, attempt) => {
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
    },
    graphHint(fresh),
  );
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
