import { route } from '@forge/api';
import { z } from 'zod';
import type { Actor, JiraProject, JiraVersion } from '../../../app/kernel/ports';
import type { StatusCategory } from '../../../contract';
import { AppError } from '../../../app/kernel/errors';
import { ensureOk, readJson, request, type FailureMeaning } from './http';
import { StatusSchema, toCategory } from './issue-mapping';

const ProjectSchema = z.object({ id: z.string(), key: z.string(), name: z.string() });
const VersionSchema = z.object({
  id: z.string(),
  name: z.string(),
  startDate: z.string().optional(),
  releaseDate: z.string().optional(),
  released: z.boolean().default(false),
  archived: z.boolean().default(false),
});
const ProjectStatusesSchema = z.array(z.object({ statuses: z.array(StatusSchema.extend({ id: z.string() })) }));

/** For every project read: a 404 is the project asked for, a 401/403 not being allowed to see it. */
const projectMeaning = (key: string): FailureMeaning => ({
  notFound: new AppError('NOT_FOUND', 'notFound.project', { key }),
  forbidden: new AppError('FORBIDDEN', 'forbidden.browse', { what: 'project' }),
});

/** @see https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-projects/#api-rest-api-3-project-projectidorkey-get */
export async function getProject(as: Actor, projectIdOrKey: string): Promise<JiraProject> {
  const res = ensureOk(await request(as, route`/rest/api/3/project/${projectIdOrKey}`), projectMeaning(projectIdOrKey));
  return readJson(res, ProjectSchema, 'project');
}

/** @see https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-project-versions/#api-rest-api-3-project-projectidorkey-versions-get */
export async function getVersions(as: Actor, projectIdOrKey: string): Promise<JiraVersion[]> {
  const res = ensureOk(
    await request(as, route`/rest/api/3/project/${projectIdOrKey}/versions`),
    projectMeaning(projectIdOrKey),
  );
  const versions = await readJson(res, z.array(VersionSchema), 'versions');
  return versions.map((v) => ({
    id: v.id,
    name: v.name,
    startDate: v.startDate ?? null,
    releaseDate: v.releaseDate ?? null,
    released: v.released,
    archived: v.archived,
  }));
}

/**
 * The statuses the project's workflows use, each once, in Jira's order (Jira lists them per issue type).
 * @see https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-projects/#api-rest-api-3-project-projectidorkey-statuses-get
 */
export async function getProjectStatuses(
  as: Actor,
  projectIdOrKey: string,
): Promise<Array<{ id: string; name: string; category: StatusCategory }>> {
  const res = ensureOk(
    await request(as, route`/rest/api/3/project/${projectIdOrKey}/statuses`),
    projectMeaning(projectIdOrKey),
  );
  const types = await readJson(res, ProjectStatusesSchema, 'project statuses');
  const seen = new Map<string, { id: string; name: string; category: StatusCategory }>();
  for (const s of types.flatMap((t) => t.statuses))
    if (!seen.has(s.id)) seen.set(s.id, { id: s.id, name: s.name, category: toCategory(s.statusCategory.key) });
  return [...seen.values()];
}
