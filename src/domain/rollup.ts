import type { DependencyStatus, StatusCategory } from '../contract/views';
import { own, setOwn } from './dictionary';

/**
 * What the project rollup needs to know about one issue. Stored per issue so that a re-delivered or
 * out-of-order event can be turned into the exact delta against what was last counted.
 * The optional fields came later: a snapshot stored before them counts as "no versions, dates unknown".
 */
export interface IssueSnapshot {
  projectKey: string;
  category: StatusCategory;
  dueDate: string | null;
  raciComplete: boolean;
  /** The issue's fix versions: the milestones it counts toward. */
  versionIds?: readonly string[];
  /** yyyy-mm-dd (UTC) the issue was created: the scope line of a milestone's burn-up. */
  createdOn?: string | null;
  /** yyyy-mm-dd (UTC) the issue last entered its status category; with `done`, the day it was finished. */
  categorySince?: string | null;
}

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
  updatedAt: number | null;
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
    dependencies: { open: 0, late: 0, answered: { hit: 0, total: 0 }, delivered: { hit: 0, total: 0 }, byVersion: {}, byDepartmentPair: {} },
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

type Tree = { [k: string]: number | Tree };

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
    if (child === undefined) setOwn(into, key, (child = {}));
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
  const { projectKey: _k, updatedAt: _u, depGraph: _g, ...counts } = r;
  return counts as unknown as Tree;
}

/** A rollup as stored, possibly written before some counters existed, completed with zeros. */
export function normalizeRollup(projectKey: string, stored: ProjectRollup | undefined): ProjectRollup {
  const r = emptyRollup(projectKey);
  if (!stored) return r;
  addTree(r as unknown as Tree, countsOf(stored), 1, TEMPLATE);
  if (stored.depGraph) r.depGraph = { ...stored.depGraph };
  r.updatedAt = stored.updatedAt ?? null;
  return r;
}

/** What one record (an issue, a dependency, a risk, ...) adds to its project's rollup, as a sparse tree of counts. */
type Delta = Tree;

function change<C extends { projectKey: string }>(
  rollup: ProjectRollup,
  deltaOf: (c: C) => Delta,
  before: C | null,
  after: C | null,
  at: number,
): ProjectRollup {
  const next = normalizeRollup(rollup.projectKey, rollup);
  if (before && before.projectKey === rollup.projectKey) addTree(next as unknown as Tree, deltaOf(before), -1, TEMPLATE);
  if (after && after.projectKey === rollup.projectKey) addTree(next as unknown as Tree, deltaOf(after), 1, TEMPLATE);
  next.updatedAt = at;
  return next;
}

const DAY = 86_400_000;

/** The Monday (yyyy-mm-dd) of the ISO week of a yyyy-mm-dd date. */
export function weekOf(date: string): string {
  const t = Date.parse(`${date}T00:00:00Z`);
  const dow = (new Date(t).getUTCDay() + 6) % 7;
  return new Date(t - dow * DAY).toISOString().slice(0, 10);
}

function issueDelta(s: IssueSnapshot): Delta {
  const open = s.category !== 'done';
  const finished: Tree = !open && s.dueDate && s.categorySince ? { hit: s.categorySince <= s.dueDate ? 1 : 0, total: 1 } : {};
  const versions: Tree = {};
  for (const v of new Set(s.versionIds ?? [])) {
    setOwn(versions, v, {
      total: 1,
      done: open ? 0 : 1,
      openDueDates: open && s.dueDate ? { [s.dueDate]: 1 } : {},
      createdByWeek: s.createdOn ? { [weekOf(s.createdOn)]: 1 } : {},
      doneByWeek: !open && s.categorySince ? { [weekOf(s.categorySince)]: 1 } : {},
    });
  }
  return {
    issueCount: 1,
    byCategory: { [s.category]: 1 },
    openIssues: open ? 1 : 0,
    raciCompleteOpen: open && s.raciComplete ? 1 : 0,
    openDueDates: open && s.dueDate ? { [s.dueDate]: 1 } : {},
    finishedByDue: finished,
    versions,
  };
}

