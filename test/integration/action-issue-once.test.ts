import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Platform } from '../../sandbox/platform';
import { SEED_USERS } from '../../sandbox/seed/jira-seed';
import { invoke, jiraAs, startPlatform } from '../support/platform';

/**
 * "Create Jira issue" on an action item, clicked by several people at once: exactly one Jira issue, recorded
 * on the item; every other caller is told clearly, and nothing is orphaned.
 */
const PAGE = 'collab-project-page';
const U = SEED_USERS;
let p: Platform;
beforeAll(async () => {
  p = await startPlatform();
});
afterAll(() => p?.close());

const call = (fn: string, payload: unknown = {}) =>
  invoke(p, { moduleKey: PAGE, accountId: U.gaoYuan.accountId, projectKey: 'PAY' }, fn, payload);

async function issuesTitled(title: string): Promise<string[]> {
  const r = await jiraAs(p, 'app', 'POST', '/rest/api/3/search/jql', {
    jql: 'project = PAY ORDER BY created DESC',
    fields: ['summary'],
    maxResults: 100,
  });
  return (r.body.issues as Array<{ key: string; fields: { summary: string } }>)
    .filter((i) => i.fields.summary === title)
    .map((i) => i.key);
}

describe('one Jira issue per action item', () => {
  it.each([2, 5, 50])('%i clicks at once make one issue; the others get CONFLICT', async (callers) => {
    const list = await call('listRetrospectives');
    if (!list.env.ok) throw new Error(list.env.error.message);
    const open = list.env.data.actions.find(
      (a: { issueKey: string | null; status: string }) => !a.issueKey && a.status !== 'done',
    );
    expect(open, 'the seed has an action item without an issue').toBeTruthy();
    const before = await issuesTitled(open.title);

    const results = await Promise.all(
      Array.from({ length: callers }, () => call('createActionIssue', { id: open.id })),
    );
    await p.settle();
    const ok = results.filter((r) => r.env.ok);
    expect(ok).toHaveLength(1);
    for (const r of results.filter((x) => !x.env.ok)) expect(r.env.ok ? '' : r.env.error.code).toBe('CONFLICT');
    const made = ok[0]!.env.ok ? (ok[0]!.env.data.issueKey as string) : '';
    const after = await issuesTitled(open.title);
    expect(after.filter((k) => !before.includes(k))).toEqual([made]);

    // A later click is told which issue tracks it.
    const again = await call('createActionIssue', { id: open.id });
    expect(again.env).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: expect.stringContaining(made) } });
  });
});
