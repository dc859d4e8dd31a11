import type { DependencyStatus, StatusCategory } from '../contract/views';
import type { EscalationContribution } from './escalation';

/**
 * What the project rollup needs to know about one issue. Stored per issue so that a re-delivered or
 * out-of-order event can be turned into the exact delta against what was last counted.
 */
export interface IssueSnapshot {
  projectKey: string;
  category: StatusCategory;
  dueDate: string | null;
  raciComplete: boolean;
}

export interface ProjectRollup {
  projectKey: string;
  issueCount: number;
  byCategory: Record<StatusCategory, number>;
  openIssues: number;
  raciCompleteOpen: number;
  /** Open issues per due date, so "overdue as of now" is computed without reading any issue. */
  openDueDates: Record<string, number>;
  /** Dependencies requested by this project's issues (the downstream side). */
  dependencies: { open: number; late: number };
  escalations: EscalationTotals;
  /**
   * The project's dependencies still in play (not delivered or cancelled), by dependency id, compact: what the
   * project page needs for the department matrix, the blocked and at-risk list and the critical path, without
   * reading a single dependency record. Absent in rollups written before it existed.
   */
  depGraph?: Record<string, DependencyEdgeEntry>;
  updatedAt: number | null;
}

/** One dependency on the project page, as kept in the rollup (short names: a project may hold thousands). */
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
  /** lead time in working days: the edge's weight on the critical path */
  w: number;
  /** the deliverable, cut to 80 characters */
  t: string;
}

/** Escalation figures of a project (issue 5), kept by every write that changes an escalation. */
export interface EscalationTotals {
  open: number;
  /** Open escalations per `level|yyyy-mm-dd raised`, for "open by level and age" without reading any. */
  openByLevelDay?: Record<string, number>;
  acknowledged?: number;
  ackHoursTotal?: number;
  resolved?: number;
  resolveHoursTotal?: number;
  resolvedInTime?: number;
  closed?: number;
}

export function emptyEscalationTotals(): Required<EscalationTotals> {
  return { open: 0, openByLevelDay: {}, acknowledged: 0, ackHoursTotal: 0, resolved: 0, resolveHoursTotal: 0, resolvedInTime: 0, closed: 0 };
}

/** Adds `sign` times one escalation's contribution (or another shard's totals) to `t`. */
function accountEscalation(t: EscalationTotals, c: EscalationContribution, sign: 1 | -1): void {
  const full = t as Required<EscalationTotals>;
  Object.assign(full, { ...emptyEscalationTotals(), ...t });
  if (c.open) {
    full.open += sign;
    if (c.level && c.raisedDay) addCount(full.openByLevelDay, `${c.level}|${c.raisedDay}`, sign);
  }
  if (c.ackHours !== undefined && c.ackHours !== null) {
    full.acknowledged += sign;
    full.ackHoursTotal += sign * c.ackHours;
  }
  if (c.resolveHours !== undefined && c.resolveHours !== null) {
    full.resolved += sign;
    full.resolveHoursTotal += sign * c.resolveHours;
    if (c.resolvedInTime) full.resolvedInTime += sign;
  }
  if (c.closed) full.closed += sign;
}

function addEscalationTotals(into: EscalationTotals, from: EscalationTotals): void {
  const full = into as Required<EscalationTotals>;
  Object.assign(full, { ...emptyEscalationTotals(), ...into });
  full.open += from.open;
  for (const [k, n] of Object.entries(from.openByLevelDay ?? {})) addCount(full.openByLevelDay, k, n);
  full.acknowledged += from.acknowledged ?? 0;
  full.ackHoursTotal += from.ackHoursTotal ?? 0;
  full.resolved += from.resolved ?? 0;
  full.resolveHoursTotal += from.resolveHoursTotal ?? 0;
  full.resolvedInTime += from.resolvedInTime ?? 0;
  full.closed += from.closed ?? 0;
}

export function emptyRollup(projectKey: string): ProjectRollup {
  return {
    projectKey,
    issueCount: 0,
    byCategory: { new: 0, indeterminate: 0, done: 0 },
    openIssues: 0,
    raciCompleteOpen: 0,
    openDueDates: {},
    dependencies: { open: 0, late: 0 },
    escalations: emptyEscalationTotals(),
    depGraph: {},
    updatedAt: null,
  };
}

function addCount(map: Record<string, number>, key: string, by: number): void {
  const next = (map[key] ?? 0) + by;
  if (next === 0) delete map[key];
  else map[key] = next;
}

