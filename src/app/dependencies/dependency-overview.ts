import type { Deps } from '../kernel/ports';
import type { DependencyOverview } from '../../contract';
import { ownEntry, readGraph } from '../kernel/graph-store';
import { calendarOf } from '../../domain/shared/calendar';
import { readPeopleIndex } from '../kernel/people-index';
import {
  dependencyHealth,
  isDependencyOpen,
  leadTimeDays,
  type DependencyHealth,
} from '../../domain/dependencies/dependency';
import { criticalPath } from '../../domain/dependencies/dependency-graph';
import type { DependencyEdgeEntry } from '../../domain/rollup/core';

const HEALTH_ORDER: Record<DependencyHealth, number> = { blocked: 0, overdue: 1, atRisk: 2, onTrack: 3, done: 4 };

/**
 * The project page's dependency figures from the project's dependency graph records (one query page, two past
 * 100 shards) and the people index
 * with the calendars (one read): department × department counts by health, the blocked, overdue and at-risk
 * list, and the critical path in working days, each dependency's days counted in its providing department's
 * calendar. No Jira call and no scan, whatever the number of dependencies. An upstream issue that itself waits
 * on something blocked or overdue puts what waits on it at risk.
 */
export async function getDependencyOverview(deps: Deps, projectKey: string): Promise<DependencyOverview> {
  const [graph, people] = await Promise.all([readGraph(deps, projectKey), readPeopleIndex(deps)]);
  const now = deps.clock.now();
  // Entries a rollup held before the graph had records of its own are moved into it by the reconcile pass.
  const entries = [...graph].filter(([, e]) => ownEntry(projectKey, e));
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
    open: entries.filter(([, e]) => isDependencyOpen(e.s)).length,
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
