import { badRequest, forbidden, notFound } from '../errors';
import { API, ok, type Ctx, type Handler, type Result } from '../handler';
import { pageBean } from '../paging';
import { qInt } from '../request-params';
import type { Router } from '../router';
import type { JiraSite } from '../site';

/**
 * A group's members, a page at a time; needs the *Browse users and groups* or the *Administer Jira* global
 * permission (the spec: 403 without), so a person outside both, such as a contractor, is refused.
 * @see https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-groups/#api-rest-api-3-group-member-get
 */
export function registerGroupRoutes(r: Router<Handler>, site: JiraSite): void {
  const { repo, render, perms } = site;

  const groupMembers = (ctx: Ctx): Result => {
    const name = ctx.query.get('groupname');
    const groupId = ctx.query.get('groupId');
    if (!name && !groupId) throw badRequest('You must provide a group name or a group id.');
    if (!perms.hasGlobal(ctx.actor, 'USER_PICKER'))
      throw forbidden('You do not have the Browse users and groups or the Administer Jira global permission.');
    const group = groupId ? repo.groupById(groupId) : repo.group(name ?? '');
    if (!group) throw notFound(`Group '${name ?? groupId ?? ''}' does not exist.`);
    const includeInactive = ctx.query.get('includeInactiveUsers') === 'true';
    const startAt = Math.max(0, qInt(ctx, 'startAt', 0));
    const maxResults = Math.min(Math.max(1, qInt(ctx, 'maxResults', 50)), 50);
    const users = [...repo.usersByIds(repo.groupMemberIds(group.name)).values()]
      .filter((u) => includeInactive || u.active === 1)
      .sort((a, b) => a.display_name.localeCompare(b.display_name) || a.account_id.localeCompare(b.account_id));
    const base = `/group/member?groupId=${encodeURIComponent(group.group_id)}&includeInactiveUsers=${includeInactive}&maxResults=${maxResults}`;
    return ok(
      pageBean(
        users,
        startAt,
        maxResults,
        (at) => render.self(`${base}&startAt=${at}`),
        (u) => render.userDetails(u),
      ),
    );
  };

  r.add('GET', `${API}/group/member`, groupMembers);
}
