import { countBefore, type ProjectRollup } from './core';
import { addDays } from './health';

// Whether a project's rollup still agrees with Jira, by a handful of count queries (the reconcile pass).

/** How far ahead the "due soon" check looks: due-date moves within it change what the page shows next. */
export const DUE_SOON_DAYS = 90;

export type CheckId = 'issues' | 'done' | 'inProgress' | 'openWithDue' | 'overdue' | 'dueSoon';

export interface RollupCheckQuery {
  id: CheckId;
  jql: string;
}

/** JQL quotes a project key like any value, so a key that is also a reserved word still reads as a key. */
const quoted = (v: string) => `"${v.replace(/["\\]/g, '\\$&')}"`;

/**
 * The count queries the rollup is compared with, each bounded by the project. Dates are calendar dates, as the
 * rollup keeps them, so the comparison does not depend on a time zone; `today` only picks the window.
 */
export function rollupCheckQueries(projectKey: string, today: string): RollupCheckQuery[] {
  const p = `project = ${quoted(projectKey)}`;
  const open = `${p} AND statusCategory != Done`;
  return [
    { id: 'issues', jql: p },
    { id: 'done', jql: `${p} AND statusCategory = Done` },
    { id: 'inProgress', jql: `${p} AND statusCategory = "In Progress"` },
    { id: 'openWithDue', jql: `${open} AND duedate is not EMPTY` },
    { id: 'overdue', jql: `${open} AND duedate < ${quoted(today)}` },
    {
      id: 'dueSoon',
      jql: `${open} AND duedate >= ${quoted(today)} AND duedate < ${quoted(addDays(today, DUE_SOON_DAYS))}`,
    },
  ];
}

/** What the rollup says for each check. */
export function rollupCheckValues(rollup: ProjectRollup, today: string): Record<CheckId, number> {
  const soon = addDays(today, DUE_SOON_DAYS);
  const openWithDue = Object.values(rollup.openDueDates).reduce((a, b) => a + b, 0);
  return {
    issues: rollup.issueCount,
    done: rollup.byCategory.done,
    inProgress: rollup.byCategory.indeterminate,
    openWithDue,
    overdue: countBefore(rollup.openDueDates, today),
    dueSoon: countBefore(rollup.openDueDates, soon) - countBefore(rollup.openDueDates, today),
  };
}

/** The checks on which the rollup and Jira's counts differ, with both figures; empty when they agree. */
export function driftOf(
  rollup: ProjectRollup,
  today: string,
  jira: Partial<Record<CheckId, number>>,
): Array<{ id: CheckId; rollup: number; jira: number }> {
  const mine = rollupCheckValues(rollup, today);
  return (Object.keys(mine) as CheckId[]).flatMap((id) =>
    jira[id] !== undefined && jira[id] !== mine[id] ? [{ id, rollup: mine[id], jira: jira[id]! }] : [],
  );
}
