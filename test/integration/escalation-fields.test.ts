import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Platform } from '../../sandbox/platform';
import { appRequestStore } from '../../sandbox/runtime/invocation-context';
import { SEED_USERS } from '../../sandbox/seed/jira-seed';
import { createJiraClient, ESCALATION_FIELD_KEYS } from '../../src/adapters/forge/jira';
import { createJiraSpecValidator } from '../support/openapi';
import { counted, jiraAs, startPlatform } from '../support/platform';

/**
 * The Jira adapter's escalation fields on the sandbox, through the real @forge/api: all four fields of several
 * issues in ONE "Update custom fields" request, the holders' names in the issue read the panel already makes,
 * and a site where the two people fields do not exist yet (an install from before them).
 */
const U = SEED_USERS;
const gaoYuan = U.gaoYuan.accountId; // PAY lead: browses PAY and AICS

let p: Platform;
const calls: Array<{ method: string; path: string; body: string; status: number }> = [];
/** Set to answer GET /field as a site would before the app's upgrade created the two people fields. */
let hidePeopleFields = false;

beforeAll(async () => {
  p = await startPlatform();
  const original = p.jira.handle.bind(p.jira);
  p.jira.handle = async (req) => {
    const res = await original(req);
    if (!appRequestStore.getStore()) return res;
    calls.push({ method: req.method, path: req.path, body: req.body ?? '', status: res.status });
    if (!hidePeopleFields || req.path !== '/rest/api/3/field') return res;
    const people = [ESCALATION_FIELD_KEYS.holders, ESCALATION_FIELD_KEYS.raisers];
    const fields = (JSON.parse(res.body) as Array<{ schema?: { custom?: string } }>).filter(
      (f) => !people.some((k) => f.schema?.custom?.endsWith(`/static/${k}`)),
    );
    return { ...res, body: JSON.stringify(fields) };
  };
});
afterAll(() => p?.close());
afterEach(async () => {
  hidePeopleFields = false;
  await p.settle();
});

const fieldIds = async () => {
  const fields = (await jiraAs(p, 'app', 'GET', '/rest/api/3/field')).body as Array<{
    id: string;
    schema?: { custom?: string };
  }>;
  const id = (key: string) => fields.find((f) => f.schema?.custom?.endsWith(`/static/${key}`))!.id;
  return {
    level: id(ESCALATION_FIELD_KEYS.level),
    state: id(ESCALATION_FIELD_KEYS.state),
    holders: id(ESCALATION_FIELD_KEYS.holders),
    raisers: id(ESCALATION_FIELD_KEYS.raisers),
  };
};
const issueId = async (key: string): Promise<string> =>
  (await jiraAs(p, 'app', 'GET', `/rest/api/3/issue/${key}?fields=summary`)).body.id as string;
const fieldsOf = async (key: string): Promise<Record<string, any>> =>
  (await jiraAs(p, 'app', 'GET', `/rest/api/3/issue/${key}?fields=*all`)).body.fields;
const accountIds = (v: unknown): string[] => ((v as Array<{ accountId: string }> | null) ?? []).map((u) => u.accountId);

/** A client as a fresh function instance has it, with its one `/field` lookup already made. */
async function warmClient() {
  const jira = createJiraClient();
  await counted(() => jira.raciFieldIds());
  calls.length = 0;
  return jira;
}

