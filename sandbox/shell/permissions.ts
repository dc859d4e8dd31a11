import { jira } from './api';

export async function isProjectAdmin(projectKey: string): Promise<boolean> {
  const r = await jira<{ permissions: Record<string, { havePermission?: boolean }> }>(
    `/rest/api/3/mypermissions?permissions=ADMINISTER_PROJECTS&projectKey=${projectKey}`,
  ).catch(() => null);
  return r?.permissions.ADMINISTER_PROJECTS?.havePermission ?? false;
}

/** Jira lists apps' admin pages (Apps → the app's settings) for Jira admins only; so does the shell. */
export async function isJiraAdmin(): Promise<boolean> {
  const r = await jira<{ permissions: Record<string, { havePermission?: boolean }> }>(
    '/rest/api/3/mypermissions?permissions=ADMINISTER',
  ).catch(() => null);
  return r?.permissions.ADMINISTER?.havePermission ?? false;
}
