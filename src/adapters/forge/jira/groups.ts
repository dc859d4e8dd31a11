import { route } from '@forge/api';
import { z } from 'zod';
import type { Actor } from '../../../app/kernel/ports';
import { ensureOk, readJson, request } from './http';

const GroupMembersSchema = z.object({
  values: z.array(z.object({ accountId: z.string() })).default([]),
  isLast: z.boolean().default(true),
});

/**
 * Account ids of a group's active members, following `isLast` page by page (Jira gives at most 50 a page);
 * null when Jira has no group of that name.
 * @see https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-groups/#api-rest-api-3-group-member-get
 */
export async function getGroupMembers(as: Actor, groupName: string): Promise<string[] | null> {
  const out: string[] = [];
  for (let startAt = 0; ; ) {
    const params = new URLSearchParams({ groupname: groupName, startAt: String(startAt), maxResults: '50' });
    const res = await request(as, route`/rest/api/3/group/member?${params}`);
    if (res.status === 404) return null;
    ensureOk(res, { notFound: 'upstream' }); // 404 answered above
    const page = await readJson(res, GroupMembersSchema, 'group members');
    out.push(...page.values.map((u) => u.accountId));
    if (page.isLast || page.values.length === 0) return out;
    startAt += page.values.length;
  }
}
