import { visibleIssue } from '../access';
import { badRequest, notFound } from '../errors';
import { API, ok, type Ctx, type Handler, type Json, type Result } from '../handler';
import { PERMISSION_INFO, isProjectPermission } from '../permissions';
import { qList } from '../request-params';
import type { Router } from '../router';
import type { JiraSite } from '../site';

/**
 * Which of the asked permissions the actor holds: in an issue's or a project's context, else anywhere.
 * @see https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-permissions/#api-rest-api-3-mypermissions-get
 */
export function registerMyPermissionsRoutes(r: Router<Handler>, site: JiraSite): void {
  const { repo, perms } = site;

  const myPermissions = (ctx: Ctx): Result => {
    const keys = qList(ctx, 'permissions');
    if (keys.length === 0) throw badRequest('The permissions query parameter is required.');
    const unknown = keys.filter((k) => !(k in PERMISSION_INFO));
    if (unknown.length > 0) throw badRequest(`Permission key(s) ${unknown.join(', ')} not found.`);
    const issueRef = ctx.query.get('issueId') ?? ctx.query.get('issueKey');
    const projectRef = ctx.query.get('projectId') ?? ctx.query.get('projectKey');
    let projectId: number | null = null;
    if (issueRef) {
      projectId = visibleIssue(site, ctx, issueRef).project_id;
    } else if (projectRef) {
      const p = repo.project(projectRef);
      if (!p)
        throw notFound(`No project could be found with ${ctx.query.get('projectId') ? 'id' : 'key'} '${projectRef}'.`);
      projectId = p.id;
    }
    const held = projectId === null ? null : perms.projectPermissions(ctx.actor, projectId);
    const permissions: Record<string, Json> = {};
    for (const key of keys) {
      const info = PERMISSION_INFO[key as keyof typeof PERMISSION_INFO];
      let have: boolean;
      if (!isProjectPermission(key)) have = perms.hasGlobal(ctx.actor, key as 'ADMINISTER' | 'USER_PICKER');
      else if (held) have = held.has(key);
      else have = perms.hasAnywhere(ctx.actor, key);
      permissions[key] = {
        id: info.id,
        key,
        name: info.name,
        type: info.type,
        description: info.description,
        havePermission: have,
      };
    }
    return ok({ permissions });
  };

  r.add('GET', `${API}/mypermissions`, myPermissions);
}
