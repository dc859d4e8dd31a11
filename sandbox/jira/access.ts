import { forbidden, issueNotFound, notFound } from './errors';
import type { Ctx } from './handler';
import type { JiraPermissions } from './permissions';
import type { IssueRow, ProjectRow } from './repo';
import type { JiraSite } from './site';
import type { JiraActor } from './types';

export function canBrowse(site: JiraSite, actor: JiraActor, projectId: number): boolean {
  return site.perms.has(actor, projectId, 'BROWSE_PROJECTS');
}

/** The issue if it exists and the actor may browse it; otherwise Jira's 404. */
export function visibleIssue(site: JiraSite, ctx: Ctx, idOrKey: string): IssueRow {
  const issue = site.repo.issue(idOrKey);
  if (!issue || !canBrowse(site, ctx.actor, issue.project_id)) throw issueNotFound();
  return issue;
}

export function requirePermission(
  site: JiraSite,
  ctx: Ctx,
  issue: IssueRow,
  permission: Parameters<JiraPermissions['has']>[2],
  message: string,
): void {
  if (!site.perms.has(ctx.actor, issue.project_id, permission)) throw forbidden(message);
}

/** The project if the actor may browse or administer it; otherwise Jira's 404, worded for an id or a key. */
export function visibleProject(site: JiraSite, ctx: Ctx, idOrKey: string): ProjectRow {
  const p = site.repo.project(idOrKey);
  const perms = p ? site.perms.projectPermissions(ctx.actor, p.id) : new Set<string>();
  if (!p || !(perms.has('BROWSE_PROJECTS') || perms.has('ADMINISTER_PROJECTS'))) {
    throw notFound(
      /^\d+$/.test(idOrKey)
        ? `No project could be found with id '${idOrKey}'.`
        : `No project could be found with key '${idOrKey}'.`,
    );
  }
  return p;
}
