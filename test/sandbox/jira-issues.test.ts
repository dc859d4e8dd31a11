import { beforeEach, describe, expect, it } from 'vitest';
import { createJiraHarness, asApp, asUser, type JiraHarness } from '../../sandbox/jira/test-support';
import { SEED_USERS } from '../../sandbox/seed/jira-seed';

/** Issue writes: app field values, custom fields through PUT /issue, transitions with a validator, and the rest. */
let h: JiraHarness;
let F: { responsible: string; accountable: string; consulted: string; informed: string };
const liNa = SEED_USERS.liNa.accountId;
const wangLei = SEED_USERS.wangLei.accountId;
const yangFan = SEED_USERS.yangFan.accountId;

beforeEach(() => {
  h = createJiraHarness();
  const ids = h.jira.appFieldIds();
  F = {
    responsible: ids['raci-responsible'] ?? '',
    accountable: ids['raci-accountable'] ?? '',
    consulted: ids['raci-consulted'] ?? '',
    informed: ids['raci-informed'] ?? '',
  };
});

const fieldsOf = async (key: string, fields = '*all'): Promise<Record<string, unknown>> =>
  (
    (await h.call(asApp, 'GET', `/rest/api/3/issue/${key}?fields=${fields}`)).json as {
      fields: Record<string, unknown>;
    }
  ).fields;
const accountIds = (v: unknown): string[] =>
  (Array.isArray(v) ? v : v ? [v] : []).map((u) => (u as { accountId: string }).accountId);
const idOf = async (key: string): Promise<number> =>
  Number(((await h.call(asApp, 'GET', `/rest/api/3/issue/${key}?fields=summary`)).json as { id: string }).id);

