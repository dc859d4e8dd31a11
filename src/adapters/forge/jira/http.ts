import api, { getAppContext, type APIResponse, type Route } from '@forge/api';
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

export interface RequestInit {
  method?: 'GET' | 'POST' | 'PUT' | 'DELETE';
  json?: unknown;
  /**
   * Whether sending the request twice does no more than sending it once. GET, PUT and DELETE are; a POST only
   * when it reads (search, bulk fetch) or sets absolute values. Decides whether a 5xx may be retried: the
   * request may have been carried out before Jira failed to answer.
   */
  idempotent?: boolean;
}

/** How the app waits and retries when Jira is busy or failing; the clock and the pause are ports for tests. */
export const RETRY = {
  attempts: 4,
  /** First pause without a Retry-After, doubling each time, at most `maxPauseMs`. */
  basePauseMs: 500,
  maxPauseMs: 10_000,
  /** Time kept back for the rest of the invocation after the last retry's answer. */
  reserveMs: 3_000,
  sleep: (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)),
  random: Math.random,
};

const TRANSIENT_5XX = new Set([500, 502, 503, 504]);

/** Forge's remaining time for this invocation (resolver 25 s, web trigger and events 55 s, …). */
function remainingMs(): number {
  try {
    return getAppContext().invocationRemainingTimeInMillis();
  } catch {
    return 10_000; // not told (an old tunnel): assume little is left
  }
}

/** The pause before the next attempt: Jira's Retry-After (seconds or a date) when given, else backoff with jitter. */
export function pauseBefore(attempt: number, retryAfter: string | null, now = Date.now()): number {
  const jitter = Math.floor(RETRY.random() * 250);
  if (retryAfter) {
    const seconds = Number(retryAfter);
    if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000 + jitter;
    const at = Date.parse(retryAfter);
    if (Number.isFinite(at)) return Math.max(0, at - now) + jitter;
  }
  const cap = Math.min(RETRY.maxPauseMs, RETRY.basePauseMs * 2 ** (attempt - 1));
  return Math.floor(cap / 2 + RETRY.random() * (cap / 2));
}

/**
 * One Jira REST request through `@forge/api`: as the user or the app, with a JSON body when one is given. The one
 * place Jira calls are retried: a 429 always (Jira refused it unprocessed) and a 500/502/503/504 when the request
 * is idempotent, honouring Retry-After, at most `RETRY.attempts` times and only while the invocation has time
 * left for the pause and an answer. Otherwise the last answer is returned, for the caller's error mapping.
 * @see https://developer.atlassian.com/platform/forge/runtime-reference/product-fetch-api/
 * @see https://developer.atlassian.com/cloud/jira/platform/rate-limiting/
 */
export async function request(as: Actor, path: Route, init: RequestInit = {}): Promise<APIResponse> {
  const method = init.method ?? (init.json === undefined ? 'GET' : 'POST');
  const idempotent = init.idempotent ?? method !== 'POST';
  for (let attempt = 1; ; attempt++) {
    const res = await send(as, path, init);
    const transient = res.status === 429 || (idempotent && TRANSIENT_5XX.has(res.status));
    if (!transient || attempt >= RETRY.attempts) return res;
    const pause = pauseBefore(attempt, res.headers.get('retry-after'));
    if (pause + RETRY.reserveMs > remainingMs()) return res;
    await RETRY.sleep(pause);
  }
}

function send(as: Actor, path: Route, init: RequestInit): Promise<APIResponse> {
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
