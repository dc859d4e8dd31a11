import { requirePermission, visibleIssue } from '../access';
import { badRequest, notFound } from '../errors';
import { API, noContent, ok, type Ctx, type Handler, type Result } from '../handler';
import { writeProperty } from '../issue-writes';
import type { Router } from '../router';
import type { JiraSite } from '../site';

const MAX_PROPERTY_LENGTH = 32768;

/**
 * Issue properties: list the keys, read, set and delete one; writes need Edit issues.
 * @see https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issue-properties/
 */
export function registerPropertyRoutes(r: Router<Handler>, site: JiraSite): void {
  const { db, repo, render } = site;

  const propertyKeys = (ctx: Ctx): Result => {
    const issue = visibleIssue(site, ctx, ctx.params.issueIdOrKey ?? '');
    return ok({
      keys: repo
        .propertyKeys(issue.id)
        .map((key) => ({ key, self: render.self(`/issue/${issue.id}/properties/${encodeURIComponent(key)}`) })),
    });
  };

  const getProperty = (ctx: Ctx): Result => {
    const issue = visibleIssue(site, ctx, ctx.params.issueIdOrKey ?? '');
    const key = ctx.params.propertyKey ?? '';
    const value = repo.property(issue.id, key);
    if (value === undefined) throw notFound(`The property with key '${key}' does not exist.`);
    return ok({ key, value: JSON.parse(value) as unknown });
  };

  const setProperty = (ctx: Ctx): Result => {
    const issue = visibleIssue(site, ctx, ctx.params.issueIdOrKey ?? '');
    requirePermission(site, ctx, issue, 'EDIT_ISSUES', 'You do not have permission to edit issues in this project.');
    const key = ctx.params.propertyKey ?? '';
    if (key.length === 0 || key.length > 255)
      throw badRequest('The property key must be between 1 and 255 characters long.');
    let value: unknown;
    try {
      value = JSON.parse(ctx.body ?? '');
    } catch {
      throw badRequest('The property value must be valid JSON.');
    }
    if (JSON.stringify(value).length > MAX_PROPERTY_LENGTH)
      throw badRequest(`The property value is too long (maximum ${MAX_PROPERTY_LENGTH} characters).`);
    const created = db.transaction(() => writeProperty(repo, issue.id, key, value))();
    return created ? noContent(201) : noContent(200);
  };

  const deleteProperty = (ctx: Ctx): Result => {
    const issue = visibleIssue(site, ctx, ctx.params.issueIdOrKey ?? '');
    requirePermission(site, ctx, issue, 'EDIT_ISSUES', 'You do not have permission to edit issues in this project.');
    const key = ctx.params.propertyKey ?? '';
    if (repo.property(issue.id, key) === undefined) throw notFound(`The property with key '${key}' does not exist.`);
    repo.run('DELETE FROM jira_issue_properties WHERE issue_id = ? AND key = ?', issue.id, key);
    return noContent();
  };

  r.add('GET', `${API}/issue/{issueIdOrKey}/properties`, propertyKeys);
  r.add('GET', `${API}/issue/{issueIdOrKey}/properties/{propertyKey}`, getProperty);
  r.add('PUT', `${API}/issue/{issueIdOrKey}/properties/{propertyKey}`, setProperty);
  r.add('DELETE', `${API}/issue/{issueIdOrKey}/properties/{propertyKey}`, deleteProperty);
}
