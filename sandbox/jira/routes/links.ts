import { canBrowse, visibleIssue } from '../access';
import { JiraHttpError, badRequest, notFound } from '../errors';
import { linkEvent } from '../events';
import { API, noContent, ok, type Ctx, type Handler, type Result } from '../handler';
import { insertComment } from '../issue-writes';
import { isAdfDoc } from '../render';
import type { IssueRow, JiraRepo } from '../repo';
import { LinkBody } from '../request-schemas';
import { parseBody } from '../request-params';
import type { Router } from '../router';
import { emitAll, eventCtx, type JiraSite } from '../site';
import type { ForgeProductEvent } from '../types';

const MAX_LINKS_PER_ISSUE = 2000;

/**
 * Issue links and their types: create (with an optional comment), read and delete, each write an event.
 * @see https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issue-links/
 * @see https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issue-link-types/
 */
export function registerLinkRoutes(r: Router<Handler>, site: JiraSite): void {
  const { db, repo, render, perms } = site;

  const createLink = (ctx: Ctx): Result => {
    const body = parseBody(LinkBody, ctx.body);
    const type = repo
      .linkTypes()
      .find(
        (t) =>
          (body.type.id !== undefined && t.id === body.type.id) ||
          (body.type.name !== undefined && t.name.toLowerCase() === body.type.name.toLowerCase()),
      );
    if (!type) throw notFound(`No issue link type with name '${body.type.name ?? body.type.id ?? ''}' found.`);
    const resolve = (ref: { id?: string | undefined; key?: string | undefined }): IssueRow =>
      visibleIssue(site, ctx, ref.id ?? ref.key ?? '');
    // Jira stores "inwardIssue <outward description> outwardIssue": { inwardIssue: A, outwardIssue: B, Blocks } is "A blocks B".
    const source = resolve(body.inwardIssue);
    const destination = resolve(body.outwardIssue);
    if (source.id === destination.id) throw badRequest('You cannot link an issue to itself.');
    // The docs name the outward issue as the one whose project needs Link issues; without it Jira answers 404
    // (the spec's responses), so a 404 from this call does not prove an issue is missing.
    if (!perms.has(ctx.actor, destination.project_id, 'LINK_ISSUES'))
      throw notFound('You do not have the permission to link issues.');
    const existing = repo.get<{ id: number }>(
      'SELECT id FROM jira_issue_links WHERE type_id = ? AND source_id = ? AND destination_id = ?',
      type.id,
      source.id,
      destination.id,
    );
    if (existing) return noContent(201);
    const count = (id: number): number =>
      repo.get<{ n: number }>(
        'SELECT COUNT(*) AS n FROM jira_issue_links WHERE source_id = ? OR destination_id = ?',
        id,
        id,
      )?.n ?? 0;
    if (count(source.id) >= MAX_LINKS_PER_ISSUE || count(destination.id) >= MAX_LINKS_PER_ISSUE) {
      throw new JiraHttpError(413, [`Issue link limit of ${MAX_LINKS_PER_ISSUE} links per issue reached.`]);
    }
    if (body.comment && !isAdfDoc(body.comment.body)) throw badRequest('Comment body is not valid!');
    const events: ForgeProductEvent[] = [];
    db.transaction(() => {
      const id = repo.nextId('link');
      const now = ctx.now.getTime();
      repo.run(
        'INSERT INTO jira_issue_links (id, type_id, source_id, destination_id, created) VALUES (?, ?, ?, ?, ?)',
        id,
        type.id,
        source.id,
        destination.id,
        now,
      );
      repo.run('UPDATE jira_issues SET updated = ? WHERE id IN (?, ?)', now, source.id, destination.id);
      if (body.comment) insertComment(repo, destination.id, ctx.accountId, body.comment.body, now);
      events.push(
        linkEvent(
          'avi:jira:created:issuelink',
          {
            id,
            sourceIssueId: source.id,
            destinationIssueId: destination.id,
            sourceProjectId: source.project_id,
            destinationProjectId: destination.project_id,
            issueLinkType: { id: type.id, name: type.name, inward: type.inward, outward: type.outward },
          },
          eventCtx(ctx),
        ),
      );
    })();
    emitAll(site, events);
    return noContent(201);
  };

  const visibleLink = (
    ctx: Ctx,
  ): { link: NonNullable<ReturnType<JiraRepo['link']>>; source: IssueRow; destination: IssueRow } => {
    const raw = ctx.params.linkId ?? '';
    if (!/^\d+$/.test(raw)) throw badRequest(`The issue link id '${raw}' is not valid.`);
    const link = repo.link(Number(raw));
    const source = link ? repo.issueById(link.source_id) : undefined;
    const destination = link ? repo.issueById(link.destination_id) : undefined;
    if (
      !link ||
      !source ||
      !destination ||
      !canBrowse(site, ctx.actor, source.project_id) ||
      !canBrowse(site, ctx.actor, destination.project_id)
    ) {
      throw notFound(`No issue link with id '${raw}' exists.`);
    }
    return { link, source, destination };
  };

  const getLink = (ctx: Ctx): Result => {
    const { link, source, destination } = visibleLink(ctx);
    return ok(render.link(link, source, destination));
  };

  const deleteLink = (ctx: Ctx): Result => {
    const { link, source, destination } = visibleLink(ctx);
    if (
      !perms.has(ctx.actor, source.project_id, 'LINK_ISSUES') &&
      !perms.has(ctx.actor, destination.project_id, 'LINK_ISSUES')
    ) {
      // 404, as the spec says: a 404 on delete does not prove the link is gone.
      throw notFound('You do not have the permission to delete links of these issues.');
    }
    const type = repo.linkType(link.type_id);
    const events: ForgeProductEvent[] = [];
    db.transaction(() => {
      const now = ctx.now.getTime();
      repo.run('DELETE FROM jira_issue_links WHERE id = ?', link.id);
      repo.run('UPDATE jira_issues SET updated = ? WHERE id IN (?, ?)', now, source.id, destination.id);
      events.push(
        linkEvent(
          'avi:jira:deleted:issuelink',
          {
            id: link.id,
            sourceIssueId: source.id,
            destinationIssueId: destination.id,
            sourceProjectId: source.project_id,
            destinationProjectId: destination.project_id,
            issueLinkType: type
              ? { id: type.id, name: type.name, inward: type.inward, outward: type.outward }
              : { id: link.type_id, name: '', inward: '', outward: '' },
          },
          eventCtx(ctx),
        ),
      );
    })();
    emitAll(site, events);
    return noContent();
  };

  r.add('GET', `${API}/issueLinkType`, () => ok({ issueLinkTypes: repo.linkTypes().map((t) => render.linkType(t)) }));
  r.add('POST', `${API}/issueLink`, createLink);
  r.add('GET', `${API}/issueLink/{linkId}`, getLink);
  r.add('DELETE', `${API}/issueLink/{linkId}`, deleteLink);
}