function account(rollup: ProjectRollup, snap: IssueSnapshot, sign: 1 | -1): void {
  rollup.issueCount += sign;
  rollup.byCategory[snap.category] += sign;
  if (snap.category !== 'done') {
    rollup.openIssues += sign;
    if (snap.raciComplete) rollup.raciCompleteOpen += sign;
    if (snap.dueDate) addCount(rollup.openDueDates, snap.dueDate, sign);
  }
}

/**
 * Moves one issue's contribution from `before` to `after` (either may be null: created or deleted).
 * Pure: returns a new rollup and leaves the argument alone.
 */
export function applyIssueChange(
  rollup: ProjectRollup,
  before: IssueSnapshot | null,
  after: IssueSnapshot | null,
  at: number,
): ProjectRollup {
  const next: ProjectRollup = structuredClone(rollup);
  if (before && before.projectKey === rollup.projectKey) account(next, before, -1);
  if (after && after.projectKey === rollup.projectKey) account(next, after, 1);
  next.updatedAt = at;
  return next;
}

export function sameSnapshot(a: IssueSnapshot | null, b: IssueSnapshot | null): boolean {
  if (a === null || b === null) return a === b;
  return a.projectKey === b.projectKey && a.category === b.category && a.dueDate === b.dueDate && a.raciComplete === b.raciComplete;
}

/** Open issues due strictly before `today` (yyyy-mm-dd, in the project's calendar). */
export function overdueOpen(rollup: ProjectRollup, today: string): number {
  let n = 0;
  for (const [date, count] of Object.entries(rollup.openDueDates)) if (date < today) n += count;
  return n;
}

export function raciCoverage(rollup: ProjectRollup): number | null {
  return rollup.openIssues === 0 ? null : rollup.raciCompleteOpen / rollup.openIssues;
}

/** What a dependency contributes to its requesting project's rollup. */
export interface DependencyContribution {
  projectKey: string;
  open: boolean;
  late: boolean;
  /** The dependency's id and its entry on the project page; no entry once it is delivered or cancelled. */
  id?: string;
  edge?: DependencyEdgeEntry | null;
}

export function applyDependencyChange(
  rollup: ProjectRollup,
  before: DependencyContribution | null,
  after: DependencyContribution | null,
  at: number,
): ProjectRollup {
  const next: ProjectRollup = structuredClone(rollup);
  for (const [c, sign] of [[before, -1], [after, 1]] as const) {
    if (!c || c.projectKey !== rollup.projectKey) continue;
    if (c.open) next.dependencies.open += sign;
    if (c.open && c.late) next.dependencies.late += sign;
  }
  const graph = (next.depGraph ??= {});
  if (before?.id && before.projectKey === rollup.projectKey) delete graph[before.id];
  if (after?.id && after.edge && after.projectKey === rollup.projectKey) graph[after.id] = after.edge;
  next.updatedAt = at;
  return next;
}

/** Moves one escalation's contribution from `before` to `after` (see domain/escalation `escalationContribution`). */
export function applyEscalationChange(
  rollup: ProjectRollup,
  before: EscalationContribution | null,
  after: EscalationContribution | null,
  at: number,
): ProjectRollup {
  const next: ProjectRollup = structuredClone(rollup);
  if (before && before.projectKey === rollup.projectKey) accountEscalation(next.escalations, before, -1);
  if (after && after.projectKey === rollup.projectKey) accountEscalation(next.escalations, after, 1);
  next.updatedAt = at;
  return next;
}

/**
 * A project's rollup is kept in shards so that a burst of events (a bulk edit) does not make every writer
 * fight over one record; the page reads all shards with one index query and adds them up.
 */
export function mergeRollups(projectKey: string, parts: readonly ProjectRollup[]): ProjectRollup {
  const total = emptyRollup(projectKey);
  for (const p of parts) {
    total.issueCount += p.issueCount;
    for (const c of Object.keys(total.byCategory) as Array<keyof ProjectRollup['byCategory']>) total.byCategory[c] += p.byCategory[c];
    total.openIssues += p.openIssues;
    total.raciCompleteOpen += p.raciCompleteOpen;
    for (const [date, n] of Object.entries(p.openDueDates)) addCount(total.openDueDates, date, n);
    total.dependencies.open += p.dependencies.open;
    total.dependencies.late += p.dependencies.late;
    addEscalationTotals(total.escalations, p.escalations);
    if (p.depGraph) Object.assign((total.depGraph ??= {}), p.depGraph);
    if (p.updatedAt !== null && (total.updatedAt === null || p.updatedAt > total.updatedAt)) total.updatedAt = p.updatedAt;
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
