import { canBrowse, visibleIssue } from '../access';
import { badRequest } from '../errors';
import { API, noContent, type Ctx, type Handler, type Result } from '../handler';
import { PERMISSION_INFO, isProjectPermission } from '../permissions';
import { NotifyBody } from '../request-schemas';
import { parseBody } from '../request-params';
import type { Router } from '../router';
import type { JiraSite } from '../site';

/**
 * An email notification about an issue: recipients resolved and restricted as Jira does, then recorded for
 * the sandbox shell instead of sent.
 * @see https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issues/#api-rest-api-3-issue-issueidorkey-notify-post
 */
export function registerNotificationRoutes(r: Router<Handler>, site: JiraSite): void {
  const { db, repo, perms } = site;

  const notify = (ctx: Ctx): Result => {
    const issue = visibleIssue(site, ctx, ctx.params.issueIdOrKey ?? '');
    const body = parseBody(NotifyBody, ctx.body);
    const to = body.to ?? {};
    const recipients = new Set<string>();
    if (to.reporter && issue.reporter) recipients.add(issue.reporter);
    if (to.assignee && issue.assignee) recipients.add(issue.assignee);
    // The sandbox has no watch lists: Jira's automatic watchers are the reporter and the creator.
    if (to.watchers) for (const w of [issue.reporter, issue.creator]) if (w) recipients.add(w);
    for (const u of to.users ?? []) {
      if (!repo.user(u.accountId)) throw badRequest(`User with accountId '${u.accountId}' does not exist.`);
      recipients.add(u.accountId);
    }
    const groupNames = (
      refs: Array<{ name?: string | undefined; groupId?: string | undefined }>,
      ids: string[],
    ): string[] =>
      [
        ...refs.map((g) => (g.groupId ? repo.groupById(g.groupId) : repo.group(g.name ?? ''))),
        ...ids.map((id) => repo.groupById(id)),
      ].map((g, i) => {
        if (!g) throw badRequest(`Group '${JSON.stringify([...refs, ...ids][i])}' does not exist.`);
        return g.name;
      });
    for (const g of groupNames(to.groups ?? [], to.groupIds ?? []))
      for (const m of repo.groupMemberIds(g)) recipients.add(m);
    let final = [...recipients];
    if (body.restrict) {
      const restrictGroups = groupNames(body.restrict.groups ?? [], body.restrict.groupIds ?? []);
      if (restrictGroups.length > 0) {
        const allowed = new Set(restrictGroups.flatMap((g) => repo.groupMemberIds(g)));
        final = final.filter((a) => allowed.has(a));
      }
      for (const p of body.restrict.permissions ?? []) {
        const key = p.key ?? Object.entries(PERMISSION_INFO).find(([, info]) => info.id === p.id)?.[0];
        if (!key || !isProjectPermission(key)) throw badRequest(`Permission '${p.key ?? p.id ?? ''}' is not valid.`);
        final = final.filter((a) => perms.has({ kind: 'user', accountId: a }, issue.project_id, key));
      }
    }
    // Jira only mails people who can see the issue.
    final = final.filter((a) => {
      const u = repo.user(a);
      return (
        !!u &&
        u.active === 1 &&
        u.account_type === 'atlassian' &&
        canBrowse(site, { kind: 'user', accountId: a }, issue.project_id)
      );
    });
    db.transaction(() => {
      repo.run(
        `INSERT INTO jira_notifications (id, issue_id, issue_key, sender, subject, text_body, html_body, recipients, request, created)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        repo.nextId('notification', 1),
        issue.id,
        issue.key,
        ctx.accountId,
        body.subject ?? null,
        body.textBody ?? null,
        body.htmlBody ?? null,
        JSON.stringify(final.sort()),
        ctx.body ?? '',
        ctx.now.getTime(),
      );
    })();
    return noContent();
  };

  r.add('POST', `${API}/issue/{issueIdOrKey}/notify`, notify);
}