describe('app custom fields', () => {
  it('get ids customfield_10100.. in manifest order, found through GET /field by the schema.custom suffix', async () => {
    expect(h.jira.appFieldIds()).toEqual({
      'raci-responsible': 'customfield_10100',
      'raci-accountable': 'customfield_10101',
      'raci-consulted': 'customfield_10102',
      'raci-informed': 'customfield_10103',
    });
    const fields = (await h.call(asUser(wangLei), 'GET', '/rest/api/3/field')).json as Array<{
      id: string;
      name: string;
      custom: boolean;
      schema?: { type: string; items?: string; custom?: string };
    }>;
    const byModule = (m: string) => fields.find((f) => f.schema?.custom?.endsWith(`/static/${m}`));
    expect(byModule('raci-accountable')).toMatchObject({
      id: 'customfield_10101',
      name: 'Accountable',
      custom: true,
      schema: { type: 'user' },
    });
    expect(byModule('raci-responsible')).toMatchObject({
      id: 'customfield_10100',
      schema: { type: 'array', items: 'user' },
    });
    expect(byModule('raci-responsible')?.schema?.custom).toBe(
      'ari:cloud:ecosystem::extension/6b1c2f4e-7a51-4a8e-9d3c-0c1f5a2b9e10/c0ffee00-0000-4000-8000-000000000001/static/raci-responsible',
    );
  });

  it('PUT /app/field/{id}/value writes lists and single users on many issues, one event with changelog per issue', async () => {
    const ids = [await idOf('AICS-9'), await idOf('AICS-10')];
    const res = await h.call(asApp, 'PUT', `/rest/api/3/app/field/${F.responsible}/value`, {
      updates: [{ issueIds: ids, value: [{ accountId: liNa }, { accountId: yangFan }] }],
    });
    expect(res.status).toBe(204);
    expect(accountIds((await fieldsOf('AICS-9'))[F.responsible])).toEqual([liNa, yangFan]);
    expect(accountIds((await fieldsOf('AICS-10'))[F.responsible])).toEqual([liNa, yangFan]);
    expect(h.events).toHaveLength(2);
    expect(h.events[0]?.payload.changelog).toMatchObject({
      items: [{ fieldId: F.responsible, field: 'Responsible', fieldtype: 'custom' }],
    });

    // By module key, a single-user field, and null clears.
    expect(
      (
        await h.call(asApp, 'PUT', '/rest/api/3/app/field/raci-accountable/value', {
          updates: [{ issueIds: [ids[0]], value: { accountId: wangLei } }],
        })
      ).status,
    ).toBe(204);
    expect(accountIds((await fieldsOf('AICS-9'))[F.accountable])).toEqual([wangLei]);
    expect(
      (
        await h.call(asApp, 'PUT', `/rest/api/3/app/field/${F.accountable}/value`, {
          updates: [{ issueIds: [ids[0]], value: null }],
        })
      ).status,
    ).toBe(204);
    expect((await fieldsOf('AICS-9'))[F.accountable]).toBeNull();
  });

  it('PUT /app/field/{id}/value is all-or-nothing and validates the value against the field type', async () => {
    const ok = await idOf('AICS-9');
    const before = await fieldsOf('AICS-9');
    const bad = [
      { body: { updates: [{ issueIds: [ok], value: wangLei }] }, status: 400 },
      { body: { updates: [{ issueIds: [ok], value: [{ accountId: wangLei }] }] }, status: 400 },
      { body: { updates: [{ issueIds: [ok], value: { accountId: 'nobody' } }] }, status: 400 },
      { body: { updates: [{ issueIds: [ok, 999999], value: { accountId: wangLei } }] }, status: 400 },
      { body: { updates: [{ issueIds: ['x'], value: null }] }, status: 400 },
    ];
    for (const b of bad) {
      const res = await h.call(asApp, 'PUT', `/rest/api/3/app/field/${F.accountable}/value`, b.body);
      expect(res.status, JSON.stringify(b.body)).toBe(b.status);
    }
    expect((await h.call(asApp, 'PUT', '/rest/api/3/app/field/customfield_99999/value', { updates: [] })).status).toBe(
      404,
    );
    expect(await fieldsOf('AICS-9')).toEqual(before);
    expect(h.events).toHaveLength(0);
  });

  it('PUT /issue sets app fields as {accountId} and [{accountId}], with update add/remove, and names the field on errors', async () => {
    expect(
      (
        await h.call(asUser(wangLei), 'PUT', '/rest/api/3/issue/AICS-8', {
          fields: {
            [F.accountable]: { accountId: wangLei },
            [F.consulted]: [{ accountId: liNa }, { accountId: yangFan }],
          },
        })
      ).status,
    ).toBe(204);
    let f = await fieldsOf('AICS-8');
    expect(accountIds(f[F.accountable])).toEqual([wangLei]);
    expect(accountIds(f[F.consulted])).toEqual([liNa, yangFan]);

    expect(
      (
        await h.call(asApp, 'PUT', '/rest/api/3/issue/AICS-8', {
          update: {
            [F.consulted]: [{ remove: { accountId: liNa } }],
            [F.informed]: [{ add: { accountId: SEED_USERS.maChao.accountId } }],
          },
        })
      ).status,
    ).toBe(204);
    f = await fieldsOf('AICS-8');
    expect(accountIds(f[F.consulted])).toEqual([yangFan]);
    expect(accountIds(f[F.informed])).toEqual([SEED_USERS.maChao.accountId]);

    const errors = async (body: unknown): Promise<Record<string, string>> => {
      const res = await h.call(asApp, 'PUT', '/rest/api/3/issue/AICS-8', body);
      expect(res.status).toBe(400);
      return (res.json as { errors: Record<string, string> }).errors;
    };
    expect(Object.keys(await errors({ fields: { [F.accountable]: { accountId: 'ghost' } } }))).toEqual([F.accountable]);
    expect((await errors({ fields: { [F.accountable]: { accountId: 'ghost' } } }))[F.accountable]).toContain('ghost');
    expect(Object.keys(await errors({ fields: { [F.accountable]: [{ accountId: wangLei }] } }))).toEqual([
      F.accountable,
    ]);
    expect(Object.keys(await errors({ fields: { [F.responsible]: { accountId: wangLei } } }))).toEqual([F.responsible]);
    expect(await errors({ fields: { status: { name: 'Done' }, colour: 'red' } })).toEqual({
      status: "Field 'status' cannot be set. It is not on the appropriate screen, or unknown.",
      colour: "Field 'colour' cannot be set. It is not on the appropriate screen, or unknown.",
    });
    expect(Object.keys(await errors({ fields: { duedate: '2025-02-30', summary: '' } })).sort()).toEqual([
      'duedate',
      'summary',
    ]);
    expect(Object.keys(await errors({ fields: { description: 'plain text is not ADF' } }))).toEqual(['description']);
    expect((await h.call(asApp, 'PUT', '/rest/api/3/issue/AICS-8', '{not json')).status).toBe(400);
    // Nothing of the refused edits landed.
    expect(accountIds((await fieldsOf('AICS-8'))[F.accountable])).toEqual([wangLei]);
  });

  it('an edit that changes nothing emits nothing', async () => {
    const summary = (await fieldsOf('AICS-8')).summary as string;
    expect((await h.call(asApp, 'PUT', '/rest/api/3/issue/AICS-8', { fields: { summary } })).status).toBe(204);
    expect(h.events).toHaveLength(0);
  });
});

