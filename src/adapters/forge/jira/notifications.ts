import { route } from '@forge/api';
import type { Actor, JiraNotification } from '../../../app/kernel/ports';
import { AppError } from '../../../app/kernel/errors';
import { ensureOk, request } from './http';

/**
 * One request for all recipients: Jira queues one email each and skips people who cannot see the issue.
 * Reporter, assignee, watchers and voters are switched off explicitly, so only the listed people hear.
 * @see https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issues/#api-rest-api-3-issue-issueidorkey-notify-post
 */
export async function notify(as: Actor, issueIdOrKey: string, n: JiraNotification): Promise<void> {
  const body = {
    subject: n.subject,
    textBody: n.textBody,
    htmlBody: n.htmlBody,
    to: {
      reporter: false,
      assignee: false,
      watchers: false,
      voters: false,
      users: [...new Set(n.toAccountIds)].map((accountId) => ({ accountId })),
    },
  };
  const res = await request(as, route`/rest/api/3/issue/${issueIdOrKey}/notify`, { json: body });
  ensureOk(res, { notFound: new AppError('NOT_FOUND', 'notFound.issue', { key: issueIdOrKey }) });
}
