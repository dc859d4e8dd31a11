import { expect } from 'vitest';
import type { Platform } from '../../sandbox/platform';
import { SEED_USERS } from '../../sandbox/seed/jira-seed';
import { BUILTIN_CALENDARS } from '../../src/domain/shared/calendar';
import { invoke, jiraAs } from './platform';

/** What the escalation suites share: module keys, the seed's people, the calendar, and calls on the platform. */
export const PANEL = 'collab-issue-panel';
export const PAGE = 'collab-project-page';
export const ADMIN = 'collab-admin-page';
export const SETTINGS = 'collab-project-settings';
export const U = SEED_USERS;
export const H = 3_600_000;
export const cn = BUILTIN_CALENDARS.find((c) => c.id === 'cn-mainland')!;

export function data(env: { ok: boolean; data?: any; error?: any }) {
  if (!env.ok) throw new Error(`${env.error.code}: ${env.error.message}`);
  return env.data;
}

/**
 * Helpers bound to the platform a suite starts in its own beforeAll; `platform` is read at call time,
 * so the helpers can be made before the platform exists.
 */
export function escalationHelpers(platform: () => Platform) {
  const panel = (issueKey: string, accountId: string, fn: string, payload: unknown = {}) =>
    invoke(platform(), { moduleKey: PANEL, accountId, issueKey }, fn, payload);
  const page = (projectKey: string, accountId: string, fn: string, payload: unknown = {}) =>
    invoke(platform(), { moduleKey: PAGE, accountId, projectKey }, fn, payload);
  const settings = (projectKey: string, accountId: string, fn: string, payload: unknown = {}) =>
    invoke(platform(), { moduleKey: SETTINGS, accountId, projectKey }, fn, payload);
  const admin = (accountId: string, fn: string, payload: unknown = {}) =>
    invoke(platform(), { moduleKey: ADMIN, accountId }, fn, payload);

  async function jql(query: string): Promise<string[]> {
    const r = await jiraAs(platform(), 'app', 'POST', '/rest/api/3/search/jql', {
      jql: query,
      fields: ['summary'],
      maxResults: 100,
    });
    expect(r.status).toBe(200);
    return (r.body.issues as Array<{ key: string }>).map((i) => i.key);
  }

  async function timeline(issueKey: string, id: string) {
    const { env } = await panel(issueKey, U.gaoYuan.accountId, 'getEscalationTimeline', { id });
    if (!env.ok) throw new Error(env.error.message);
    return env.data.events as Array<{
      kind: string;
      fromLevel?: number;
      toLevel?: number;
      text?: string;
      notified?: Array<{ accountId: string }>;
    }>;
  }

  /** The escalations section as the issue panel opens with it (one invocation: getIssuePanel). */
  async function section(issueKey: string, accountId: string) {
    const r = await panel(issueKey, accountId, 'getIssuePanel');
    return { ...r, env: r.env.ok ? { ok: true, data: r.env.data.escalations } : r.env };
  }

  return { panel, page, settings, admin, jql, timeline, section };
}