describe('transitions', () => {
  it('lists the workflow transitions from the current status', async () => {
    const t = (await h.call(asApp, 'GET', '/rest/api/3/issue/AICS-8/transitions')).json as {
      transitions: Array<{ id: string; name: string; to: { name: string } }>;
    };
    expect(t.transitions.map((x) => [x.id, x.to.name])).toEqual([
      ['21', 'In Progress'],
      ['31', 'Done'],
    ]);
  });

  it('a refusing beforeTransition answers 400 with its message and changes nothing; an accepting one lets it through', async () => {
    const calls: Array<{ issueKey: string; transitionId: string; actorAccountId: string }> = [];
    const guarded = createJiraHarness({
      beforeTransition: async (t) => {
        calls.push(t);
        return t.transitionId === '31'
          ? { ok: false, message: '请先确认 Accountable 已验收 / Accountable must accept first.' }
          : { ok: true };
      },
    });
    const actor = asUser(liNa);
    const refused = await guarded.call(actor, 'POST', '/rest/api/3/issue/AICS-7/transitions', {
      transition: { id: '31' },
    });
    expect(refused.status).toBe(400);
    expect(refused.json).toEqual({
      errorMessages: ['请先确认 Accountable 已验收 / Accountable must accept first.'],
      errors: {},
    });
    expect(calls).toEqual([{ issueKey: 'AICS-7', transitionId: '31', actorAccountId: liNa }]);
    const status = async (): Promise<string> =>
      (
        (await guarded.call(asApp, 'GET', '/rest/api/3/issue/AICS-7?fields=status')).json as {
          fields: { status: { name: string } };
        }
      ).fields.status.name;
    expect(await status()).toBe('In Progress');
    expect(guarded.events).toHaveLength(0);

    expect(
      (await guarded.call(actor, 'POST', '/rest/api/3/issue/AICS-7/transitions', { transition: { id: '11' } })).status,
    ).toBe(204);
    expect(await status()).toBe('To Do');
    expect(guarded.events).toHaveLength(1);
    expect(guarded.events[0]?.payload.changelog).toMatchObject({
      items: [
        { field: 'status', fieldId: 'status', from: '3', fromString: 'In Progress', to: '10000', toString: 'To Do' },
      ],
    });
  });

  it('moving to Done sets the resolution; an invalid transition is refused', async () => {
    expect(
      (await h.call(asApp, 'POST', '/rest/api/3/issue/AICS-8/transitions', { transition: { id: '11' } })).status,
    ).toBe(400);
    expect(
      (await h.call(asApp, 'POST', '/rest/api/3/issue/AICS-8/transitions', { transition: { id: 31 } })).status,
    ).toBe(204);
    const f = await fieldsOf('AICS-8', 'status,resolution,resolutiondate');
    expect(f).toMatchObject({
      status: { name: 'Done', statusCategory: { key: 'done' } },
      resolution: { name: 'Done' },
    });
    expect(typeof f.resolutiondate).toBe('string');
    expect(h.events[0]?.payload.changelog).toMatchObject({
      items: [
        expect.objectContaining({ field: 'status' }),
        expect.objectContaining({ field: 'resolution', toString: 'Done' }),
      ],
    });
  });
});