/**
 * Moves one issue's contribution from `before` to `after` (either may be null: created or deleted).
 * Pure: returns a new rollup and leaves the argument alone.
 */
export function applyIssueChange(rollup: ProjectRollup, before: IssueSnapshot | null, after: IssueSnapshot | null, at: number): ProjectRollup {
  return change(rollup, issueDelta, before, after, at);
}

export function sameSnapshot(a: IssueSnapshot | null, b: IssueSnapshot | null): boolean {
  if (a === null || b === null) return a === b;
  return (
    a.projectKey === b.projectKey &&
    a.category === b.category &&
    a.dueDate === b.dueDate &&
    a.raciComplete === b.raciComplete &&
    (a.createdOn ?? null) === (b.createdOn ?? null) &&
    (a.categorySince ?? null) === (b.categorySince ?? null) &&
    [...new Set(a.versionIds ?? [])].sort().join() === [...new Set(b.versionIds ?? [])].sort().join()
  );
}

function countBefore(dates: Record<string, number>, today: string): number {
  let n = 0;
  for (const [date, count] of Object.entries(dates)) if (date < today) n += count;
  return n;
}

/** Open issues due strictly before `today` (yyyy-mm-dd, in the project's calendar). */
export function overdueOpen(rollup: ProjectRollup, today: string): number {
  return countBefore(rollup.openDueDates, today);
}

/** One fix version's counters, zeros included (the rollup stores no zero entries under a version). */
export function versionCounters(rollup: ProjectRollup, versionId: string): VersionCounters {
  const v: Partial<VersionCounters> = own(rollup.versions, versionId) ?? {};
  return { total: v.total ?? 0, done: v.done ?? 0, openDueDates: v.openDueDates ?? {}, createdByWeek: v.createdByWeek ?? {}, doneByWeek: v.doneByWeek ?? {} };
}

/** Open dependencies of one group (a version, a department pair), zeros included. */
export function dependencyCounters(group: Partial<DependencyCounters> | undefined): DependencyCounters {
  return { open: group?.open ?? 0, late: group?.late ?? 0, atRisk: group?.atRisk ?? 0, blocked: group?.blocked ?? 0 };
}

/** Open issues of one fix version due strictly before `today`. */
export function overdueInVersion(rollup: ProjectRollup, versionId: string, today: string): number {
  return countBefore(versionCounters(rollup, versionId).openDueDates, today);
}

/** Open action items due strictly before `today`. */
export function overdueActions(rollup: ProjectRollup, today: string): number {
  return countBefore(rollup.actions.openDueDates, today);
}

