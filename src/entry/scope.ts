import { AppError } from '../app/kernel/errors';
import type { ForgeContext } from './resolver-kit';

// The one place the surfaces' scope is read. Scope comes from the Forge context, never the payload.

/** The project a project-page or project-settings call is about. */
export function projectKeyOf(forge: ForgeContext): string {
  const key = forge.extension?.project?.key;
  if (!key) throw new AppError('NOT_FOUND', 'notFound.context', { what: 'project page' });
  return key;
}

/** The issue a panel call is about. */
export function issueKeyOf(forge: ForgeContext): string {
  const key = forge.extension?.issue?.key;
  if (!key) throw new AppError('NOT_FOUND', 'notFound.context', { what: 'issue view' });
  return key;
}

/** The issue a panel call is about with its id and its project, for calls that need all three. */
export function issueScopeOf(forge: ForgeContext): { issueId: string; issueKey: string; projectKey: string } {
  const issue = forge.extension?.issue;
  const projectKey = forge.extension?.project?.key;
  if (!issue?.id || !issue.key || !projectKey)
    throw new AppError('NOT_FOUND', 'notFound.context', { what: 'issue view' });
  return { issueId: issue.id, issueKey: issue.key, projectKey };
}
