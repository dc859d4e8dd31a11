import type { StatusCategory } from '../../contract/views';
import { change, countBefore, weekOf, type Delta, type ProjectRollup, type Tree, type VersionCounters } from './core';
import { own, setOwn } from '../shared/dictionary';

// What issues contribute to their project's rollup, and the figures read from it.

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

function issueDelta(s: IssueSnapshot): Delta {
  const open = s.category !== 'done';
  const finished: Tree =
    !open && s.dueDate && s.categorySince ? { hit: s.categorySince <= s.dueDate ? 1 : 0, total: 1 } : {};
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
export function applyIssueChange(
  rollup: ProjectRollup,
  before: IssueSnapshot | null,
  after: IssueSnapshot | null,
  at: number,
): ProjectRollup {
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

/** Open issues due strictly before `today` (yyyy-mm-dd, in the project's calendar). */
export function overdueOpen(rollup: ProjectRollup, today: string): number {
  return countBefore(rollup.openDueDates, today);
}

/** One fix version's counters, zeros included (the rollup stores no zero entries under a version). */
export function versionCounters(rollup: ProjectRollup, versionId: string): VersionCounters {
  const v: Partial<VersionCounters> = own(rollup.versions, versionId) ?? {};
  return {
    total: v.total ?? 0,
    done: v.done ?? 0,
    openDueDates: v.openDueDates ?? {},
    createdByWeek: v.createdByWeek ?? {},
    doneByWeek: v.doneByWeek ?? {},
  };
}

/** Open issues of one fix version due strictly before `today`. */
export function overdueInVersion(rollup: ProjectRollup, versionId: string, today: string): number {
  return countBefore(versionCounters(rollup, versionId).openDueDates, today);
}

export function raciCoverage(rollup: ProjectRollup): number | null {
  return rollup.openIssues === 0 ? null : rollup.raciCompleteOpen / rollup.openIssues;
}
