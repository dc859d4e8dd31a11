import type { JiraIssue, JiraNotification } from '../kernel/ports';
import { issueNotification } from '../kernel/notifications';

/** "Your input is needed": the note to people just added as Consulted, by a RACI edit in the app or in Jira. */
export function consultedNotification(issue: JiraIssue, to: string[]): JiraNotification {
  return issueNotification(
    issue,
    'notify.consulted.subject',
    'notify.consulted.body',
    { status: issue.statusName },
    to,
  );
}
