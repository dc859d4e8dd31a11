import { planRaciNotifications, type ChangelogItem } from '../../domain/raci/raci-workflow';
import type { Deps } from '../kernel/ports';
import { KEY } from '../kernel/storage-keys';
import { issueOrNull, syncIssue } from '../kernel/sync-issue';
import { issueNotification } from '../kernel/notifications';
import { notifyOnce } from '../kernel/outbox-notify';
import { consultedNotification } from '../raci/consulted-notification';
import { upstreamDueDateChanged, downstreamVersionsChanged } from '../dependencies/dependency-upstream';
import { followActionIssue } from '../project/action-follow';

export interface IssueChangedInput {
  issueId: string;
  /** The change as Jira's changelog records it (`avi:jira:updated:issue`); null for creations, deletions and edits without one. */
  changelog: { id: string; items: ChangelogItem[] } | null;
  /** Who made the change (the event's `atlassianId`). */
  actorId: string | null;
}

/** Events for a change may arrive again for a while; a week outlives any redelivery by far. */
export const NOTIFIED_TTL_SECONDS = 7 * 24 * 3600;

/**
 * An issue changed in Jira: its project rollup follows (see {@link syncIssue}), and the RACI people hear of it,
 * through Jira's notify API: the Informed when the status moves, people added as Consulted when they are added.
 * One request per kind of news, listing everyone it concerns; each (issue, changelog, kind) goes through the
 * outbox under its own key, so an event delivered twice, even at the same moment, sends once, and a failed send
 * is retried through the queue (kernel/outbox-notify.ts).
 *
 * Remote calls: an update that moves the status or the Consulted reads the issue once (shared with the rollup
 * sync) and adds one KVS write and one Jira request per notification; any other event costs what it did.
 */
export async function issueChanged(deps: Deps, input: IssueChangedInput): Promise<{ notified: number }> {
  const items = input.changelog?.items ?? [];
  const due = items.find((i) => (i.fieldId ?? i.field) === 'duedate');
  if (due) await upstreamDueDateChanged(deps, input.issueId, due.to ?? '');
  const ids = items.length > 0 ? await deps.jira.raciFieldIds() : {};
  const concernsPeople = items.some(
    (i) => (i.fieldId ?? i.field) === 'status' || (!!ids.consulted && i.fieldId === ids.consulted),
  );
  const versionsMoved = items.some((i) => (i.fieldId ?? i.field) === 'fixVersions');
  if (!input.changelog || (!concernsPeople && !versionsMoved)) {
    await syncIssue(deps, input.issueId);
    return { notified: 0 };
  }
  const issue = await issueOrNull(deps, input.issueId);
  await syncIssue(deps, input.issueId, { issue });
  if (issue && versionsMoved) await downstreamVersionsChanged(deps, issue.id, issue.fixVersionIds);
  if (!concernsPeople) return { notified: 0 };
  if (!issue) return { notified: 0 };
  // An action item made into this work item follows its status (issue 15).
  if (items.some((i) => (i.fieldId ?? i.field) === 'status')) await followActionIssue(deps, issue);

  const plan = planRaciNotifications({
    items,
    consultedFieldId: ids.consulted,
    raci: issue.raci,
    actorId: input.actorId,
  });
  const changelogId = input.changelog.id;
  let notified = 0;
  if (plan.consulted.length > 0) {
    const n = consultedNotification(issue, plan.consulted);
    if (await notifyOnce(deps, KEY.notified(issue.id, changelogId, 'consulted'), NOTIFIED_TTL_SECONDS, issue.key, n))
      notified += 1;
  }
  if (plan.status) {
    const { from, to, recipients } = plan.status;
    const n = issueNotification(issue, 'notify.status.subject', 'notify.status.body', { from, to }, recipients);
    if (await notifyOnce(deps, KEY.notified(issue.id, changelogId, 'status'), NOTIFIED_TTL_SECONDS, issue.key, n))
      notified += 1;
  }
  return { notified };
}
