import type { ActingContext, Deps } from '../kernel/ports';
import { AppError, isAppError } from '../kernel/errors';
import { KEY } from '../kernel/storage-keys';
import { getWebhookSecretStatus, requireJiraAdmin } from './escalation-settings';

interface WebhookProjects {
  projectKeys: string[];
  updatedAt: number;
  updatedBy: string;
}

/** The projects whose issues a web request may escalate; none until a Jira admin lists them. */
export async function readWebhookProjects(deps: Deps): Promise<string[]> {
  return (await deps.store.get<WebhookProjects>(KEY.webhookProjects))?.projectKeys ?? [];
}

/**
 * Replaces the list of projects the web trigger accepts (Jira admins only). Each key must name a project Jira
 * has: a typo would silently refuse every request for the project it meant.
 */
export async function saveWebhookProjects(deps: Deps, ctx: ActingContext, projectKeys: readonly string[]) {
  await requireJiraAdmin(deps);
  const keys = [...new Set(projectKeys.map((k) => k.trim().toUpperCase()))].sort();
  for (const key of keys) {
    try {
      await deps.jira.getProject('app', key);
    } catch (e) {
      if (isAppError(e) && e.code === 'NOT_FOUND')
        throw new AppError('VALIDATION', 'webhook.unknownProject', { key }, 'projectKeys');
      throw e;
    }
  }
  const value: WebhookProjects = { projectKeys: keys, updatedAt: deps.clock.now(), updatedBy: ctx.accountId ?? '' };
  await deps.store.set(KEY.webhookProjects, value);
  return getWebhookSecretStatus(deps);
}

/** Refuses an issue of a project no admin listed for the web trigger. */
export async function requireWebhookProject(deps: Deps, projectKey: string): Promise<void> {
  if (!(await readWebhookProjects(deps)).includes(projectKey))
    throw new AppError('FORBIDDEN', 'webhook.projectNotAllowed', { key: projectKey }, 'issueKey');
}
