import type { JiraActor } from './types';

export type Json = Record<string, unknown>;

/** One REST call as a route handler sees it, after the actor is authenticated and the route matched. */
export interface Ctx {
  actor: JiraActor;
  /** The acting account: the user, or the app's own user for asApp calls. */
  accountId: string;
  query: URLSearchParams;
  params: Record<string, string>;
  body: string | undefined;
  now: Date;
}

/** A handler's answer before it is serialised: the body goes out as JSON, none for 204 and the like. */
export interface Result {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export type Handler = (ctx: Ctx) => Result | Promise<Result>;

export const ok = (body: unknown, status = 200): Result => ({ status, body });
export const noContent = (status = 204): Result => ({ status });

/** Where Jira Cloud's platform REST API v3 lives; every route template starts with it. */
export const API = '/rest/api/3';
