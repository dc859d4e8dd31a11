import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Platform } from '../../sandbox/platform';
import type { ProductEvent } from '../../sandbox/runtime/forge-host';
import { SEED_USERS } from '../../sandbox/seed/jira-seed';
import { TRANSITIONS } from '../../sandbox/seed/workflow-seed';
import { formatMessage, type MessageId } from '../../src/contract';
import { appRequestStore } from '../../sandbox/runtime/invocation-context';
import { createJiraSpecValidator } from '../support/openapi';
import { jiraAs, startPlatform } from '../support/platform';

/**
 * The workflow rules and notifications end to end: the real validator handler run by the sandbox's Forge host
 * when the sandbox's Jira transitions an issue, the condition evaluated by that Jira, and the issue-events
 * trigger notifying people through Jira's notify API.
 */
const U = SEED_USERS;
const [wangLei, liNa, kevinXu, chenJing, zhangWei, maChao, liuYang, yangFan, gaoYuan] = [
  U.wangLei,
  U.liNa,
  U.kevinXu,
  U.chenJing,
  U.zhangWei,
  U.maChao,
  U.liuYang,
  U.yangFan,
  U.gaoYuan,
].map((u) => u.accountId) as [string, string, string, string, string, string, string, string, string];

let p: Platform;
let field: Record<'responsible' | 'accountable' | 'consulted' | 'informed', string>;
const delivered: ProductEvent[] = [];
const appCalls: Array<{ method: string; path: string; status: number; body: string }> = [];

beforeAll(async () => {
  p = await startPlatform();
  const ids = p.jira.appFieldIds();
  field = {
    responsible: ids['raci-responsible']!,
    accountable: ids['raci-accountable']!,
    consulted: ids['raci-consulted']!,
    informed: ids['raci-informed']!,
  };
  const handle = p.jira.handle.bind(p.jira);
  p.jira.handle = async (req) => {
    const res = await handle(req);
    if (appRequestStore.getStore())
      appCalls.push({ method: req.method, path: req.path, status: res.status, body: res.body });
    return res;
  };
  const deliver = p.host.deliver.bind(p.host);
  p.host.deliver = (e, selfGenerated) => {
    delivered.push(e);
    deliver(e, selfGenerated);
  };
});
afterAll(() => p?.close());

const transitionIds = async (issueKey: string, who: string): Promise<string[]> =>
  (
    (await jiraAs(p, who, 'GET', `/rest/api/3/issue/${issueKey}/transitions`)).body.transitions as Array<{ id: string }>
  ).map((t) => t.id);
const status = async (issueKey: string): Promise<string> =>
  (await jiraAs(p, 'app', 'GET', `/rest/api/3/issue/${issueKey}?fields=status`)).body.fields.status.name;
const validatorRuns = () => p.host.invocations.filter((i) => i.kind === 'workflowValidator');
const refusal = (id: MessageId, locale: 'en' | 'zh') => ({ errorMessages: [formatMessage(id, locale)], errors: {} });

