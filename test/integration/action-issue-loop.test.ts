import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Platform } from '../../sandbox/platform';
import { SEED_USERS } from '../../sandbox/seed/jira-seed';
import { invoke, jiraAs, startPlatform } from '../support/platform';

/**
 * The loop of an action item (issue 15): the work item the app makes for it carries its RACI (the owner
 * Responsible, the retrospective's owner Accountable), so it may be closed; closing it in Jira closes the item.
 */
const PAGE = 'collab-project-page';
const gaoYuan = SEED_USERS.gaoYuan.accountId;
let p: Platform;
beforeAll(async () => {
  p = await startPlatform();
});
afterAll(() => p?.close());

const call = async (fn: string, payload: unknown = {}) => {
  const { env } = await invoke(p, { moduleKey: PAGE, accountId: gaoYuan, projectKey: 'PAY' }, fn, payload);
  if (!env.ok) throw new Error(`${fn}: ${env.error.message}`);
  return env.data;
};

describe('an action item made a Jira work item', () => {
  it('gets its RACI, may be closed, and the item is done when the work item is', async () => {
    const list = await call('listRetrospectives', { limit: 100 });
    const item = list.actions.find((a: any) => !a.issueKey && a.status !== 'done' && a.retrospectiveId);
    expect(item, 'the seed has an open action item of a retrospective without a work item').toBeTruthy();
    const retro = list.retrospectives.find((r: any) => r.id === item.retrospectiveId);
    const made = await call('createActionIssue', { id: item.id });
    await p.settle();
    const key = made.issueKey as string;

    const panel = await invoke(
      p,
      { moduleKey: 'collab-issue-panel', accountId: gaoYuan, issueKey: key },
      'getIssuePanel',
      {},
    );
    if (!panel.env.ok) throw new Error(panel.env.error.message);
    const raci = panel.env.data.raci;
    expect(raci.responsible.map((u: any) => u.accountId)).toEqual([item.owner.accountId]);
    expect(raci.accountable?.accountId).toBe(retro.createdBy.accountId);

    const closer = retro.createdBy.accountId;
    const transitions = (await jiraAs(p, closer, 'GET', `/rest/api/3/issue/${key}/transitions`)).body
      .transitions as Array<{ id: string; to: { statusCategory: { key: string } } }>;
    const toDone = transitions.find((t) => t.to.statusCategory.key === 'done')!;
    const closed = await jiraAs(p, closer, 'POST', `/rest/api/3/issue/${key}/transitions`, {
      transition: { id: toDone.id },
    });
    expect(closed.status).toBe(204);
    await p.settle();
    const after = await call('listRetrospectives', { limit: 100 });
    expect(after.actions.find((a: any) => a.id === item.id).status).toBe('done');
  });
});
