import type { ActingContext, Deps } from '../kernel/ports';
import type { IssueRef } from '../../contract';
import { AppError } from '../kernel/errors';
import { KEY } from '../kernel/storage-keys';
import { readDependencySettings } from './dependency-records';
import { issueRef } from '../kernel/issue-refs';

/** The issue picker: issues the user may see whose key or text matches, as Jira's search finds them for the user. */
export async function searchIssuesForDependency(
  deps: Deps,
  issueKey: string,
  query: string,
): Promise<{ issues: IssueRef[] }> {
  const q = query.replace(/["\\]/g, ' ').trim();
  const clauses = [`text ~ "${q}*"`];
  if (/^[A-Za-z][A-Za-z0-9_]*-\d+$/.test(q)) clauses.unshift(`key = "${q.toUpperCase()}"`);
  const jql = `(${clauses.join(' OR ')}) AND key != "${issueKey}" ORDER BY updated DESC`;
  try {
    const found = await deps.jira.searchIssues('user', jql, { maxResults: 20 });
    return { issues: found.issues.map(issueRef) };
  } catch (e) {
    // Jira refuses `key = "X-999"` when no such issue exists (or the user may not see it): nothing matches.
    if (e instanceof AppError && e.code === 'VALIDATION') return { issues: [] };
    throw e;
  }
}

/** The admin page's dependency settings: the link type, and the site's link types to choose from. */
export async function getDependencySettings(deps: Deps) {
  const [settings, available] = await Promise.all([readDependencySettings(deps), deps.jira.getIssueLinkTypes('user')]);
  return { linkType: settings.linkType, available };
}

export async function saveDependencySettings(deps: Deps, ctx: ActingContext, linkType: string) {
  if (!ctx.accountId || !(await deps.jira.hasPermissions('user', {}, ['ADMINISTER'])).ADMINISTER)
    throw new AppError('FORBIDDEN', 'dependency.forbiddenAdmin');
  const available = await deps.jira.getIssueLinkTypes('user');
  if (!available.some((t) => t.name === linkType))
    throw new AppError('VALIDATION', 'dependency.linkTypeUnknown', { name: linkType }, 'linkType');
  await deps.store.set(KEY.dependencySettings, { linkType });
  return { linkType, available };
}