describe('create, comments, properties, notify', () => {
  it('POST /issue validates required fields and the hierarchy', async () => {
    const res = await h.call(asApp, 'POST', '/rest/api/3/issue', { fields: { project: { key: 'AICS' } } });
    expect(res.status).toBe(400);
    expect(Object.keys((res.json as { errors: Record<string, string> }).errors).sort()).toEqual([
      'issuetype',
      'summary',
    ]);
    const wrongParent = await h.call(asApp, 'POST', '/rest/api/3/issue', {
      fields: { project: { key: 'AICS' }, issuetype: { name: 'Task' }, summary: 'x', parent: { key: 'AICS-2' } },
    });
    expect((wrongParent.json as { errors: Record<string, string> }).errors.parent).toBeDefined();
    const created = await h.call(asApp, 'POST', '/rest/api/3/issue', {
      fields: {
        project: { id: '10001' },
        issuetype: { id: '10001' },
        summary: '新任务',
        [F.accountable]: { accountId: SEED_USERS.zhaoMin.accountId },
        fixVersions: [{ name: 'M3 开发测试 Build & Test' }],
      },
    });
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({ key: 'PAY-23' });
    const f = await fieldsOf('PAY-23');
    expect(f).toMatchObject({
      status: { name: 'To Do' },
      reporter: { accountId: h.jira.appAccountId() },
      fixVersions: [{ name: 'M3 开发测试 Build & Test' }],
    });
  });

  it('comments: ADF only, paged', async () => {
    expect((await h.call(asApp, 'POST', '/rest/api/3/issue/AICS-8/comment', { body: 'plain' })).status).toBe(400);
    const page = (await h.call(asApp, 'GET', '/rest/api/3/issue/AICS-6/comment?maxResults=1&orderBy=-created'))
      .json as { total: number; comments: Array<{ body: unknown; author: { accountId: string } }> };
    expect(page.total).toBe(2);
    expect(page.comments).toHaveLength(1);
  });

  it('issue properties: create 201, update 200, read, list, include in GET issue, delete', async () => {
    const path = '/rest/api/3/issue/AICS-8/properties/collab.escalation';
    expect((await h.call(asApp, 'GET', path)).status).toBe(404);
    expect((await h.call(asApp, 'PUT', path, { level: 1 })).status).toBe(201);
    expect((await h.call(asApp, 'PUT', path, { level: 2, by: '王磊' })).status).toBe(200);
    expect((await h.call(asApp, 'GET', path)).json).toEqual({
      key: 'collab.escalation',
      value: { level: 2, by: '王磊' },
    });
    const keys = (await h.call(asApp, 'GET', '/rest/api/3/issue/AICS-8/properties')).json as {
      keys: Array<{ key: string }>;
    };
    expect(keys.keys.map((k) => k.key)).toEqual(['collab.escalation']);
    const issue = (await h.call(asApp, 'GET', '/rest/api/3/issue/AICS-8?fields=summary&properties=collab.escalation'))
      .json as { properties: unknown };
    expect(issue.properties).toEqual({ 'collab.escalation': { level: 2, by: '王磊' } });
    expect((await h.call(asApp, 'PUT', path, 'x'.repeat(40000))).status).toBe(400);
    expect((await h.call(asApp, 'DELETE', path)).status).toBe(204);
    expect((await h.call(asApp, 'GET', path)).status).toBe(404);
  });

  it('notify records the resolved recipients, leaving out people who cannot see the issue', async () => {
    const res = await h.call(asApp, 'POST', '/rest/api/3/issue/PAY-14/notify', {
      subject: '重复扣款升级 / Double charge escalated',
      textBody: '请在 24 小时内响应',
      to: { assignee: true, users: [{ accountId: SEED_USERS.kevinXu.accountId }], groups: [{ name: 'pmo' }] },
    });
    expect(res.status).toBe(204);
    const [n] = h.jira.listNotifications();
    expect(n).toMatchObject({
      issueKey: 'PAY-14',
      subject: '重复扣款升级 / Double charge escalated',
      senderAccountId: h.jira.appAccountId(),
    });
    expect(n?.recipientAccountIds).toEqual([SEED_USERS.luoBin.accountId, SEED_USERS.maChao.accountId].sort());
    await h.call(asApp, 'POST', '/rest/api/3/issue/PAY-14/notify', {
      subject: 'x',
      to: { groups: [{ name: 'dept-rnd' }] },
      restrict: { permissions: [{ key: 'EDIT_ISSUES' }], groups: [{ name: 'dept-rnd' }] },
    });
    expect(h.jira.listNotifications()[1]?.recipientAccountIds).toHaveLength(3);
    expect(
      (await h.call(asApp, 'POST', '/rest/api/3/issue/PAY-14/notify', { to: { users: [{ accountId: 'ghost' }] } }))
        .status,
    ).toBe(400);
    expect(h.jira.listNotifications()).toHaveLength(2);
  });
});