describe('"RACI complete" validator on the transitions into Done', () => {
  it('refuses an issue without an Accountable, in the language of the person moving it', async () => {
    // AICS-8: Responsible 王磊, no Accountable. Kevin's Jira is in English, Li Na's in Chinese.
    const asKevin = await jiraAs(p, kevinXu, 'POST', '/rest/api/3/issue/AICS-8/transitions', {
      transition: { id: TRANSITIONS.done },
    });
    expect(asKevin).toEqual({ status: 400, body: refusal('workflow.raci.noAccountable', 'en') });
    const asLiNa = await jiraAs(p, liNa, 'POST', '/rest/api/3/issue/AICS-8/transitions', {
      transition: { id: TRANSITIONS.done },
    });
    expect(asLiNa).toEqual({ status: 400, body: refusal('workflow.raci.noAccountable', 'zh') });
    expect(asLiNa.body.errorMessages[0]).toContain('Accountable（审批人）');
    expect(await status('AICS-8')).toBe('To Do');
    const runs = validatorRuns().slice(-2);
    expect(runs).toEqual([
      expect.objectContaining({
        moduleKey: 'raci-complete',
        functionKey: 'raci-complete-fn',
        ok: true,
        accountId: null,
        jiraCalls: 2,
        kvsOps: 0,
      }),
      expect.objectContaining({ moduleKey: 'raci-complete', ok: true, jiraCalls: 2, kvsOps: 0 }),
    ]);
  });

  it('names what is missing: no Responsible, or neither', async () => {
    // AICS-10: Accountable 张伟, no Responsible; AICS-17: no RACI at all.
    expect(
      await jiraAs(p, liNa, 'POST', '/rest/api/3/issue/AICS-10/transitions', { transition: { id: TRANSITIONS.done } }),
    ).toEqual({
      status: 400,
      body: refusal('workflow.raci.noResponsible', 'zh'),
    });
    expect(
      await jiraAs(p, kevinXu, 'POST', '/rest/api/3/issue/AICS-17/transitions', {
        transition: { id: TRANSITIONS.done },
      }),
    ).toEqual({
      status: 400,
      body: refusal('workflow.raci.noAccountableNoResponsible', 'en'),
    });
  });

  it('lets a complete issue through with one Jira read, and counts fields set on the transition itself', async () => {
    expect(
      (
        await jiraAs(p, liNa, 'PUT', '/rest/api/3/issue/AICS-8', {
          fields: { [field.accountable]: { accountId: wangLei } },
        })
      ).status,
    ).toBe(204);
    expect(
      (await jiraAs(p, liNa, 'POST', '/rest/api/3/issue/AICS-8/transitions', { transition: { id: TRANSITIONS.done } }))
        .status,
    ).toBe(204);
    expect(await status('AICS-8')).toBe('Done');
    expect(validatorRuns().at(-1)).toMatchObject({ ok: true, jiraCalls: 1, kvsOps: 0 });
    // AICS-10 gets its Responsible on the transition (its screen, or the REST request): the validator sees it.
    const r = await jiraAs(p, liNa, 'POST', '/rest/api/3/issue/AICS-10/transitions', {
      transition: { id: TRANSITIONS.done },
      fields: { [field.responsible]: [{ accountId: liuYang }] },
    });
    expect(r.status).toBe(204);
    expect(await status('AICS-10')).toBe('Done');
    // Emptying it on the transition is refused, although the stored issue has one.
    await jiraAs(p, liNa, 'POST', '/rest/api/3/issue/AICS-10/transitions', { transition: { id: '21' } });
    const emptied = await jiraAs(p, liNa, 'POST', '/rest/api/3/issue/AICS-10/transitions', {
      transition: { id: TRANSITIONS.done },
      fields: { [field.responsible]: [] },
    });
    expect(emptied).toEqual({ status: 400, body: refusal('workflow.raci.noResponsible', 'zh') });
  });
});

describe('"Only the Accountable" condition on Approve', () => {
  it('shows Approve only to the Accountable, who can approve', async () => {
    // AICS-7, In Progress: Accountable 王磊, Responsible 李娜 and Kevin.
    expect(await transitionIds('AICS-7', wangLei)).toEqual(['11', TRANSITIONS.done, TRANSITIONS.approve]);
    expect(await transitionIds('AICS-7', liNa)).toEqual(['11', TRANSITIONS.done]);
    expect(await transitionIds('AICS-7', kevinXu)).toEqual(['11', TRANSITIONS.done]);
    const sneaky = await jiraAs(p, liNa, 'POST', '/rest/api/3/issue/AICS-7/transitions', {
      transition: { id: TRANSITIONS.approve },
    });
    expect(sneaky.status).toBe(400);
    expect(sneaky.body.errorMessages[0]).toContain(`Transition id '${TRANSITIONS.approve}' is not valid`);
    // The Accountable changes in Jira: the issue trigger mirrors it into the property the condition reads.
    expect(
      (
        await jiraAs(p, wangLei, 'PUT', '/rest/api/3/issue/AICS-7', {
          fields: { [field.accountable]: { accountId: liNa } },
        })
      ).status,
    ).toBe(204);
    expect(await transitionIds('AICS-7', wangLei)).not.toContain(TRANSITIONS.approve);
    expect(await transitionIds('AICS-7', liNa)).toContain(TRANSITIONS.approve);
    expect(
      (
        await jiraAs(p, liNa, 'POST', '/rest/api/3/issue/AICS-7/transitions', {
          transition: { id: TRANSITIONS.approve },
        })
      ).status,
    ).toBe(204);
    expect(await status('AICS-7')).toBe('Done');
  });
});

