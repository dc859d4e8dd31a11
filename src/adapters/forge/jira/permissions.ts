import { route } from '@forge/api';
import { z } from 'zod';
import type { Actor, JiraPermission } from '../../../app/kernel/ports';
import { ensureOk, readJson, request } from './http';

const PermissionsSchema = z.object({
  permissions: z.record(z.string(), z.object({ havePermission: z.boolean() })),
});

/**
 * Which of the permissions the actor has, in a project or on an issue, or globally when neither is named
 * (ADMINISTER). Jira answers 404 for a project or issue the actor may not see: then they have none of them.
 * @see https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-permissions/#api-rest-api-3-mypermissions-get
 */
export async function hasPermissions(
  as: Actor,
  scope: { projectKey?: string; issueKey?: string },
  permissions: readonly JiraPermission[],
): Promise<Record<JiraPermission, boolean>> {
  const query = new URLSearchParams({ permissions: permissions.join(',') });
  if (scope.projectKey) query.set('projectKey', scope.projectKey);
  if (scope.issueKey) query.set('issueKey', scope.issueKey);
  const res = await request(as, route`/rest/api/3/mypermissions?${query}`);
  if (res.status === 404)
    return Object.fromEntries(permissions.map((p) => [p, false])) as Record<JiraPermission, boolean>;
  ensureOk(res, { notFound: 'upstream' }); // 404 answered above
  const body = await readJson(res, PermissionsSchema, 'permissions');
  return Object.fromEntries(permissions.map((p) => [p, body.permissions[p]?.havePermission ?? false])) as Record<
    JiraPermission,
    boolean
  >;
}