export function raciCoverage(rollup: ProjectRollup): number | null {
  return rollup.openIssues === 0 ? null : rollup.raciCompleteOpen / rollup.openIssues;
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
    ? { open: c.open ? 1 : 0, late: c.open && c.late ? 1 : 0, atRisk: c.state === 'at-risk' ? 1 : 0, blocked: c.state === 'blocked' ? 1 : 0 }
    : {};
  const byVersion: Tree = {};
  if (holds) for (const v of new Set(c.versionIds ?? [])) setOwn(byVersion, v, group);
  return {
    dependencies: {
      open: c.open ? 1 : 0,
      late: c.open && c.late ? 1 : 0,
      answered: c.answeredInTime === undefined ? {} : { hit: c.answeredInTime ? 1 : 0, total: 1 },
      delivered: c.deliveredOnTime === undefined ? {} : { hit: c.deliveredOnTime ? 1 : 0, total: 1 },
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
  const graph = { ...next.depGraph };
  if (before?.id && before.projectKey === rollup.projectKey) delete graph[before.id];
  if (after?.id && after.edge && after.projectKey === rollup.projectKey) graph[after.id] = after.edge;
  // Like the counters' map entries: an empty graph is no graph, so equal contents are equal records.
  if (Object.keys(graph).length > 0) next.depGraph = graph;
  else delete next.depGraph;
  return next;
}

/** What an escalation contributes. The optional parts are for the escalation feature to fill in. */
export interface EscalationContribution {
  projectKey: string;
  open: boolean;
  level?: 1 | 2 | 3;
  versionIds?: readonly string[];
  /** Once resolved: whether within its level's time limit. */
  resolvedInTime?: boolean;
  /** Time from raised to acknowledged / resolved, once known. */
  acknowledgeMs?: number;
  resolveMs?: number;
  /** yyyy-mm-dd (UTC) it was raised, for the age of open escalations. */
  raisedDay?: string;
  /** Resolved, rejected or withdrawn. */
  closed?: boolean;
}

function escalationDelta(c: EscalationContribution): Delta {
  const openByVersion: Tree = {};
  if (c.open) for (const v of new Set(c.versionIds ?? [])) setOwn(openByVersion, v, 1);
  return {
    escalations: {
      open: c.open ? 1 : 0,
      openByLevel: c.open && c.level ? { [String(c.level)]: 1 } : {},
      openByVersion,
      resolved: c.resolvedInTime === undefined ? {} : { hit: c.resolvedInTime ? 1 : 0, total: 1 },
      acknowledgeTime: c.acknowledgeMs === undefined ? {} : { ms: c.acknowledgeMs, count: 1 },
      resolveTime: c.resolveMs === undefined ? {} : { ms: c.resolveMs, count: 1 },
      openByLevelDay: c.open && c.level && c.raisedDay ? { [`${c.level}|${c.raisedDay}`]: 1 } : {},
      closed: c.closed ? 1 : 0,
    },
  };
}

export function applyEscalationChange(
  rollup: ProjectRollup,
  before: EscalationContribution | null,
  after: EscalationContribution | null,
  at: number,
): ProjectRollup {
  return change(rollup, escalationDelta, before, after, at);
}

/** A risk is high when probability × impact is at least this (the red corner of the 5×5 map). */
export const HIGH_RISK_SCORE = 15;

export interface RiskContribution {
  projectKey: string;
  open: boolean;
  probability: number;
  impact: number;
}

function riskDelta(c: RiskContribution): Delta {
  if (!c.open) return { risks: { closed: 1 } };
  return { risks: { open: 1, high: c.probability * c.impact >= HIGH_RISK_SCORE ? 1 : 0, cells: { [`${c.probability}:${c.impact}`]: 1 } } };
}

export function applyRiskChange(rollup: ProjectRollup, before: RiskContribution | null, after: RiskContribution | null, at: number): ProjectRollup {
  return change(rollup, riskDelta, before, after, at);
}

export interface ActionContribution {
  projectKey: string;
  done: boolean;
  dueDate: string;
}

function actionDelta(c: ActionContribution): Delta {
  return { actions: c.done ? { done: 1 } : { open: 1, openDueDates: { [c.dueDate]: 1 } } };
}

export function applyActionChange(rollup: ProjectRollup, before: ActionContribution | null, after: ActionContribution | null, at: number): ProjectRollup {
  return change(rollup, actionDelta, before, after, at);
}

/** A retrospective's feedback form (scores 1-5 per dimension), or none. */
export interface FeedbackContribution {
  projectKey: string;
  scores: Record<FeedbackDimension, number> | null;
}

function feedbackDelta(c: FeedbackContribution): Delta {
  return c.scores ? { feedback: { forms: 1, sums: { ...c.scores } } } : {};
}

export function applyFeedbackChange(rollup: ProjectRollup, before: FeedbackContribution | null, after: FeedbackContribution | null, at: number): ProjectRollup {
  return change(rollup, feedbackDelta, before, after, at);
}

/**
 * A project's rollup is kept in shards so that a burst of events (a bulk edit) does not make every writer
 * fight over one record; the page reads all shards with one index query and adds them up.
 */
export function mergeRollups(projectKey: string, parts: readonly ProjectRollup[]): ProjectRollup {
  const total = emptyRollup(projectKey);
  for (const p of parts) {
    addTree(total as unknown as Tree, countsOf(p), 1, TEMPLATE);
    if (p.depGraph) Object.assign((total.depGraph ??= {}), p.depGraph);
    if (p.updatedAt != null && (total.updatedAt === null || p.updatedAt > total.updatedAt)) total.updatedAt = p.updatedAt;
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
