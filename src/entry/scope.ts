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
