import { beforeAll, describe, expect, it } from 'vitest';
import { createJiraHarness, asApp, asUser, type JiraHarness } from '../../sandbox/jira/test-support';
import { A, NOW } from '../support/jql-fixture';

/**
 * JQL search paging on larger projects (250 and 50,000 issues): tokens, caps, the GET form.
 * "Now" is 2025-06-16T02:00Z.
 */
describe('search paging', () => {
  let big: JiraHarness;
  beforeAll(() => {
    big = createJiraHarness({ seed: false, start: NOW });
    const a = big.jira.admin;
    a.transaction(() => {
      a.upsertUser({ accountId: A, displayName: 'Ann' });
      a.createProject({
        key: 'BULK',
        name: 'Bulk',
        grants: [{ permission: 'BROWSE_PROJECTS', holder: { type: 'anyone' } }],
      });
      // Identical timestamps: paging must still be stable and complete.
      for (let i = 0; i < 250; i += 1) {
        a.createIssue({
          projectKey: 'BULK',
          issueType: 'Task',
          summary: `任务 ${i}`,
          created: NOW,
          updated: NOW,
          ...(i % 5 === 0 ? { appFields: { 'raci-accountable': A } } : {}),
        });
      }
    });
  });

  async function page(body: Record<string, unknown>): Promise<{
    issues: Array<{ id: string; key?: string }>;
    nextPageToken?: string;
    isLast: boolean;
    total?: unknown;
  }> {
    const res = await big.call(asApp, 'POST', '/rest/api/3/search/jql', body);
    expect(res.status, res.raw).toBe(200);
    return res.json as never;
  }

  it('walks 250 issues with nextPageToken, each exactly once, without a total', async () => {
    const seen: string[] = [];
    let token: string | undefined;
    let pages = 0;
    do {
      const p = await page({
        jql: 'project = BULK',
        fields: ['summary'],
        maxResults: 100,
        ...(token ? { nextPageToken: token } : {}),
      });
      expect(p.total).toBeUndefined();
      seen.push(...p.issues.map((i) => i.key ?? ''));
      token = p.nextPageToken;
      pages += 1;
      expect(p.isLast).toBe(token === undefined);
    } while (token);
    expect(pages).toBe(3);
    expect(seen).toHaveLength(250);
    expect(new Set(seen).size).toBe(250);
  });

  it('defaults to 50 ids, caps at 100 with fields and at 5000 with only id/key', async () => {
    const first = await page({ jql: 'project = BULK' });
    expect(first.issues).toHaveLength(50);
    expect(Object.keys(first.issues[0] ?? {})).toEqual(['id']);
    expect((await page({ jql: 'project = BULK', fields: ['summary'], maxResults: 1000 })).issues).toHaveLength(100);
    const keysOnly = await page({ jql: 'project = BULK', fields: ['key'], maxResults: 1000 });
    expect(keysOnly.issues).toHaveLength(250);
    expect(keysOnly.isLast).toBe(true);
  });

  it('the GET form pages the same way, and a foreign token is refused', async () => {
    const jql = encodeURIComponent('project = BULK AND Accountable is not EMPTY ORDER BY key');
    const r1 = await big.call(asApp, 'GET', `/rest/api/3/search/jql?jql=${jql}&maxResults=30&fields=key`);
    const p1 = r1.json as { issues: Array<{ key: string }>; nextPageToken: string };
    expect(p1.issues).toHaveLength(30);
    const r2 = await big.call(
      asApp,
      'GET',
      `/rest/api/3/search/jql?jql=${jql}&maxResults=30&fields=key&nextPageToken=${p1.nextPageToken}`,
    );
    const p2 = r2.json as { issues: Array<{ key: string }>; isLast: boolean };
    expect(p2.issues).toHaveLength(20);
    expect(p2.isLast).toBe(true);
    expect(new Set([...p1.issues, ...p2.issues].map((i) => i.key)).size).toBe(50);
    const foreign = await big.call(asApp, 'POST', '/rest/api/3/search/jql', {
      jql: 'project = BULK AND summary ~ 任务',
      nextPageToken: p1.nextPageToken,
    });
    expect(foreign.status).toBe(400);
  });

  it('pages through 50,000 issues with the JQL filter and order, each match exactly once', async () => {
    const huge = createJiraHarness({ seed: false, start: NOW });
    const a = huge.jira.admin;
    a.transaction(() => {
      a.upsertUser({ accountId: A, displayName: 'Ann' });
      a.createProject({
        key: 'HUGE',
        name: 'Huge',
        grants: [{ permission: 'BROWSE_PROJECTS', holder: { type: 'anyone' } }],
      });
      for (let i = 0; i < 50_000; i += 1) {
        a.createIssue({
          projectKey: 'HUGE',
          issueType: 'Task',
          summary: `Issue ${i}`,
          dueDate: i % 3 === 0 ? null : '2025-07-01',
          ...(i % 10 === 0 ? { appFields: { 'raci-accountable': A } } : {}),
        });
      }
    });
    const actor = asUser(A);
    huge.jira.admin.grant(10000, 'BROWSE_PROJECTS', { type: 'user', accountId: A });
    let token: string | undefined;
    let count = 0;
    const seen = new Set<string>();
    do {
      const res = await huge.call(actor, 'POST', '/rest/api/3/search/jql', {
        jql: 'project = HUGE AND Accountable = currentUser() ORDER BY duedate DESC, key',
        fields: ['summary', 'duedate'],
        maxResults: 100,
        ...(token ? { nextPageToken: token } : {}),
      });
      const body = res.json as { issues: Array<{ key: string }>; nextPageToken?: string };
      count += body.issues.length;
      for (const i of body.issues) seen.add(i.key);
      token = body.nextPageToken;
    } while (token);
    expect(count).toBe(5000);
    expect(seen.size).toBe(5000);
  }, 60_000);
});