describe('notifications through Jira’s notify API', () => {
  const notificationsOf = (issueKey: string) => p.jira.listNotifications().filter((n) => n.issueKey === issueKey);
  const lastUpdateOf = (issueKey: string) =>
    delivered
      .filter((e) => e.eventType === 'avi:jira:updated:issue' && (e.payload.issue as { key: string }).key === issueKey)
      .at(-1)!;

  it('tells the Informed of a status change in one request, once, not the person who moved it', async () => {
    // AICS-15: Informed 陈静, 张伟, 马超. 陈静 herself moves it.
    const before = p.host.invocationMark();
    expect(
      (await jiraAs(p, chenJing, 'POST', '/rest/api/3/issue/AICS-15/transitions', { transition: { id: '21' } })).status,
    ).toBe(204);
    const sent = notificationsOf('AICS-15');
    expect(sent).toHaveLength(1);
    expect(sent[0]!.recipientAccountIds).toEqual([zhangWei, maChao].sort());
    expect(sent[0]!.senderAccountId).toBe(p.jira.appAccountId());
    expect(sent[0]!.subject).toBe('[AICS-15] Status changed to In Progress / [AICS-15] 状态已变更为 In Progress');
    expect(sent[0]!.textBody).toContain('from To Do to In Progress');
    expect(sent[0]!.textBody).toContain('从 To Do 变更为 In Progress');
    const trigger = p.host.invocationsSince(before).filter((i) => i.moduleKey === 'issue-events');
    expect(trigger).toHaveLength(1);
    expect(trigger[0]).toMatchObject({ ok: true, jiraCalls: 2 });
  });

  it('never notifies twice when the event comes again, even at the same moment', async () => {
    const event = lastUpdateOf('AICS-15');
    p.host.deliver(event, false);
    p.host.deliver(event, false);
    await p.settle();
    p.host.deliver(event, false);
    await p.settle();
    expect(notificationsOf('AICS-15')).toHaveLength(1);
  });

  it('asks only the newly added Consulted, once', async () => {
    // AICS-15 Consulted: 刘洋. 李娜 adds 杨帆 and 高原.
    const r = await jiraAs(p, liNa, 'PUT', '/rest/api/3/issue/AICS-15', {
      fields: { [field.consulted]: [liuYang, yangFan, gaoYuan].map((accountId) => ({ accountId })) },
    });
    expect(r.status).toBe(204);
    const sent = notificationsOf('AICS-15');
    expect(sent).toHaveLength(2);
    expect(sent[1]!.recipientAccountIds).toEqual([yangFan, gaoYuan].sort());
    expect(sent[1]!.subject).toBe('[AICS-15] Your input is needed / [AICS-15] 需要您的意见');
    expect(sent[1]!.textBody).toContain('You were added as Consulted on AICS-15');
    p.host.deliver(lastUpdateOf('AICS-15'), false);
    await p.settle();
    expect(notificationsOf('AICS-15')).toHaveLength(2);
    // Removing someone, or an edit of another field, asks nobody.
    await jiraAs(p, liNa, 'PUT', '/rest/api/3/issue/AICS-15', {
      fields: { [field.consulted]: [{ accountId: liuYang }] },
    });
    await jiraAs(p, liNa, 'PUT', '/rest/api/3/issue/AICS-15', {
      fields: { summary: '灰度上线与监控（第二批）/ Staged rollout, batch two' },
    });
    expect(notificationsOf('AICS-15')).toHaveLength(2);
  });

  it('sends each person one notification per change when the status moves and people are asked in at once', async () => {
    // Back to To Do while 马超 (Informed) is also added as Consulted on the same transition.
    const r = await jiraAs(p, liNa, 'POST', '/rest/api/3/issue/AICS-15/transitions', {
      transition: { id: '11' },
      fields: { [field.consulted]: [liuYang, maChao].map((accountId) => ({ accountId })) },
    });
    expect(r.status).toBe(204);
    const sent = notificationsOf('AICS-15').slice(2);
    expect(sent.map((n) => n.recipientAccountIds)).toEqual([[maChao], [chenJing, zhangWei].sort()]);
    const everyone = sent.flatMap((n) => n.recipientAccountIds);
    expect(new Set(everyone).size).toBe(everyone.length);
  });
});

