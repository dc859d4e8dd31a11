import { AppError } from '../app/kernel/errors';
import type { ForgeContext } from './resolver-kit';

/** The project a project-page call is about, from the Forge context (never the payload). */
export function projectKeyOf(forge: ForgeContext): string {
  const key = forge.extension?.project?.key;
  if (!key) throw new AppError('NOT_FOUND', 'notFound.context', { what: 'project page' });
  return key;
}

/** The issue a panel call is about, from the Forge context (never the payload). */
export function issueKeyOf(forge: ForgeContext): string {
  const key = forge.extension?.issue?.key;
  if (!key) throw new AppError('NOT_FOUND', 'notFound.context', { what: 'issue view' });
  return key;
}

/** The issue and its project, as Forge's context names them for the issue panel. */
export function issueOf(forge: ForgeContext): { issueId: string; issueKey: string; projectKey: string } {
  const issue = forge.extension?.issue;
  const projectKey = forge.extension?.project?.key;
  if (!issue?.id || !issue.key || !projectKey) throw new AppError('NOT_FOUND', 'notFound.context', { what: 'issue view' });
  return { issueId: issue.id, issueKey: issue.key, projectKey };
}