describe('setEscalationFields', () => {
  it('sends level, state, holders and raisers of several issues in ONE request, grouped by field and value, that Jira’s spec accepts', async () => {
    const F = await fieldIds();
    const [a, b, c] = [await issueId('PAY-3'), await issueId('PAY-4'), await issueId('AICS-9')];
    const jira = await warmClient();
    const { record } = await counted(() =>
      jira.setEscalationFields([
        {
          issueIds: [a, b],
          level: 2,
          state: 'open',
          holders: [U.wangLei.accountId, U.liNa.accountId],
          raisers: [U.yangFan.accountId],
        },
        { issueIds: [c], level: 1, state: 'acknowledged', holders: [U.liNa.accountId], raisers: [U.yangFan.accountId] },
      ]),
    );

    expect(record.jiraCalls).toBe(1);
    expect(calls.map((x) => [x.method, x.path, x.status])).toEqual([
      ['POST', '/rest/api/3/app/field/value?generateChangelog=true', 204],
    ]);
    const sent = JSON.parse(calls[0]!.body) as {
      updates: Array<{ customField: string; issueIds: number[]; value: unknown }>;
    };
    const of = (field: string) => sent.updates.filter((u) => u.customField === field).map((u) => [u.issueIds, u.value]);
    expect(of(F.level)).toEqual([
      [[Number(a), Number(b)], 2],
      [[Number(c)], 1],
    ]);
    expect(of(F.state)).toEqual([
      [[Number(a), Number(b)], 'open'],
      [[Number(c)], 'acknowledged'],
    ]);
    expect(of(F.holders)).toEqual([
      [
        [Number(a), Number(b)],
        [{ accountId: U.wangLei.accountId }, { accountId: U.liNa.accountId }],
      ],
      [[Number(c)], [{ accountId: U.liNa.accountId }]],
    ]);
    expect(of(F.raisers)).toEqual([[[Number(a), Number(b), Number(c)], [{ accountId: U.yangFan.accountId }]]]);
    expect(sent.updates).toHaveLength(7);
    const spec = createJiraSpecValidator();
    expect(spec.checkRequest('POST', calls[0]!.path, calls[0]!.body)).toBeNull();
    // The check is live: the single-field PUT's shape (no customField) is not this operation's.
    expect(
      spec.checkRequest('POST', calls[0]!.path, JSON.stringify({ updates: [{ issueIds: [1], value: 1 }] })),
    ).toMatch(/customField/);

    const pay3 = await fieldsOf('PAY-3');
    expect([pay3[F.level], pay3[F.state], accountIds(pay3[F.holders]), accountIds(pay3[F.raisers])]).toEqual([
      2,
      'open',
      [U.wangLei.accountId, U.liNa.accountId],
      [U.yangFan.accountId],
    ]);
    const waiting = await jiraAs(p, U.liNa.accountId, 'POST', '/rest/api/3/search/jql', {
      jql: '"Escalation holders" = currentUser() ORDER BY key',
      fields: ['key'],
    });
    expect((waiting.body.issues as Array<{ key: string }>).map((i) => i.key)).toEqual(['AICS-9', 'PAY-3', 'PAY-4']);
  });

  it('lets a later update for the same issue and field win, clears with [] and null, and asks nothing when there is nothing to write', async () => {
    const F = await fieldIds();
    const a = await issueId('PAY-5');
    const jira = await warmClient();
    await counted(() =>
      jira.setEscalationFields([
        { issueIds: [a], level: 1, holders: [U.liNa.accountId] },
        { issueIds: [a], level: 2, raisers: [U.wangLei.accountId, U.wangLei.accountId] },
      ]),
    );
    expect(calls).toHaveLength(1);
    expect((JSON.parse(calls[0]!.body) as { updates: unknown[] }).updates).toEqual([
      { customField: F.level, issueIds: [Number(a)], value: 2 },
      { customField: F.holders, issueIds: [Number(a)], value: [{ accountId: U.liNa.accountId }] },
      { customField: F.raisers, issueIds: [Number(a)], value: [{ accountId: U.wangLei.accountId }] },
    ]);

    await counted(() => jira.setEscalationFields([{ issueIds: [a], level: null, holders: [] }]));
    const f = await fieldsOf('PAY-5');
    expect([f[F.level], f[F.holders], accountIds(f[F.raisers])]).toEqual([null, null, [U.wangLei.accountId]]);

    calls.length = 0;
    const { record } = await counted(() => jira.setEscalationFields([{ issueIds: [a] }]));
    expect(record.jiraCalls).toBe(0);
  });
});