describe('JQL on the RACI fields', () => {
  const search = async (who: string, jql: string): Promise<string[]> => {
    const keys: string[] = [];
    let token: string | undefined;
    do {
      const page = (
        await jiraAs(p, who, 'POST', '/rest/api/3/search/jql', {
          jql,
          fields: ['key'],
          maxResults: 100,
          ...(token ? { nextPageToken: token } : {}),
        })
      ).body;
      keys.push(...(page.issues as Array<{ key: string }>).map((i) => i.key));
      token = page.nextPageToken;
    } while (token);
    return keys.sort();
  };
  /** The same question answered by reading every issue's fields. */
  const where = async (who: string, test: (f: Record<string, unknown>) => boolean): Promise<string[]> => {
    const keys: string[] = [];
    for (const project of ['AICS', 'PAY']) {
      const page = (
        await jiraAs(p, who, 'POST', '/rest/api/3/search/jql', {
          jql: `project = ${project}`,
          fields: [field.accountable, field.responsible],
          maxResults: 100,
        })
      ).body;
      for (const i of page.issues as Array<{ key: string; fields: Record<string, unknown> }>)
        if (test(i.fields)) keys.push(i.key);
    }
    return keys.sort();
  };
  const ids = (v: unknown): string[] =>
    (Array.isArray(v) ? v : v ? [v] : []).map((u: { accountId: string }) => u.accountId);

  it('"Accountable" = currentUser() finds what the user answers for, and only where they may look', async () => {
    const mine = await search(zhangWei, '"Accountable" = currentUser()');
    expect(mine.length).toBeGreaterThan(3);
    expect(mine).toEqual(await where(zhangWei, (f) => ids(f[field.accountable]).includes(zhangWei)));
    expect(await search(wangLei, '"Accountable" = currentUser() AND project = AICS')).toEqual(
      await where(wangLei, (f) => ids(f[field.accountable]).includes(wangLei)).then((k) =>
        k.filter((x) => x.startsWith('AICS-')),
      ),
    );
    // Kevin cannot browse PAY: none of PAY's issues, whoever is Accountable.
    expect((await search(kevinXu, `"Accountable" = ${zhangWei}`)).every((k) => k.startsWith('AICS-'))).toBe(true);
  });

  it('"Responsible" in (...) finds issues any of them works on', async () => {
    const found = await search(gaoYuan, `"Responsible" in (${liNa}, ${kevinXu})`);
    expect(found).toContain('AICS-7');
    expect(found).toEqual(
      await where(gaoYuan, (f) => ids(f[field.responsible]).some((id) => id === liNa || id === kevinXu)),
    );
  });
});

describe('the app’s Jira calls in these flows', () => {
  it('are the documented endpoints, and every answer conforms to Jira’s REST spec', () => {
    const spec = createJiraSpecValidator();
    const used = new Set(appCalls.map((c) => `${c.method} ${spec.templateOf(c.path)}`));
    expect(used).toContain('GET /rest/api/3/user');
    expect(used).toContain('POST /rest/api/3/issue/{issueIdOrKey}/notify');
    expect(appCalls.filter((c) => c.status >= 300)).toEqual([]);
    expect([
      ...new Set(appCalls.map((c) => spec.check(c.method, c.path, c.status, c.body)).filter((x) => x !== null)),
    ]).toEqual([]);
  });
});
