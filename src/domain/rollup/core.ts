import type { DependencyStatus, StatusCategory } from '../../contract/views';
import { own, setOwn } from '../shared/dictionary';

/** One milestone's (fix version's) counts. Burn-up buckets are weeks, keyed by their Monday (yyyy-mm-dd). */
export interface VersionCounters {
  total: number;
  done: number;
  openDueDates: Record<string, number>;
  /** Issues in the version by the week they were created (cumulated: the scope line). */
  createdByWeek: Record<string, number>;
  /** Done issues in the version by the week they were finished (cumulated: the done line). */
  doneByWeek: Record<string, number>;
}

/** Counters of dependencies in one group (a fix version, a department pair). Filled by the dependency feature. */
export interface DependencyCounters {
  open: number;
  late: number;
  atRisk: number;
  blocked: number;
}

/** A numerator and a denominator, so rates add up across shards and are only divided on read. */
export interface Ratio {
  hit: number;
  total: number;
}

/** A sum of durations and their count, so averages add up across shards. */
export interface DurationSum {
  ms: number;
  count: number;
}

export const FEEDBACK_DIMENSIONS = ['communication', 'accountability', 'resources', 'resolution'] as const;
export type FeedbackDimension = (typeof FEEDBACK_DIMENSIONS)[number];

export interface ProjectRollup {
  projectKey: string;
  issueCount: number;
  byCategory: Record<StatusCategory, number>;
  openIssues: number;
  raciCompleteOpen: number;
  /** Open issues per due date, so "overdue as of now" is computed without reading any issue. */
  openDueDates: Record<string, number>;
  /** Done issues that had a due date: finished on or before it (`hit`) of all (`total`). */
  finishedByDue: Ratio;
  /** Per fix version id. */
  versions: Record<string, VersionCounters>;
  /** Dependencies requested by this project's issues (the downstream side). */
  dependencies: {
    open: number;
    late: number;
    /** Requests answered within their response deadline (`hit`) of all answered. */
    answered: Ratio;
    /** Deliveries approved within their approval limit (`hit`) of all approved (审批, issue 15). */
    approvals: Ratio;
    /** Deliveries awaiting approval, by their approval deadline (ISO minute, UTC): late ones are those before now. */
    approvalDue: Record<string, number>;
    /** Delivered dependencies delivered by their need-by date (`hit`) of all delivered. */
    delivered: Ratio;
    /** Open dependencies per fix version of the waiting issue. */
    byVersion: Record<string, DependencyCounters>;
    /** Open dependencies per department pair, keyed `requesting>providing`. */
    byDepartmentPair: Record<string, DependencyCounters>;
  };
  escalations: {
    open: number;
    /** Open escalations by their current level ('1' | '2' | '3'). */
    openByLevel: Record<string, number>;
    /** Open escalations per fix version of the escalated issue. */
    openByVersion: Record<string, number>;
    /** Escalations resolved within their level's time limit (`hit`) of all resolved. */
    resolved: Ratio;
    acknowledgeTime: DurationSum;
    resolveTime: DurationSum;
    /** Open escalations per `level|yyyy-mm-dd raised` (issue 5): "open by level and age" without reading any. */
    openByLevelDay: Record<string, number>;
    /** Escalations resolved, rejected or withdrawn. */
    closed: number;
  };
  /** Risk register: open risks, of which high (score >= 15), closed ones (open + closed is the register's size), and open risks per heat-map cell `p:i`. */
  risks: { open: number; high: number; closed: number; cells: Record<string, number> };
  /** Action items (整改清单): open ones per due date, done ones. */
  actions: { open: number; done: number; openDueDates: Record<string, number> };
  /** Feedback-form scores of the retrospectives: the number of forms and each dimension's sum. */
  feedback: { forms: number; sums: Record<FeedbackDimension, number> };
  /**
   * The project's dependencies still in play (not delivered or cancelled), by dependency id, compact: what the
   * project page needs for the department matrix, the blocked and at-risk list and the critical path, without
   * reading a single dependency record. Not a count: kept out of the additive tree and merged by id (a
   * dependency's contribution lives in one shard). Absent in rollups written before it existed.
   */
  depGraph?: Record<string, DependencyEdgeEntry>;
  /**
   * Entries of the dependency graph that a change adds (an entry) or removes (null), by dependency id. The graph
   * itself is kept out of the rollup, in its own records (see the kernel's graph store); whoever writes the
   * rollup writes these in the same transaction. Never stored with the counts.
   */
  graphEdits?: Record<string, GraphEdit>;
  updatedAt: number | null;
}

/** One dependency's entry in the graph, placed by its upstream issue in each project that holds it. */
export interface GraphEdit {
  edge: DependencyEdgeEntry | null;
  /** The upstream issue id: the graph is sharded by it, so everything one issue provides for sits together. */
  upstream: string;
  /** The projects whose graph holds the entry: the requesting one, and the providing one when it differs. */
  projects: string[];
}

export interface DependencyEdgeEntry {
  /** upstream and downstream issue ids and keys */
  u: string;
  d: string;
  uk: string;
  dk: string;
  /** requesting and providing department ids ('' when unknown) */
  r: string;
  p: string;
  /** need-by, counter-proposed date, upstream due date (yyyy-mm-dd or '') */
  n: string;
  pd: string;
  ud: string;
  s: DependencyStatus;
  l: boolean;
  /**
   * when it was requested (ms): with `n`, its lead time, the edge's weight on the critical path, counted when
   * the page is read in the providing department's calendar as it is then (holidays added later count too)
   */
  c?: number;
  /** the lead time in plain weekdays, as entries written before `c` stored it; replaced by `c` on the next write */
  w?: number;
  /** the deliverable, cut to 80 characters */
  t: string;
  /** the requesting (downstream) and providing (upstream) projects, only when the two differ */
  dp?: string;
  up?: string;
}

