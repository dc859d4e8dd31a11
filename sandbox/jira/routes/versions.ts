import { visibleProject } from '../access';
import { API, ok, type Ctx, type Handler, type Result } from '../handler';
import type { Router } from '../router';
import type { JiraSite } from '../site';

/**
 * A project's versions (the app reads them as milestones).
 * @see https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-project-versions/#api-rest-api-3-project-projectidorkey-versions-get
 */
export function registerVersionRoutes(r: Router<Handler>, site: JiraSite): void {
  const projectVersions = (ctx: Ctx): Result => {
    const p = visibleProject(site, ctx, ctx.params.projectIdOrKey ?? '');
    return ok(site.repo.versions(p.id).map((v) => site.render.version(v, ctx.now)));
  };

  r.add('GET', `${API}/project/{projectIdOrKey}/versions`, projectVersions);
}
