import api, { type APIResponse, type Route } from '@forge/api';
import type { z } from 'zod';
import type { Actor } from '../../../app/kernel/ports';
import { AppError } from '../../../app/kernel/errors';

/**
 * What a failed answer means for one call. Each call says what a 404 is for it (the issue, the project, the
 * user it named); a call that names nothing a person could have mistyped passes `upstream`, so a 404 there is
 * Jira failing, not something missing. `forbidden` is what 401/403 means; by default, not allowed to see the issue.
 */
export interface FailureMeaning {
  notFound: AppError | 'upstream';
  forbidden?: AppError;
}

/** Jira as the invoking user (their permissions) or as the app (only where no user acts). */
export const requester = (as: Actor) => (as === 'app' ? api.asApp() : api.asUser());

const JSON_HEADERS = { 'Content-Type': 'application/json', Accept: 'application/json' };

/**
 * One Jira REST request through `@forge/api`: as the user or the app, with a JSON body when one is given.
 * @see https://developer.atlassian.com/platform/forge/runtime-reference/product-fetch-api/
 */
export function request(
  as: Actor,
  path: Route,
  init: { method?: 'GET' | 'POST' | 'PUT' | 'DELETE'; json?: unknown } = {},
): Promise<APIResponse> {
  const { method, json } = init;
  if (json === undefined) return method ? requester(as).requestJira(path, { method }) : requester(as).requestJira(path);
  return requester(as).requestJira(path, {
    method: method ?? 'POST',
    headers: JSON_HEADERS,
    body: JSON.stringify(json),
  });
}

/** Jira's failure statuses as the app's errors, with the call's own meaning of 404 and 401/403. */
export function failureOf(status: number, meaning: FailureMeaning): AppError {
  if (status === 404)
    return meaning.notFound === 'upstream' ? new AppError('UPSTREAM', 'upstream.jira', { status }) : meaning.notFound;
  if (status === 401 || status === 403)
    return meaning.forbidden ?? new AppError('FORBIDDEN', 'forbidden.browse', { what: 'issue' });
  if (status === 429) return new AppError('RATE_LIMITED', 'rateLimited.jira');
  return new AppError('UPSTREAM', 'upstream.jira', { status });
}

/** The response when it is a success; otherwise throws what the failure means for this call. */
export function ensureOk(res: APIResponse, meaning: FailureMeaning): APIResponse {
  if (res.ok) return res;
  throw failureOf(res.status, meaning);
}

/** The body checked against the schema; a body of another shape is a bug to hear about, not a user's error. */
export async function readJson<T>(res: APIResponse, schema: z.ZodType<T>, what: string): Promise<T> {
  const text = await res.text();
  let body: unknown;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    throw new Error(`Unexpected Jira response for ${what}: not JSON`);
  }
  const parsed = schema.safeParse(body);
  if (!parsed.success) throw new Error(`Unexpected Jira response for ${what}: ${parsed.error.message}`);
  return parsed.data;
}

/** Jira's own words from an error body (`errorMessages` and `errors`), for a 400 the user can act on. */
export function jiraErrorText(text: string): string {
  try {
    const body = JSON.parse(text) as { errorMessages?: unknown; errors?: unknown };
    const messages = Array.isArray(body.errorMessages) ? body.errorMessages.map(String) : [];
    const errors =
      body.errors && typeof body.errors === 'object'
        ? Object.values(body.errors as Record<string, unknown>).map(String)
        : [];
    return [...messages, ...errors].join(' ') || text.slice(0, 200);
  } catch {
    return text.slice(0, 200);
  }
}
