import { requirePermission, visibleIssue } from '../access';
import { fieldErrors } from '../errors';
import { commentEvent } from '../events';
import { API, ok, type Ctx, type Handler, type Result } from '../handler';
import { eventIssue } from '../issue-rendering';
import { insertComment } from '../issue-writes';
import { isAdfDoc, type JiraRenderer } from '../render';
import { CommentBody } from '../request-schemas';
import { parseBody, qInt } from '../request-params';
import type { Router } from '../router';
import { emitAll, eventCtx, type JiraSite } from '../site';
import type { ForgeProductEvent } from '../types';

/**
 * An issue's comments: a page of them, and adding one (an Atlassian Document), which emits a comment event.
 * @see https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issue-comments/
 */
export function registerCommentRoutes(r: Router<Handler>, site: JiraSite): void {
  const { db, repo, render } = site;

  const getComments = (ctx: Ctx): Result => {
    const issue = visibleIssue(site, ctx, ctx.params.issueIdOrKey ?? '');
    const startAt = Math.max(0, qInt(ctx, 'startAt', 0));
    const maxResults = Math.min(Math.max(1, qInt(ctx, 'maxResults', 5000)), 5000);
    const desc = (ctx.query.get('orderBy') ?? 'created').startsWith('-');
    const rows = repo.comments(issue.id, startAt, maxResults, desc);
    const users = repo.usersByIds(rows.map((c) => c.author));
    return ok({
      startAt,
      maxResults,
      total: repo.commentCount(issue.id),
      comments: rows.map((c) => render.comment(c, users, issue.id)),
    });
  };

  const addComment = (ctx: Ctx): Result => {
    const issue = visibleIssue(site, ctx, ctx.params.issueIdOrKey ?? '');
    requirePermission(site, ctx, issue, 'ADD_COMMENTS', 'You do not have the permission to comment on this issue.');
    const body = parseBody(CommentBody, ctx.body);
    if (!isAdfDoc(body.body))
      throw fieldErrors({ comment: 'Comment body is not valid! It must be an Atlassian Document.' });
    const events: ForgeProductEvent[] = [];
    const comment = db.transaction(() => {
      const now = ctx.now.getTime();
      const id = insertComment(repo, issue.id, ctx.accountId, body.body, now);
      repo.run('UPDATE jira_issues SET updated = ? WHERE id = ?', now, issue.id);
      const row = repo.get<Parameters<JiraRenderer['comment']>[0]>('SELECT * FROM jira_comments WHERE id = ?', id);
      if (!row) throw new Error('comment insert failed');
      const rendered = render.comment(row, repo.usersByIds([ctx.accountId]), issue.id);
      events.push(commentEvent(eventIssue(site, repo.issueById(issue.id) ?? issue), rendered, eventCtx(ctx)));
      return rendered;
    })();
    emitAll(site, events);
    return ok(comment, 201);
  };

  r.add('GET', `${API}/issue/{issueIdOrKey}/comment`, getComments);
  r.add('POST', `${API}/issue/{issueIdOrKey}/comment`, addComment);
}
