import type { Deps, JiraIssue } from './ports';
import { KEY } from './storage-keys';
import { applyIssueChange, sameSnapshot, type IssueSnapshot } from '../../domain/rollup/issues';
import { isRaciComplete } from '../../domain/raci/raci';
import { commitWithRollups } from './rollups';
import { isAppError } from './errors';

/** The calendar date of a Jira timestamp as Jira wrote it (in the site's time zone, like due dates). */
const dateOf = (stamp: string | null | undefined): string | null =>
  stamp && /^\d{4}-\d{2}-\d{2}/.test(stamp) ? stamp.slice(0, 10) : null;

export function snapshotOf(issue: JiraIssue): IssueSnapshot {
  return {
    projectKey: issue.projectKey,
    category: issue.statusCategory,
    dueDate: issue.dueDate,
    raciComplete: isRaciComplete(issue.raci),
    versionIds: [...new Set(issue.fixVersionIds)].sort(),
    createdOn: dateOf(issue.createdAt),
    categorySince: dateOf(issue.statusCategoryChangedAt),
  };
}

/** The issue as the app sees it now, or null when it is gone. */
export async function issueOrNull(deps: Deps, issueId: string): Promise<JiraIssue | null> {
  try {
    return await deps.jira.getIssue('app', issueId);
  } catch (e) {
    if (isAppError(e) && e.code === 'NOT_FOUND') return null;
    throw e;
  }
}

/**
 * Brings one issue's contribution to its project rollup in line with Jira as it is now. Events are
 * at-least-once and unordered, so the handler never trusts the event's copy of the issue: it reads the
 * issue, compares with the snapshot it counted last time and applies the difference. A duplicate, late
 * or out-of-order event therefore ends in the same state as one clean delivery.
 */
export async function syncIssue(
  deps: Deps,
  issueId: string,
  known?: { issue: JiraIssue | null },
): Promise<'unchanged' | 'applied'> {
  // A caller that has just read the issue (e.g. to notify people) passes it in: one Jira call per event, not two.
  const issue = known ? known.issue : await issueOrNull(deps, issueId);
  // The approval condition reads the Accountable from an entity property; an edit in Jira moves the field only.
  if (issue && issue.mirroredAccountable !== undefined && issue.mirroredAccountable !== issue.raci.accountable) {
    await deps.jira.mirrorAccountable('app', issue.id, issue.raci.accountable);
  }
  const after = issue ? snapshotOf(issue) : null;
  const before = (await deps.store.get<IssueSnapshot>(KEY.issueSnapshot(issueId))) ?? null;
  if (sameSnapshot(before, after)) return 'unchanged';
  const projects = [before?.projectKey, after?.projectKey].filter((k): k is string => !!k);
  const at = deps.clock.now();
  const written = await commitWithRollups(deps, issueId, projects, async (rollups, attempt) => {
    const counted =
      attempt === 1 ? before : ((await deps.store.get<IssueSnapshot>(KEY.issueSnapshot(issueId))) ?? null);
    if (sameSnapshot(counted, after)) return null;
    const next = new Map([...rollups].map(([k, r]) => [k, applyIssueChange(r, counted, after, at)]));
    return {
      rollups: next,
      ops: [
        after
          ? { kind: 'set', key: KEY.issueSnapshot(issueId), value: after }
          : { kind: 'delete', key: KEY.issueSnapshot(issueId) },
      ],
    };
  });
  return written ? 'applied' : 'unchanged';
}
