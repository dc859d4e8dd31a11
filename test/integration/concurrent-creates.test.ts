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

/**
 * Creates without a natural key (each call makes its own record): N callers at once make N records, every one
 * told ok, and the project's rollup counts all N (no lost read-modify-write of a shared shard). An escalation
 * raised N times on one issue also sends N level-1 e-mails, one each, and the issue's fields name its raiser.
 */
describe('concurrent creates that each make a record', () => {
  const PAGE = 'collab-project-page';
  const overview = async () => {
    const r = await invoke(
      p,
      { moduleKey: PAGE, accountId: U.gaoYuan.accountId, projectKey: 'PAY' },
      'getProjectOverview',
    );
    if (!r.env.ok) throw new Error(r.env.error.message);
    return r.env.data as { risks: { open: number }; actions: { open: number }; escalations: { open: number } };
  };

  it.each([2, 5, 50])(
    '%i escalations raised at once on one issue: each stored, counted and e-mailed once',
    async (callers) => {
      const issue = newIssue('escalated');
      const before = (await overview()).escalations.open;
      const mailsBefore = p.jira.listNotifications().length;
      const results = await Promise.all(
        Array.from({ length: callers }, (_, i) =>
          invoke(p, { moduleKey: PANEL, accountId: U.gaoYuan.accountId, issueKey: issue }, 'raiseEscalation', {
            description: `blocked ${i}`,
            departmentAsked: 'rnd',
          }),
        ),
      );
      await p.settle();
      expect(results.filter((r) => r.env.ok)).toHaveLength(callers);
      expect((await overview()).escalations.open - before).toBe(callers);
      const mails = p.jira
        .listNotifications()
        .slice(mailsBefore)
        .filter((n) => n.issueKey === issue);
      expect(mails).toHaveLength(callers);
    },
  );

  it.each([2, 5, 50])('%i risks saved at once: all stored and counted', async (callers) => {
    const before = (await overview()).risks.open;
    const results = await Promise.all(
      Array.from({ length: callers }, (_, i) =>
        invoke(p, { moduleKey: PAGE, accountId: U.gaoYuan.accountId, projectKey: 'PAY' }, 'saveRisk', {
          title: `concurrent risk ${callers}-${i}`,
          probability: 3,
          impact: 3,
          ownerAccountId: U.gaoYuan.accountId,
          status: 'open',
          reviewDate: '2026-04-01',
          expectedVersion: null,
        }),
      ),
    );
    const failed = results.filter((r) => !r.env.ok);
    expect(failed.map((r) => (r.env.ok ? '' : r.env.error.message))).toEqual([]);
    expect((await overview()).risks.open - before).toBe(callers);
  });

  it.each([2, 5, 50])('%i retrospectives and action items saved at once: all stored and counted', async (callers) => {
    const before = (await overview()).actions.open;
    const retros = await Promise.all(
      Array.from({ length: callers }, (_, i) =>
        invoke(p, { moduleKey: PAGE, accountId: U.gaoYuan.accountId, projectKey: 'PAY' }, 'saveRetrospective', {
          versionId: null,
          heldOn: '2026-03-06',
          wentWell: `went well ${callers}-${i}`,
          toImprove: 'hand-overs',
          scores: null,
          tags: [],
          expectedVersion: null,
        }),
      ),
    );
    expect(retros.filter((r) => !r.env.ok).map((r) => (r.env.ok ? '' : r.env.error.message))).toEqual([]);
    const actions = await Promise.all(
      retros.map((r, i) =>
        invoke(p, { moduleKey: PAGE, accountId: U.gaoYuan.accountId, projectKey: 'PAY' }, 'saveAction', {
          retrospectiveId: r.env.ok ? r.env.data.id : null,
          title: `concurrent action ${callers}-${i}`,
          ownerAccountId: U.gaoYuan.accountId,
          dueDate: '2026-04-10',
          status: 'open',
          tags: [],
          expectedVersion: null,
        }),
      ),
    );
    expect(actions.filter((r) => !r.env.ok).map((r) => (r.env.ok ? '' : r.env.error.message))).toEqual([]);
    expect((await overview()).actions.open - before).toBe(callers);
  });
});