describe('getIssue and getEscalationFieldValues', () => {
  it('getIssue returns the holders and raisers with their names in people, in the one issue read, RACI people first and each once', async () => {
    const a = await issueId('PAY-6');
    const jira = await warmClient();
    const before = (await counted(() => jira.getIssue('user', 'PAY-6'), gaoYuan)).result;
    const raciPeople = before.people.map((u) => u.accountId);
    expect(raciPeople.length).toBeGreaterThan(0);
    const outsider = [U.kevinXu, U.maChao, U.yangFan, U.liNa].find((u) => !raciPeople.includes(u.accountId))!;
    await counted(() =>
      jira.setEscalationFields([
        { issueIds: [a], holders: [raciPeople[0]!, outsider.accountId], raisers: [outsider.accountId] },
      ]),
    );

    calls.length = 0;
    const { result: issue, record } = await counted(() => jira.getIssue('user', 'PAY-6'), gaoYuan);
    expect(record.jiraCalls).toBe(1);
    expect(calls[0]?.path).toMatch(/^\/rest\/api\/3\/issue\/PAY-6\?/);
    expect(issue.people.map((u) => u.accountId)).toEqual([...raciPeople, outsider.accountId]);
    expect(issue.people.at(-1)).toMatchObject({
      accountId: outsider.accountId,
      displayName: outsider.displayName,
      active: true,
      avatarUrl: expect.any(String),
    });
    expect(issue.raci).toEqual(before.raci);
  });

  it('getEscalationFieldValues reads level and holders, one bulk fetch, leaving out issues Jira does not return', async () => {
    const [a, b] = [await issueId('PAY-7'), await issueId('PAY-8')];
    const jira = await warmClient();
    await counted(() =>
      jira.setEscalationFields([
        { issueIds: [a], level: 3, state: 'breached', holders: [U.maChao.accountId] },
        { issueIds: [b], level: null, holders: [] },
      ]),
    );
    calls.length = 0;
    const { result, record } = await counted(() => jira.getEscalationFieldValues([a, b, '999999']));
    expect(record.jiraCalls).toBe(1);
    expect(result).toEqual(
      new Map([
        [a, { level: 3, holders: [U.maChao.accountId] }],
        [b, { level: null, holders: [] }],
      ]),
    );
  });
});

describe('a site where the people fields do not exist yet', () => {
  it('writes level and state alone, reads no holders, and getIssue lists the RACI people only', async () => {
    const F = await fieldIds();
    const a = await issueId('PAY-9');
    const before = await fieldsOf('PAY-9');
    hidePeopleFields = true;
    const jira = await warmClient();
    await counted(() =>
      jira.setEscalationFields([
        { issueIds: [a], level: 1, state: 'open', holders: [U.liNa.accountId], raisers: [U.wangLei.accountId] },
      ]),
    );
    expect(calls.map((x) => [x.method, x.path, x.status])).toEqual([
      ['POST', '/rest/api/3/app/field/value?generateChangelog=true', 204],
    ]);
    expect(
      (JSON.parse(calls[0]!.body) as { updates: Array<{ customField: string }> }).updates.map((u) => u.customField),
    ).toEqual([F.level, F.state]);
    const after = await fieldsOf('PAY-9');
    expect([after[F.level], after[F.state], after[F.holders], after[F.raisers]]).toEqual([
      1,
      'open',
      before[F.holders],
      before[F.raisers],
    ]);

    expect((await counted(() => jira.getEscalationFieldValues([a]))).result.get(a)).toEqual({ level: 1, holders: [] });
    const issue = (await counted(() => jira.getIssue('user', 'PAY-9'), gaoYuan)).result;
    const raci = [
      ...issue.raci.responsible,
      issue.raci.accountable,
      ...issue.raci.consulted,
      ...issue.raci.informed,
    ].filter((x): x is string => !!x);
    expect(issue.people.map((u) => u.accountId).sort()).toEqual([...new Set(raci)].sort());
  });
});