describe('bulk fetch', () => {
  it('takes at most 100 ids and answers in ascending id order, by key or id, case-insensitively', async () => {
    const tooMany = Array.from({ length: 101 }, (_, i) => `AICS-${i + 1}`);
    expect((await h.call(asApp, 'POST', '/rest/api/3/issue/bulkfetch', { issueIdsOrKeys: tooMany })).status).toBe(400);
    const res = await h.call(asApp, 'POST', '/rest/api/3/issue/bulkfetch', {
      issueIdsOrKeys: ['pay-2', 'AICS-3', String(await idOf('AICS-2'))],
      fields: ['summary'],
    });
    const body = res.json as {
      issues: Array<{ key: string; fields: Record<string, unknown> }>;
      issueErrors: unknown[];
    };
    expect(body.issues.map((i) => i.key)).toEqual(['AICS-2', 'AICS-3', 'PAY-2']);
    expect(Object.keys(body.issues[0]?.fields ?? {})).toEqual(['summary']);
    expect(body.issueErrors).toEqual([]);
  });
});

describe('routing and counting', () => {
  it('unknown routes answer 404 JSON, wrong methods 405; stats count calls per route', async () => {
    h.jira.resetStats();
    const unknown = await h.call(asApp, 'GET', '/rest/api/3/dashboard');
    expect(unknown.status).toBe(404);
    expect(unknown.json).toMatchObject({ errorMessages: [expect.stringContaining('/rest/api/3/dashboard')] });
    expect((await h.call(asApp, 'PATCH', '/rest/api/3/issue/AICS-1')).status).toBe(405);
    await h.call(asApp, 'GET', '/rest/api/3/issue/AICS-1');
    await h.call(asApp, 'GET', '/rest/api/3/issue/AICS-2?fields=summary');
    expect(h.jira.stats.calls).toBe(4);
    expect(h.jira.stats.byRoute['GET /rest/api/3/issue/{issueIdOrKey}']).toBe(2);
    h.jira.resetStats();
    expect(h.jira.stats).toEqual({ calls: 0, byRoute: {} });
  });

  it('user endpoints', async () => {
    const bulk = (
      await h.call(
        asApp,
        'GET',
        `/rest/api/3/user/bulk?accountId=${encodeURIComponent(liNa)}&accountId=ghost&accountId=${encodeURIComponent(wangLei)}`,
      )
    ).json as { values: Array<{ accountId: string }>; total: number };
    expect(bulk.values.map((u) => u.accountId)).toEqual([liNa, wangLei]);
    const search = (await h.call(asApp, 'GET', `/rest/api/3/user/search?query=${encodeURIComponent('王')}`))
      .json as Array<{ displayName: string }>;
    expect(search.map((u) => u.displayName)).toEqual(['王磊 Wang Lei']);
    expect(((await h.call(asApp, 'GET', '/rest/api/3/user/search?query=lei')).json as unknown[]).length).toBe(1);
    expect((await h.call(asApp, 'GET', '/rest/api/3/user?accountId=ghost')).status).toBe(404);
    const members = (await h.call(asApp, 'GET', '/rest/api/3/group/member?groupname=dept-cs')).json as {
      values: Array<{ accountId: string }>;
    };
    expect(members.values.map((u) => u.accountId).sort()).toEqual([SEED_USERS.chenJing.accountId, yangFan].sort());
    expect((await h.call(asApp, 'GET', '/rest/api/3/group/member?groupname=nope')).status).toBe(404);
    const me = (await h.call(asUser(yangFan), 'GET', '/rest/api/3/myself?expand=groups')).json as {
      accountId: string;
      groups: { items: Array<{ name: string }> };
    };
    expect(me.accountId).toBe(yangFan);
    expect(me.groups.items.map((g) => g.name)).toEqual(['dept-cs', 'jira-users']);
  });
});
