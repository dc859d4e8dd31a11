import { state } from './state';

/** Jira's REST API as the user chosen in the switcher, as Jira's own UI calls it; errors carry Jira's messages. */
export async function jira<T>(path: string, init: RequestInit = {}): Promise<T> {
  const res = await fetch(`/__sandbox/jira${path}`, {
    ...init,
    headers: { 'content-type': 'application/json', 'x-sandbox-user': state.user, ...(init.headers ?? {}) },
  });
  const text = await res.text();
  if (!res.ok) {
    let message = `${res.status}`;
    try {
      const body = JSON.parse(text) as { errorMessages?: string[]; errors?: Record<string, string> };
      message =
        [...(body.errorMessages ?? []), ...Object.entries(body.errors ?? {}).map(([k, v]) => `${k}: ${v}`)].join(' ') ||
        message;
    } catch {
      /* keep the status */
    }
    throw new Error(message);
  }
  return (text ? JSON.parse(text) : undefined) as T;
}

/** The sandbox's own API: session, frames, clock, Automation and the invocation log. */
export async function sandboxApi<T>(path: string, body?: unknown): Promise<T> {
  const res = await fetch(`/__sandbox/api/${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { 'content-type': 'application/json', 'x-sandbox-user': state.user },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const json = (await res.json()) as T & { error?: string };
  if (!res.ok) throw new Error(json.error ?? String(res.status));
  return json;
}