export function emptyRollup(projectKey: string): ProjectRollup {
  return {
    projectKey,
    issueCount: 0,
    byCategory: { new: 0, indeterminate: 0, done: 0 },
    openIssues: 0,
    raciCompleteOpen: 0,
    openDueDates: {},
    finishedByDue: { hit: 0, total: 0 },
    versions: {},
    dependencies: {
      open: 0,
      late: 0,
      answered: { hit: 0, total: 0 },
      approvals: { hit: 0, total: 0 },
      approvalDue: {},
      delivered: { hit: 0, total: 0 },
      byVersion: {},
      byDepartmentPair: {},
    },
    escalations: {
      open: 0,
      openByLevel: {},
      openByVersion: {},
      resolved: { hit: 0, total: 0 },
      acknowledgeTime: { ms: 0, count: 0 },
      resolveTime: { ms: 0, count: 0 },
      openByLevelDay: {},
      closed: 0,
    },
    risks: { open: 0, high: 0, closed: 0, cells: {} },
    actions: { open: 0, done: 0, openDueDates: {} },
    feedback: { forms: 0, sums: { communication: 0, accountability: 0, resources: 0, resolution: 0 } },
    updatedAt: null,
  };
}

export type Tree = { [k: string]: number | Tree };

/**
 * Adds `part` into `into` field by field. A key the empty rollup does not have is a map entry (a date, a
 * version id): it is removed when it comes to zero, so equal counts are equal records whatever their history.
 */
function addTree(into: Tree, part: Tree, sign: 1 | -1, template: Tree | undefined): void {
  for (const [key, value] of Object.entries(part)) {
    // Keys are department ids, status names, dates: only own entries count (a department `constructor`).
    const fixed = template !== undefined && Object.hasOwn(template, key);
    if (typeof value === 'number') {
      const next = ((own(into, key) as number | undefined) ?? 0) + sign * value;
      if (next === 0 && !fixed) delete into[key];
      else setOwn(into, key, next);
      continue;
    }
    let child = own(into, key) as Tree | undefined;
    if (child === undefined) {
      child = {};
      setOwn(into, key, child);
    }
    addTree(child, value, sign, fixed ? (own(template, key) as Tree) : undefined);
    if (!fixed && Object.keys(child).length === 0) delete into[key];
  }
}

const TEMPLATE = (() => {
  const { projectKey: _k, updatedAt: _u, ...counts } = emptyRollup('');
  return counts as unknown as Tree;
})();

/** The counts of a rollup without its identity, as a tree of numbers (a copy at the top, to read from). */
function countsOf(r: ProjectRollup): Tree {
  const { projectKey: _k, updatedAt: _u, depGraph: _g, graphEdits: _e, ...counts } = r;
  return counts as unknown as Tree;
}

/** A rollup as stored, possibly written before some counters existed, completed with zeros. */
export function normalizeRollup(projectKey: string, stored: ProjectRollup | undefined): ProjectRollup {
  const r = emptyRollup(projectKey);
  if (!stored) return r;
  addTree(r as unknown as Tree, countsOf(stored), 1, TEMPLATE);
  if (stored.depGraph) r.depGraph = { ...stored.depGraph };
  if (stored.graphEdits) r.graphEdits = { ...stored.graphEdits };
  r.updatedAt = stored.updatedAt ?? null;
  return r;
}

/** What one record (an issue, a dependency, a risk, ...) adds to its project's rollup, as a sparse tree of counts. */
export type Delta = Tree;

export function change<C extends { projectKey: string }>(
  rollup: ProjectRollup,
  deltaOf: (c: C) => Delta,
  before: C | null,
  after: C | null,
  at: number,
): ProjectRollup {
  const next = normalizeRollup(rollup.projectKey, rollup);
  if (before && before.projectKey === rollup.projectKey)
    addTree(next as unknown as Tree, deltaOf(before), -1, TEMPLATE);
  if (after && after.projectKey === rollup.projectKey) addTree(next as unknown as Tree, deltaOf(after), 1, TEMPLATE);
  next.updatedAt = at;
  return next;
}

const DAY = 86_400_000;

export function countBefore(dates: Record<string, number>, today: string): number {
  let n = 0;
  for (const [date, count] of Object.entries(dates)) if (date < today) n += count;
  return n;
}

/** The Monday (yyyy-mm-dd) of the ISO week of a yyyy-mm-dd date. */
export function weekOf(date: string): string {
  const t = Date.parse(`${date}T00:00:00Z`);
  const dow = (new Date(t).getUTCDay() + 6) % 7;
  return new Date(t - dow * DAY).toISOString().slice(0, 10);
}

/**
 * A project's rollup is kept in shards so that a burst of events (a bulk edit) does not make every writer
 * fight over one record; the page reads all shards with one index query and adds them up.
 */
export function mergeRollups(projectKey: string, parts: readonly ProjectRollup[]): ProjectRollup {
  const total = emptyRollup(projectKey);
  for (const p of parts) {
    addTree(total as unknown as Tree, countsOf(p), 1, TEMPLATE);
    if (p.depGraph) {
      total.depGraph ??= {};
      Object.assign(total.depGraph, p.depGraph);
    }
    if (p.updatedAt != null && (total.updatedAt === null || p.updatedAt > total.updatedAt))
      total.updatedAt = p.updatedAt;
  }
  return total;
}

/** Which shard a record's contribution lives in: stable for the record, spread evenly over records. */
export function shardOf(recordId: string, shards: number): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < recordId.length; i++) {
    h ^= recordId.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0) % shards;
}
