import { route } from '@forge/api';
import { z } from 'zod';
import type { Actor } from '../../../app/kernel/ports';
import { ensureOk, readJson, request } from './http';

const ProjectPageSchema = z.object({
  values: z.array(z.object({ key: z.string() })),
  isLast: z.boolean().optional(),
});

/** Jira's project search takes this many keys (and answers this many projects) per page. */
const KEYS_PER_SEARCH = 50;

/**
 * Which of the projects the actor may browse: Jira's project search lists only those, so one request per 50
 * keys answers for all of them (instead of one permission check per project).
 * @see https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-projects/#api-rest-api-3-project-search-get
 */
export async function browsableProjects(as: Actor, projectKeys: readonly string[]): Promise<Set<string>> {
  const keys = [...new Set(projectKeys.filter((k) => k).map((k) => k.toUpperCase()))];
  const out = new Set<string>();
  for (let i = 0; i < keys.length; i += KEYS_PER_SEARCH) {
    const query = new URLSearchParams({ maxResults: String(KEYS_PER_SEARCH) });
    for (const k of keys.slice(i, i + KEYS_PER_SEARCH)) query.append('keys', k);
    const res = ensureOk(await request(as, route`/rest/api/3/project/search?${query}`), { notFound: 'upstream' });
    const page = await readJson(res, ProjectPageSchema, 'projects');
    for (const p of page.values) out.add(p.key.toUpperCase());
  }
  return out;
}
