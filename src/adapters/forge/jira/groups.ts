import { route } from '@forge/api';
import { z } from 'zod';
import type { Actor } from '../../../app/kernel/ports';
import { ensureOk, readJson, request } from './http';

const GroupMembersSchema = z.object({
  values: z.array(z.object({ accountId: z.string() })).default([]),
  isLast: z.boolean().default(true),
  total: z.number().int().nonnegative().optional(),
});
type GroupMembersPage = z.output<typeof GroupMembersSchema>;

/** Jira's cap on the page size of the group member listing (the vendored spec: "between 1 and 50"). */
const PAGE = 50;
/** Pages asked at once after the first: a 2,000-member group is 1 + 39 pages in 5 rounds, not 40 one after another. */
const PARALLEL_PAGES = 10;

async function memberPage(as: Actor, groupName: string, startAt: number): Promise<GroupMembersPage | null> {
  const params = new URLSearchParams({ groupname: groupName, startAt: String(startAt), maxResults: String(PAGE) });
  const res = await request(as, route`/rest/api/3/group/member?${params}`);
  if (res.status === 404) return null;
  ensureOk(res, { notFound: 'upstream' }); // 404 answered above
  return readJson(res, GroupMembersSchema, 'group members');
}

/**
 * Account ids of a group's active members; null when Jira has no group of that name. The first page tells the
 * group's `total`; the other pages are then asked in parallel, `PARALLEL_PAGES` at a time. A Jira that leaves
 * `total` out is followed page by page (`isLast`), as before.
 * @see https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-groups/#api-rest-api-3-group-member-get
 */
export async function getGroupMembers(as: Actor, groupName: string): Promise<string[] | null> {
  const first = await memberPage(as, groupName, 0);
  if (first === null) return null;
  const out = first.values.map((u) => u.accountId);
  if (first.isLast || first.values.length === 0) return out;
  if (first.total === undefined) return followPages(as, groupName, out);
  const starts: number[] = [];
  for (let at = first.values.length; at < first.total; at += PAGE) starts.push(at);
  for (let i = 0; i < starts.length; i += PARALLEL_PAGES) {
    const pages = await Promise.all(starts.slice(i, i + PARALLEL_PAGES).map((at) => memberPage(as, groupName, at)));
    // A group deleted between pages: Jira no longer knows it.
    if (pages.some((p) => p === null)) return null;
    for (const p of pages) out.push(...p!.values.map((u) => u.accountId));
  }
  // Members added while paging may shift a page: one person seen twice is counted once.
  return [...new Set(out)];
}

async function followPages(as: Actor, groupName: string, out: string[]): Promise<string[] | null> {
  for (let startAt = out.length; ; ) {
    const page = await memberPage(as, groupName, startAt);
    if (page === null) return null;
    out.push(...page.values.map((u) => u.accountId));
    if (page.isLast || page.values.length === 0) return out;
    startAt += page.values.length;
  }
}
