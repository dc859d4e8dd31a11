import { createHash } from 'node:crypto';
import { badRequest } from '../errors';
import { FieldSelection } from '../fields';
import { API, ok, type Ctx, type Handler, type Json, type Result } from '../handler';
import { renderIssues } from '../issue-rendering';
import { parseJql } from '../jql-parser';
import { compileJql } from '../jql-sql';
import { placeholders, type IssueRow } from '../repo';
import { CountBody, SearchBody } from '../request-schemas';
import { expandSet, parseBody, qInt, qList } from '../request-params';
import type { Router } from '../router';
import type { JiraSite } from '../site';

interface SearchQuery {
  jql: string;
  nextPageToken: string | null;
  maxResults: number | null;
  fields: string[];
  expand: string;
  properties: string[];
}

/**
 * JQL search, by POST or GET, paged with `nextPageToken` (the old offset search is gone from Jira Cloud).
 * @see https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issue-search/#api-rest-api-3-search-jql-post
 */
export function registerSearchRoutes(r: Router<Handler>, site: JiraSite): void {
  const { db, repo, render, perms } = site;

  const pageTokenHash = (ctx: Ctx, jql: string): string =>
    createHash('sha1').update(`${ctx.accountId}\n${jql}`).digest('hex').slice(0, 12);

  const search = (ctx: Ctx, q: SearchQuery): Result =>
    site.opts.searchView ? site.opts.searchView.read(() => searchNow(ctx, q)) : searchNow(ctx, q);

  const searchNow = (ctx: Ctx, q: SearchQuery): Result => {
    const parsed = parseJql(q.jql);
    const compiled = compileJql(parsed, { repo, currentAccountId: ctx.accountId, now: ctx.now });
    if (!compiled.bounded)
      throw badRequest('Unbounded JQL queries are not allowed here. Please add a search restriction to your query.');
    const fields = FieldSelection.parse(q.fields, ['id']);
    const cap = fields.keysOnly() ? 5000 : 100;
    const maxResults = Math.min(Math.max(1, q.maxResults ?? 50), cap);
    let offset = 0;
    const hash = pageTokenHash(ctx, q.jql);
    if (q.nextPageToken) {
      try {
        const token = JSON.parse(Buffer.from(q.nextPageToken, 'base64url').toString('utf8')) as {
          o?: unknown;
          h?: unknown;
        };
        if (typeof token.o !== 'number' || token.h !== hash) throw new Error('mismatch');
        offset = token.o;
      } catch {
        throw badRequest('The provided next page token is invalid or expired.');
      }
    }
    const browsable = perms.browsableProjectIds(ctx.actor);
    const scope =
      browsable === null ? '1' : browsable.length === 0 ? '0' : `i.project_id IN (${placeholders(browsable.length)})`;
    const sql = `SELECT i.id FROM jira_issues i WHERE ${scope} AND ${compiled.where} ORDER BY ${compiled.orderBy} LIMIT ? OFFSET ?`;
    const ids = (
      db.prepare(sql).all(...(browsable ?? []), ...compiled.params, maxResults + 1, offset) as Array<{ id: number }>
    ).map((row) => row.id);
    const pageIds = ids.slice(0, maxResults);
    const isLast = ids.length <= maxResults;
    const byId = new Map(repo.issuesByIds(pageIds).map((row) => [row.id, row]));
    const rows = pageIds.map((id) => byId.get(id)).filter((row): row is IssueRow => !!row);
    const expand = expandSet(q.expand);
    const issues = renderIssues(site, ctx, rows, fields, expand, q.properties);
    const out: Json = { issues };
    if (!isLast)
      out.nextPageToken = Buffer.from(JSON.stringify({ o: offset + maxResults, h: hash })).toString('base64url');
    out.isLast = isLast;
    if (expand.has('names') || expand.has('schema')) {
      const fieldIds = new Set(issues.flatMap((i) => Object.keys((i.fields as Json | undefined) ?? {})));
      if (expand.has('names'))
        out.names = Object.fromEntries([...fieldIds].map((id) => [id, render.fieldName(id) ?? id]));
      if (expand.has('schema')) {
        out.schema = Object.fromEntries(
          [...fieldIds].flatMap((id) => {
            const s = render.fieldSchema(id);
            return s ? [[id, s]] : [];
          }),
        );
      }
    }
    return ok(out);
  };

  const searchPost = (ctx: Ctx): Result => {
    const body = parseBody(SearchBody, ctx.body);
    return search(ctx, {
      jql: body.jql ?? '',
      nextPageToken: body.nextPageToken ?? null,
      maxResults: body.maxResults ?? null,
      fields: body.fields ?? [],
      expand: body.expand ?? '',
      properties: body.properties ?? [],
    });
  };

  const searchGet = (ctx: Ctx): Result => {
    const max = ctx.query.get('maxResults');
    return search(ctx, {
      jql: ctx.query.get('jql') ?? '',
      nextPageToken: ctx.query.get('nextPageToken'),
      maxResults: max === null ? null : qInt(ctx, 'maxResults', 50),
      fields: qList(ctx, 'fields'),
      expand: ctx.query.get('expand') ?? '',
      properties: qList(ctx, 'properties'),
    });
  };

  /**
   * The estimate of how many issues match, exact here.
   * @see https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issue-search/#api-rest-api-3-search-approximate-count-post
   */
  const countPost = (ctx: Ctx): Result => {
    const body = parseBody(CountBody, ctx.body);
    const compiled = compileJql(parseJql(body.jql ?? ''), { repo, currentAccountId: ctx.accountId, now: ctx.now });
    if (!compiled.bounded)
      throw badRequest('Unbounded JQL queries are not allowed here. Please add a search restriction to your query.');
    const browsable = perms.browsableProjectIds(ctx.actor);
    const scope =
      browsable === null ? '1' : browsable.length === 0 ? '0' : `i.project_id IN (${placeholders(browsable.length)})`;
    const row = db
      .prepare(`SELECT COUNT(*) AS n FROM jira_issues i WHERE ${scope} AND ${compiled.where}`)
      .get(...(browsable ?? []), ...compiled.params) as { n: number };
    return ok({ count: row.n });
  };

  r.add('POST', `${API}/search/approximate-count`, countPost);
  r.add('POST', `${API}/search/jql`, searchPost);
  r.add('GET', `${API}/search/jql`, searchGet);
}
