import { visibleProject } from '../access';
import { API, ok, type Ctx, type Handler, type Result } from '../handler';
import { pageBean } from '../paging';
import { expandSet, qInt, qList } from '../request-params';
import type { Router } from '../router';
import type { JiraSite } from '../site';

/**
 * The projects the actor may see: a search page, one project, and its statuses per issue type.
 * @see https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-projects/
 */
export function registerProjectRoutes(r: Router<Handler>, site: JiraSite): void {
  const { repo, render, perms } = site;

  const projectSearch = (ctx: Ctx): Result => {
    const startAt = Math.max(0, qInt(ctx, 'startAt', 0));
    const maxResults = Math.min(Math.max(1, qInt(ctx, 'maxResults', 50)), 100);
    const keys = new Set(qList(ctx, 'keys').map((k) => k.toUpperCase()));
    const ids = new Set(qList(ctx, 'id'));
    const query = (ctx.query.get('query') ?? '').toLowerCase();
    const orderBy = ctx.query.get('orderBy') ?? 'key';
    const expand = expandSet(ctx.query.get('expand'));
    let projects = repo.projects().filter((p) => {
      const held = perms.projectPermissions(ctx.actor, p.id);
      if (!held.has('BROWSE_PROJECTS') && !held.has('ADMINISTER_PROJECTS')) return false;
      if (keys.size > 0 && !keys.has(p.key)) return false;
      if (ids.size > 0 && !ids.has(String(p.id))) return false;
      return query === '' || p.key.toLowerCase().includes(query) || p.name.toLowerCase().includes(query);
    });
    const desc = orderBy.startsWith('-');
    const by = orderBy.replace(/^[-+]/, '');
    projects = projects.sort((a, b) =>
      by === 'name' ? a.name.localeCompare(b.name) : by === 'id' ? a.id - b.id : a.key.localeCompare(b.key),
    );
    if (desc) projects.reverse();
    const base = `/project/search?maxResults=${maxResults}&orderBy=${encodeURIComponent(orderBy)}`;
    return ok(
      pageBean(
        projects,
        startAt,
        maxResults,
        (at) => render.self(`${base}&startAt=${at}`),
        (p) => render.project(p, expand, false, ctx.now),
      ),
    );
  };

  const getProject = (ctx: Ctx): Result => {
    const p = visibleProject(site, ctx, ctx.params.projectIdOrKey ?? '');
    return ok(render.project(p, expandSet(ctx.query.get('expand')), true, ctx.now));
  };

  /** Every issue type with the statuses of its workflow; the sandbox has one workflow, shared by all types. */
  const projectStatuses = (ctx: Ctx): Result => {
    const p = visibleProject(site, ctx, ctx.params.projectIdOrKey ?? '');
    const statuses = repo.statuses().map((s) => render.status(s));
    return ok(
      repo.issueTypes().map((t) => ({
        self: render.self(`/project/${p.id}/statuses/${t.id}`),
        id: t.id,
        name: t.name,
        subtask: false,
        statuses,
      })),
    );
  };

  // The search goes first: `/project/search` would otherwise be read as the project with key "search".
  r.add('GET', `${API}/project/search`, projectSearch);
  r.add('GET', `${API}/project/{projectIdOrKey}`, getProject);
  r.add('GET', `${API}/project/{projectIdOrKey}/statuses`, projectStatuses);
}
