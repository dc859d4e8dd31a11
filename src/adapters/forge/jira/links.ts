import { route } from '@forge/api';
import { z } from 'zod';
import type { Actor, JiraIssueLink, JiraLinkType } from '../../../app/kernel/ports';
import { AppError } from '../../../app/kernel/errors';
import { ensureOk, readJson, request } from './http';

const LinkTypesSchema = z.object({
  issueLinkTypes: z.array(z.object({ name: z.string(), inward: z.string(), outward: z.string() }).passthrough()),
});
const LinkSchema = z.object({
  id: z.string(),
  type: z.object({ name: z.string() }),
  inwardIssue: z.object({ id: z.string() }),
  outwardIssue: z.object({ id: z.string() }),
});

/**
 * Creates a link `from` <outward phrase> `to`. Jira's REST names the sides the other way round: `inwardIssue`
 * is the one the outward phrase starts with ("inwardIssue blocks outwardIssue"). Answers 201 with no body, so
 * the link's id is not known here. A 404 is one of the two issues.
 * @see https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issue-links/#api-rest-api-3-issuelink-post
 */
export async function createIssueLink(
  as: Actor,
  typeName: string,
  fromIssueId: string,
  toIssueId: string,
): Promise<void> {
  const res = await request(as, route`/rest/api/3/issueLink`, {
    json: { type: { name: typeName }, inwardIssue: { id: fromIssueId }, outwardIssue: { id: toIssueId } },
  });
  if (res.ok) return;
  if (res.status === 400 || res.status === 413) {
    const detail = ((await res.text().catch(() => '')) || String(res.status)).slice(0, 300);
    throw new AppError('VALIDATION', 'dependency.linkFailed', { from: fromIssueId, to: toIssueId, detail });
  }
  ensureOk(res, {
    notFound: new AppError('NOT_FOUND', 'notFound.issue', { key: `${fromIssueId}, ${toIssueId}` }),
    forbidden: new AppError('FORBIDDEN', 'dependency.noLinkPermission'),
  });
}

/**
 * Deletes a link; one that is gone already (404) is what the caller wanted.
 * @see https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issue-links/#api-rest-api-3-issuelink-linkid-delete
 */
export async function deleteIssueLink(as: Actor, linkId: string): Promise<void> {
  const res = await request(as, route`/rest/api/3/issueLink/${linkId}`, { method: 'DELETE' });
  if (res.status === 404) return;
  ensureOk(res, { notFound: 'upstream' }); // 404 answered above
}

/**
 * The site's link types with their phrases. The list names nothing that could be missing: a 404 is Jira failing.
 * @see https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issue-link-types/#api-rest-api-3-issuelinktype-get
 */
export async function getIssueLinkTypes(as: Actor): Promise<JiraLinkType[]> {
  const res = ensureOk(await request(as, route`/rest/api/3/issueLinkType`), { notFound: 'upstream' });
  const body = await readJson(res, LinkTypesSchema, 'issue link types');
  return body.issueLinkTypes.map((t) => ({ name: t.name, outward: t.outward, inward: t.inward }));
}

/**
 * One link read as a sentence (`from` blocks `to`); null when it is gone or hidden from the actor (404).
 * @see https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issue-links/#api-rest-api-3-issuelink-linkid-get
 */
export async function getIssueLink(as: Actor, linkId: string): Promise<JiraIssueLink | null> {
  const res = await request(as, route`/rest/api/3/issueLink/${linkId}`);
  if (res.status === 404) return null;
  ensureOk(res, { notFound: 'upstream' }); // 404 answered above
  const link = await readJson(res, LinkSchema, 'issue link');
  return { id: link.id, typeName: link.type.name, fromIssueId: link.inwardIssue.id, toIssueId: link.outwardIssue.id };
}
