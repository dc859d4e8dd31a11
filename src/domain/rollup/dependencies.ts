import {
  change,
  type Delta,
  type DependencyCounters,
  type DependencyEdgeEntry,
  type ProjectRollup,
  type Tree,
} from './core';
import { setOwn } from '../shared/dictionary';

// What a dependency contributes to its requesting project's rollup.

/** Open dependencies of one group (a version, a department pair), zeros included. */
export function dependencyCounters(group: Partial<DependencyCounters> | undefined): DependencyCounters {
  return { open: group?.open ?? 0, late: group?.late ?? 0, atRisk: group?.atRisk ?? 0, blocked: group?.blocked ?? 0 };
}

/**
 * What a dependency contributes to its requesting project's rollup. The optional parts are for the
 * dependency feature to fill in; a contribution without them counts only as open / late.
 */
export interface DependencyContribution {
  projectKey: string;
  open: boolean;
  late: boolean;
  /** Whether, while open, it is at risk of missing its need-by date, or blocked. */
  state?: 'on-track' | 'at-risk' | 'blocked';
  /** Fix versions of the waiting (downstream) issue. */
  versionIds?: readonly string[];
  /** `requesting>providing` department ids. */
  departmentPair?: string;
  /** Once the request was answered: whether within its response deadline. */
  answeredInTime?: boolean;
  /** Once approved (审批): whether within its approval limit. */
  approvedInTime?: boolean;
  /** While its delivery awaits approval: the approval deadline as an ISO minute (UTC). */
  approvalDueKey?: string;
  /** Once delivered: whether by its need-by date. */
  deliveredOnTime?: boolean;
  /** The dependency's id and its entry on the project page; no entry once it is delivered or cancelled. */
  id?: string;
  edge?: DependencyEdgeEntry | null;
}

function dependencyDelta(c: DependencyContribution): Delta {
  // A declined dependency is no longer open (nobody owes anything) but still holds its waiting issue up.
  const holds = c.open || c.state === 'blocked';
  const group: Tree = holds
    ? {
        open: c.open ? 1 : 0,
        late: c.open && c.late ? 1 : 0,
        atRisk: c.state === 'at-risk' ? 1 : 0,
        blocked: c.state === 'blocked' ? 1 : 0,
      }
    : {};
  const byVersion: Tree = {};
  if (holds) for (const v of new Set(c.versionIds ?? [])) setOwn(byVersion, v, group);
  return {
    dependencies: {
      open: c.open ? 1 : 0,
      late: c.open && c.late ? 1 : 0,
      answered: c.answeredInTime === undefined ? {} : { hit: c.answeredInTime ? 1 : 0, total: 1 },
      delivered: c.deliveredOnTime === undefined ? {} : { hit: c.deliveredOnTime ? 1 : 0, total: 1 },
      approvals: c.approvedInTime === undefined ? {} : { hit: c.approvedInTime ? 1 : 0, total: 1 },
      approvalDue: c.approvalDueKey ? { [c.approvalDueKey]: 1 } : {},
      byVersion,
      byDepartmentPair: holds && c.departmentPair ? { [c.departmentPair]: group } : {},
    },
  };
}

export function applyDependencyChange(
  rollup: ProjectRollup,
  before: DependencyContribution | null,
  after: DependencyContribution | null,
  at: number,
): ProjectRollup {
  const next = change(rollup, dependencyDelta, before, after, at);
  // Entries stored in the rollup before the graph had records of its own leave it as soon as they change.
  if (next.depGraph && before?.id && before.projectKey === rollup.projectKey) {
    const graph = { ...next.depGraph };
    delete graph[before.id];
    // Like the counters' map entries: an empty graph is no graph, so equal contents are equal records.
    if (Object.keys(graph).length > 0) next.depGraph = graph;
    else delete next.depGraph;
  }
  const id = after?.id ?? before?.id;
  const mine = (c: DependencyContribution | null) => !!c && c.projectKey === rollup.projectKey;
  const edge = mine(after) ? (after!.edge ?? null) : null;
  const placed = edge ?? (mine(before) ? (before!.edge ?? null) : null);
  if (id && placed) {
    const projects = [rollup.projectKey, ...(placed.up && placed.up !== rollup.projectKey ? [placed.up] : [])];
    next.graphEdits = { ...next.graphEdits, [id]: { edge, upstream: placed.u, projects } };
  }
  return next;
}

/** The key a pending approval is counted under: its deadline to the minute, so "late now" needs no record read. */
export function approvalDueKey(dueAt: number): string {
  return new Date(dueAt).toISOString().slice(0, 16);
}

/**
 * Late approvals (审批 late) as of `now`: those approved after their deadline and those still awaiting one whose
 * deadline has passed. Clock-free counters, judged on read like the overdue issues.
 */
export function lateApprovals(
  d: Pick<ProjectRollup['dependencies'], 'approvals' | 'approvalDue'>,
  now: number,
): number {
  const nowKey = approvalDueKey(now);
  let n = d.approvals.total - d.approvals.hit;
  for (const [key, count] of Object.entries(d.approvalDue)) if (key < nowKey) n += count;
  return n;
}
