import { route } from '@forge/api';
import { z } from 'zod';
import type { Actor, JiraSearchPage } from '../../../app/kernel/ports';
import { AppError } from '../../../app/kernel/errors';
import { ensureOk, jiraErrorText, readJson, request } from './http';
import { RACI_DEPARTMENTS_PROPERTY, type AppFields } from './app-fields';
import { IssueSchema, mapIssue } from './issue-mapping';

const SearchPageSchema = z.object({ issues: z.array(IssueSchema).default([]), nextPageToken: z.string().nullish() });

/**
 * One page of a JQL search, never more: the caller decides whether to ask for the next. A 400 is Jira refusing
 * the JQL, in its own words; a search names no single thing that could be missing, so any other failure
 * (404 included) is Jira failing.
 * @see https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issue-search/#api-rest-api-3-search-jql-post
 */
export async function searchIssues(
  fields: AppFields,
  as: Actor,
  jql: string,
  page: { maxResults: number; nextPageToken?: string | undefined },
): Promise<JiraSearchPage> {
  const [asked, fieldIds] = [await fields.issueFields(), await fields.raci()];
  const res = await request(as, route`/rest/api/3/search/jql`, {
    idempotent: true,
    json: {
      jql,
      fields: asked,
      properties: [RACI_DEPARTMENTS_PROPERTY],
      maxResults: page.maxResults,
      ...(page.nextPageToken ? { nextPageToken: page.nextPageToken } : {}),
    },
  });
  if (res.status === 400)
    throw new AppError('VALIDATION', 'raci.validation.jiraRefused', { detail: jiraErrorText(await res.text()) });
  ensureOk(res, { notFound: 'upstream' });
  const body = await readJson(res, SearchPageSchema, 'search');
  return { issues: body.issues.map((r) => mapIssue(r, fieldIds)), nextPageToken: body.nextPageToken ?? null };
}

const CountSchema = z.object({ count: z.number().int().nonnegative() });

/**
 * Jira's estimate of how many issues match a bounded JQL, in one request (recent updates may not show yet).
 * @see https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issue-search/#api-rest-api-3-search-approximate-count-post
 */
export async function countIssues(as: Actor, jql: string): Promise<number> {
  const res = await request(as, route`/rest/api/3/search/approximate-count`, { idempotent: true, json: { jql } });
  if (res.status === 400)
    throw new AppError('VALIDATION', 'raci.validation.jiraRefused', { detail: jiraErrorText(await res.text()) });
  ensureOk(res, { notFound: 'upstream' });
  return (await readJson(res, CountSchema, 'count')).count;
}
