import type { Platform } from '../../sandbox/platform';
import { SEED_USERS } from '../../sandbox/seed/jira-seed';
import { localDate } from '../../src/app/kernel/dates';
import { invoke, jiraAs, type Envelope } from './platform';

/** What the dependency suites share: module keys, the seed's people, and calls against the suite's platform. */
export const PANEL = 'collab-issue-panel';
export const PAGE = 'collab-project-page';
export const ADMIN = 'collab-admin-page';
export const U = SEED_USERS;
export const DAY = 86_400_000;

/**
 * Helpers bound to the platform a suite starts in its own beforeAll; `platform` is read at call time,
 * so the helpers can be made before the platform exists.
 */
export function dependencyHelpers(platform: () => Platform) {
  /** A date n days from now in Beijing, where the seeded departments work (the default calendar). */
  const inDays = (n: number) => localDate(platform().clock.now() + n * DAY, 'Asia/Shanghai');

  function newIssue(summary: string, responsible: string, accountable: string, dueInDays: number | null): string {
    const row = platform().jira.admin.createIssue({
      projectKey: 'PAY',
      issueType: 'Task',
      summary,
      status: 'To Do',
      dueDate: dueInDays === null ? null : inDays(dueInDays),
      appFields: { 'raci-responsible': [responsible], 'raci-accountable': accountable },
    });
    return row.key;
  }

  async function call(
    issueKey: string,
    accountId: string,
    fn: string,
    payload: unknown = {},
    locale = 'en_US',
  ): Promise<Envelope> {
    const p = platform();
    const { env } = await invoke(p, { moduleKey: PANEL, accountId, issueKey, locale }, fn, payload);
    await p.settle();
    return env;
  }

  async function panelDeps(issueKey: string, accountId: string) {
    const env = await call(issueKey, accountId, 'getIssuePanel');
    if (!env.ok) throw new Error(env.error.message);
    return env.data.dependencies as { upstream: any[]; downstream: any[] };
  }

  async function linksOf(issueKey: string): Promise<any[]> {
    return (await jiraAs(platform(), 'app', 'GET', `/rest/api/3/issue/${issueKey}?fields=issuelinks`)).body.fields
      .issuelinks;
  }

  return { inDays, newIssue, call, panelDeps, linksOf };
}
