import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Platform } from '../../sandbox/platform';
import { SEED_USERS } from '../../sandbox/seed/jira-seed';
import { invoke, startPlatform } from '../support/platform';

/**
 * Several people adding the same dependency at once: exactly one is stored, with the winner's words; every
 * other caller gets a clear conflict, never a silent overwrite.
 */
const PANEL = 'collab-issue-panel';
const U = SEED_USERS;

let p: Platform;
beforeAll(async () => {
  p = await startPlatform();
});
afterAll(() => p?.close());

let n = 0;
function newIssue(summary: string): string {
  return p.jira.admin.createIssue({
    projectKey: 'PAY',
    issueType: 'Task',
    summary: `${summary} ${++n}`,
    status: 'To Do',
    dueDate: null,
    appFields: { 'raci-responsible': [U.gaoYuan.accountId], 'raci-accountable': U.gaoYuan.accountId },
  }).key;
}

describe('concurrent creates of one dependency', () => {
  it.each([2, 5, 50])('%i callers: one dependency, one winner, the others told CONFLICT', async (callers) => {
    const [downstream, upstream] = [newIssue('waits'), newIssue('provides')];
    const results = await Promise.all(
      Array.from({ length: callers }, (_, i) =>
        invoke(p, { moduleKey: PANEL, accountId: U.gaoYuan.accountId, issueKey: downstream }, 'createDependency', {
          otherIssueKey: upstream,
          direction: 'upstream',
          deliverable: `deliverable ${i}`,
          needBy: '2030-01-15',
        }),
      ),
    );
    await p.settle();
    const ok = results.filter((r) => r.env.ok);
    const refused = results.filter((r) => !r.env.ok);
    expect(ok).toHaveLength(1);
    for (const r of refused) expect(r.env.ok ? null : r.env.error.code).toBe('CONFLICT');
    const winner = ok[0]!.env.ok ? ok[0]!.env.data.dependency.deliverable : '';

    const panel = await invoke(
      p,
      { moduleKey: PANEL, accountId: U.gaoYuan.accountId, issueKey: downstream },
      'getIssuePanel',
    );
    if (!panel.env.ok) throw new Error(panel.env.error.message);
    const deps = JSON.stringify(panel.env.data);
    expect(deps).toContain(winner);
    for (let i = 0; i < callers; i++)
      if (`deliverable ${i}` !== winner) expect(deps).not.toContain(`"deliverable ${i}"`);
  });
});
