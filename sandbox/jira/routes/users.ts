import { JiraHttpError, badRequest, notFound } from '../errors';
import { API, ok, type Ctx, type Handler, type Json, type Result } from '../handler';
import type { UserRow } from '../repo';
import { pageBean } from '../paging';
import { expandSet, qInt, qList } from '../request-params';
import type { Router } from '../router';
import type { JiraSite } from '../site';

/**
 * The acting user and the user lookups: by account id, in bulk, by search and for a picker.
 * @see https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-users/
 * @see https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-user-search/
 * @see https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-myself/
 */
export function registerUserRoutes(r: Router<Handler>, site: JiraSite): void {
  const { repo, render } = site;

  const userJson = (u: UserRow, expand: ReadonlySet<string>): Json => {
    const out = render.user(u);
    if (expand.has('groups')) {
      const groups = repo.groupsOf(u.account_id).flatMap((name) => {
        const g = repo.group(name);
        return g ? [render.group(g.name, g.group_id)] : [];
      });
      out.groups = { size: groups.length, items: groups, 'max-results': groups.length };
    }
    if (expand.has('applicationRoles')) {
      const roles = u.account_type === 'atlassian' ? [{ key: 'jira-software', name: 'Jira' }] : [];
      out.applicationRoles = { size: roles.length, items: roles, 'max-results': roles.length };
    }
    out.expand = 'groups,applicationRoles';
    return out;
  };

  const matchUsers = (query: string): UserRow[] => {
    const q = query.trim().toLowerCase();
    return repo.allUsers().filter((u) => {
      if (u.account_type === 'app') return false;
      if (u.account_id === query) return true;
      const name = u.display_name.toLowerCase();
      const email = (u.email ?? '').toLowerCase();
      return name.includes(q) || email.startsWith(q) || name.split(/\s+/).some((w) => w.startsWith(q));
    });
  };

  const myself = (ctx: Ctx): Result => {
    const u = repo.user(ctx.accountId);
    if (!u) throw new JiraHttpError(401, ['Client must be authenticated to access this resource.']);
    return ok(userJson(u, expandSet(ctx.query.get('expand'))));
  };

  const getUser = (ctx: Ctx): Result => {
    const accountId = ctx.query.get('accountId');
    if (!accountId) throw badRequest("The query parameter 'accountId' is required.");
    const u = repo.user(accountId);
    if (!u) throw notFound('Specified user does not exist or you do not have required permissions');
    return ok(userJson(u, expandSet(ctx.query.get('expand'))));
  };

  const userBulk = (ctx: Ctx): Result => {
    const ids = ctx.query.getAll('accountId').filter((x) => x !== '');
    if (ids.length === 0) throw badRequest("The query parameter 'accountId' is required.");
    const startAt = Math.max(0, qInt(ctx, 'startAt', 0));
    const maxResults = Math.min(Math.max(1, qInt(ctx, 'maxResults', 10)), 200);
    const found = repo.usersByIds(ids);
    const users = [...new Set(ids)].flatMap((id) => {
      const u = found.get(id);
      return u ? [u] : [];
    });
    const selfQuery = `startAt=${startAt}&maxResults=${maxResults}&${ids.map((i) => `accountId=${encodeURIComponent(i)}`).join('&')}`;
    const link = (at: number): string =>
      render.self(`/user/bulk?${selfQuery.replace(`startAt=${startAt}`, `startAt=${at}`)}`);
    return ok(pageBean(users, startAt, maxResults, link, (u) => render.user(u)));
  };

  const userSearch = (ctx: Ctx): Result => {
    const query = ctx.query.get('query');
    const accountId = ctx.query.get('accountId');
    if (!query && !accountId) throw badRequest("One of 'query' or 'accountId' parameters must be provided.");
    const startAt = Math.max(0, qInt(ctx, 'startAt', 0));
    const maxResults = Math.min(Math.max(1, qInt(ctx, 'maxResults', 50)), 1000);
    const users = accountId ? [repo.user(accountId)].filter((u): u is UserRow => !!u) : matchUsers(query ?? '');
    return ok(users.slice(startAt, startAt + maxResults).map((u) => render.user(u)));
  };

  const userPicker = (ctx: Ctx): Result => {
    const query = ctx.query.get('query');
    if (query === null) throw badRequest("The query parameter 'query' is required.");
    const maxResults = Math.max(1, qInt(ctx, 'maxResults', 50));
    const exclude = new Set([...qList(ctx, 'excludeAccountIds'), ...qList(ctx, 'exclude')]);
    const all = matchUsers(query).filter((u) => !exclude.has(u.account_id));
    const shown = all.slice(0, maxResults);
    const escapeHtml = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
    const highlight = (name: string): string => {
      const i = name.toLowerCase().indexOf(query.toLowerCase());
      if (i < 0 || query === '') return escapeHtml(name);
      return `${escapeHtml(name.slice(0, i))}<strong>${escapeHtml(name.slice(i, i + query.length))}</strong>${escapeHtml(name.slice(i + query.length))}`;
    };
    return ok({
      users: shown.map((u) => ({
        accountId: u.account_id,
        accountType: u.account_type,
        html: `${highlight(u.display_name)}${u.email ? ` - ${escapeHtml(u.email)}` : ''}`,
        displayName: u.display_name,
        avatarUrl: render.avatarUrls('user', u.account_id)['16x16'],
      })),
      total: all.length,
      header: `Showing ${shown.length} of ${all.length} matching users`,
    });
  };

  r.add('GET', `${API}/myself`, myself);
  r.add('GET', `${API}/user`, getUser);
  r.add('GET', `${API}/user/bulk`, userBulk);
  r.add('GET', `${API}/user/search`, userSearch);
  r.add('GET', `${API}/user/picker`, userPicker);
}
