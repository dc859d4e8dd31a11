import { route } from '@forge/api';
import { z } from 'zod';
import type { Actor, JiraIssue, JiraIssueDraft } from '../../../app/kernel/ports';
import type { RaciAssignment, RaciDepartmentAssignment } from '../../../domain/raci/raci';
import { AppError } from '../../../app/kernel/errors';
import { ensureOk, jiraErrorText, readJson, request } from './http';
import { RACI_APPROVER_PROPERTY, RACI_DEPARTMENTS_PROPERTY, type AppFields } from './app-fields';
import { IssueSchema, mapIssue } from './issue-mapping';

/** A missing issue is named by the key (or id) the caller asked for. */
const issueNotFound = (key: string) => new AppError('NOT_FOUND', 'notFound.issue', { key });

const CreateErrorSchema = z.object({
  errorMessages: z.array(z.string()).default([]),
  errors: z.record(z.string(), z.string()).default({}),
});

/**
 * One issue with the RACI fields, the escalation people fields present on the site and the app's entity
 * properties; its links and whether the actor may edit it when asked for.
 * @see https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issues/#api-rest-api-3-issue-issueidorkey-get
 */
export async function getIssue(
  fields: AppFields,
  as: Actor,
  issueIdOrKey: string,
  opts?: { withEditMeta?: boolean; withLinks?: boolean },
): Promise<JiraIssue> {
  const peopleFieldIds = await fields.escalationPeople();
  const asked = [
    ...(await fields.issueFields()),
    ...Object.values(peopleFieldIds),
    ...(opts?.withLinks ? ['issuelinks'] : []),
  ];
  const query = new URLSearchParams({
    fields: asked.join(','),
    properties: `${RACI_DEPARTMENTS_PROPERTY},${RACI_APPROVER_PROPERTY}`,
  });
  if (opts?.withEditMeta) query.set('expand', 'editmeta');
  const res = ensureOk(await request(as, route`/rest/api/3/issue/${issueIdOrKey}?${query}`), {
    notFound: issueNotFound(issueIdOrKey),
  });
  return mapIssue(await readJson(res, IssueSchema, 'issue'), await fields.raci(), peopleFieldIds);
}

/**
 * The issues the actor may see, 100 a request; Jira leaves out unknown and hidden ones.
 * @see https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issues/#api-rest-api-3-issue-bulkfetch-post
 */
export async function bulkFetchIssues(fields: AppFields, as: Actor, issueIds: readonly string[]): Promise<JiraIssue[]> {
  if (issueIds.length === 0) return [];
  const [asked, fieldIds] = [await fields.issueFields(), await fields.raci()];
  const out: JiraIssue[] = [];
  for (let i = 0; i < issueIds.length; i += 100) {
    const chunk = issueIds.slice(i, i + 100);
    const res = await request(as, route`/rest/api/3/issue/bulkfetch`, {
      idempotent: true,
      json: { issueIdsOrKeys: chunk, fields: asked, properties: [RACI_DEPARTMENTS_PROPERTY] },
    });
    ensureOk(res, { notFound: issueNotFound(chunk.join(', ')) });
    const body = await readJson(res, z.object({ issues: z.array(IssueSchema).default([]) }), 'bulkfetch');
    out.push(...body.issues.map((r) => mapIssue(r, fieldIds)));
  }
  return out;
}

/**
 * Creates an issue; a 400 is Jira refusing a field (an assignee who may not be assigned, a missing required
 * field) and comes back as VALIDATION with Jira's own words. A 404 is the project.
 * @see https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issues/#api-rest-api-3-issue-post
 */
export async function createIssue(as: Actor, d: JiraIssueDraft): Promise<{ id: string; key: string }> {
  const paragraphs = d.description.split('\n').filter((line) => line.trim() !== '');
  const fields = {
    project: { key: d.projectKey },
    issuetype: { name: d.issueTypeName },
    summary: d.summary,
    description: {
      type: 'doc',
      version: 1,
      content: paragraphs.map((text) => ({ type: 'paragraph', content: [{ type: 'text', text }] })),
    },
    ...(d.dueDate ? { duedate: d.dueDate } : {}),
    ...(d.assigneeAccountId ? { assignee: { accountId: d.assigneeAccountId } } : {}),
    ...(d.labels?.length ? { labels: [...d.labels] } : {}),
  };
  const res = await request(as, route`/rest/api/3/issue`, { json: { fields } });
  if (res.status === 400) {
    const body = await readJson(res, CreateErrorSchema, 'create issue');
    const detail =
      [...body.errorMessages, ...Object.entries(body.errors).map(([k, v]) => `${k}: ${v}`)].join('; ') || 'Bad request';
    throw new AppError('VALIDATION', 'project.action.issueRefused', { detail });
  }
  ensureOk(res, {
    notFound: new AppError('NOT_FOUND', 'notFound.project', { key: d.projectKey }),
    forbidden: new AppError('FORBIDDEN', 'forbidden.browse', { what: 'project' }),
  });
  return readJson(res, z.object({ id: z.string(), key: z.string() }), 'created issue');
}

/**
 * Keeps the Accountable entity property (read by the "only the Accountable" condition) equal to the field.
 * @see https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issue-properties/#api-rest-api-3-issue-issueidorkey-properties-propertykey-put
 */
export async function mirrorAccountable(as: Actor, issueIdOrKey: string, accountable: string | null): Promise<void> {
  const res = await request(as, route`/rest/api/3/issue/${issueIdOrKey}/properties/${RACI_APPROVER_PROPERTY}`, {
    method: 'PUT',
    json: { accountable },
  });
  ensureOk(res, { notFound: issueNotFound(issueIdOrKey) });
}

/**
 * One edit: the RACI fields (user fields take `{ accountId }`) and the departments' entity property.
 * A 403 here is Jira refusing the edit to this user, so it is reported as such.
 * @see https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issues/#api-rest-api-3-issue-issueidorkey-put
 */
export async function setRaci(
  fields: AppFields,
  as: Actor,
  issueIdOrKey: string,
  raci: RaciAssignment,
  departments: RaciDepartmentAssignment,
): Promise<void> {
  const ids = await fields.raci();
  const ref = (accountId: string) => ({ accountId });
  const values: Record<string, unknown> = {};
  if (ids.responsible) values[ids.responsible] = raci.responsible.map(ref);
  if (ids.accountable) values[ids.accountable] = raci.accountable ? ref(raci.accountable) : null;
  if (ids.consulted) values[ids.consulted] = raci.consulted.map(ref);
  if (ids.informed) values[ids.informed] = raci.informed.map(ref);
  const res = await request(as, route`/rest/api/3/issue/${issueIdOrKey}?notifyUsers=false`, {
    method: 'PUT',
    json: {
      fields: values,
      properties: [
        { key: RACI_DEPARTMENTS_PROPERTY, value: departments },
        { key: RACI_APPROVER_PROPERTY, value: { accountable: raci.accountable } },
      ],
    },
  });
  if (res.status === 400)
    throw new AppError('VALIDATION', 'raci.validation.jiraRefused', { detail: jiraErrorText(await res.text()) });
  ensureOk(res, { notFound: issueNotFound(issueIdOrKey), forbidden: new AppError('FORBIDDEN', 'forbidden.edit') });
}
