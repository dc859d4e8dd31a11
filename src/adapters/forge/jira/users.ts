import { route } from '@forge/api';
import { z } from 'zod';
import type { Actor, JiraUser } from '../../../app/kernel/ports';
import { AppError } from '../../../app/kernel/errors';
import { ensureOk, readJson, request } from './http';
import { toUser, UserSchema } from './issue-mapping';

/** Jira's user bulk read takes at most this many account ids a request. */
const USERS_PER_REQUEST = 90;

/** Bulk reads asked at once: 2,000 people are 23 requests in 3 rounds, not 23 one after another. */
const PARALLEL_REQUESTS = 10;

/**
 * People by account id, 90 a request, `PARALLEL_REQUESTS` requests at a time; an account Jira does not know
 * is left out.
 * @see https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-users/#api-rest-api-3-user-bulk-get
 */
export async function getUsers(as: Actor, accountIds: readonly string[]): Promise<JiraUser[]> {
  const unique = [...new Set(accountIds)];
  const chunks: string[][] = [];
  for (let i = 0; i < unique.length; i += USERS_PER_REQUEST) chunks.push(unique.slice(i, i + USERS_PER_REQUEST));
  const out: JiraUser[] = [];
  for (let i = 0; i < chunks.length; i += PARALLEL_REQUESTS) {
    const pages = await Promise.all(chunks.slice(i, i + PARALLEL_REQUESTS).map((chunk) => usersPage(as, chunk)));
    for (const page of pages) out.push(...page);
  }
  return out;
}

async function usersPage(as: Actor, chunk: readonly string[]): Promise<JiraUser[]> {
  const query = new URLSearchParams(chunk.map((id) => ['accountId', id]));
  query.set('maxResults', String(chunk.length));
  const res = await request(as, route`/rest/api/3/user/bulk?${query}`);
  ensureOk(res, { notFound: new AppError('NOT_FOUND', 'notFound.user', { accountId: chunk.join(', ') }) });
  const body = await readJson(res, z.object({ values: z.array(UserSchema) }), 'users');
  return body.values.map(toUser);
}

/**
 * People whose name or email matches, as Jira's user search finds them for the actor; apps are left out. A
 * query names nobody in particular, so a 404 is Jira failing.
 * @see https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-user-search/#api-rest-api-3-user-search-get
 */
export async function searchUsers(as: Actor, query: string, maxResults: number): Promise<JiraUser[]> {
  const params = new URLSearchParams({ query, maxResults: String(maxResults) });
  const res = ensureOk(await request(as, route`/rest/api/3/user/search?${params}`), { notFound: 'upstream' });
  const users = await readJson(res, z.array(UserSchema.extend({ accountType: z.string().optional() })), 'user search');
  return users.filter((u) => u.accountType !== 'app').map(toUser);
}

/**
 * A person's Jira language. Jira returns `locale` only as the person's privacy settings allow: null then, and
 * for an account Jira does not know (404).
 * @see https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-users/#api-rest-api-3-user-get
 */
export async function getUserLocale(as: Actor, accountId: string): Promise<string | null> {
  const res = await request(as, route`/rest/api/3/user?${new URLSearchParams({ accountId })}`);
  if (res.status === 404) return null;
  ensureOk(res, { notFound: 'upstream' }); // 404 answered above
  const user = await readJson(
    res,
    z.object({ accountId: z.string(), locale: z.string().nullish() }).passthrough(),
    'user',
  );
  return user.locale ?? null;
}
