import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Platform } from '../../sandbox/platform';
import { appRequestStore } from '../../sandbox/runtime/invocation-context';
import { data, escalationHelpers, U } from '../support/escalations';
import { raciHelpers } from '../support/raci';
import { invoke, jiraAs, startPlatform } from '../support/platform';

/**
 * Faults at each step of the escalation flows that have side effects (raise: the issue's fields and the level-1
 * e-mail; the sweep's climb: the fields and the level-2 e-mail), then time moves on: every effect happens
 * exactly once. A step fails with a Jira 429 (Retry-After: 1), a throw (the call never answers), or the
 * invocation dying around its KVS writes: before the effects ran, after they ran, and right after the commit
 * with nothing queued (only the repair job can find those).
 */
let p: Platform;
const { panel, section } = escalationHelpers(() => p);
const raci = raciHelpers(() => p);

type Step = 'notify' | 'fields' | 'claim' | 'removal' | 'orphaned';
type Fault = '429' | 'throw';
/** The one fault armed now: which step, how, for which escalation's issue; spent on first use. */
let armed: { step: Step; fault: Fault; issueKey: string; issueId: string; escId?: string } | null = null;

beforeAll(async () => {
  p = await startPlatform();
  const jira = p.jira.handle.bind(p.jira);
  p.jira.handle = async (req) => {
    const a = armed;
    if (a && appRequestStore.getStore()) {
      const hit =
        (a.step === 'notify' && req.path.endsWith(`/${a.issueKey}/notify`)) ||
        (a.step === 'fields' && req.path.startsWith('/rest/api/3/app/field/value') && req.body?.includes(a.issueId));
      if (hit) {
        armed = null;
        if (a.fault === 'throw') throw new Error('connection reset');
        return { status: 429, headers: { 'retry-after': '1' }, body: '{"errorMessages":["Rate limit exceeded"]}' };
      }
    }
    return jira(req);
  };
  const kvs = p.kvs.handle.bind(p.kvs);
  p.kvs.handle = (path, body) => {
    const a = armed;
    if (a?.escId !== undefined && path === '/api/v1/transaction' && body.includes(a.escId)) {
      const claim = body.includes('"sending"') && !body.includes('"delete"');
      // The removal of delivered rows: deletes (and the e-mail's audit entry), no row written pending or sending.
      const removal =
        !body.includes('"pending"') &&
        !body.includes('"sending"') &&
        !body.includes(':q:') &&
        (body.includes('escalation.notified') || body.includes('"delete"'));
      if ((a.step === 'claim' || a.step === 'orphaned') && claim) {
        armed = null;
        throw new Error('invocation died');
      }
      if (a.step === 'removal' && removal) {
        armed = null;
        throw new Error('invocation died');
      }
    }
    return kvs(path, body);
  };
});
afterAll(() => p?.close());

let n = 0;
function newIssue(): { key: string; id: string } {
  const issue = p.jira.admin.createIssue({
    projectKey: 'PAY',
    issueType: 'Task',
    summary: `outbox fault ${++n}`,
    status: 'To Do',
    dueDate: null,
    appFields: { 'raci-responsible': [U.gaoYuan.accountId], 'raci-accountable': U.gaoYuan.accountId },
  });
  return { key: issue.key, id: String(issue.id) };
}

const noticesOf = (issueKey: string, subject: RegExp) =>
  p.jira
    .listNotifications()
    .filter((x) => x.issueKey === issueKey && subject.test(x.subject ?? ''))
    .map((x) => x.recipientAccountIds);

async function levelField(issueKey: string): Promise<number | null> {
  const fields = (await jiraAs(p, 'app', 'GET', `/rest/api/3/issue/${issueKey}?fields=*all`)).body.fields as Record<
    string,
    unknown
  >;
  const names = (await jiraAs(p, 'app', 'GET', '/rest/api/3/field')).body as Array<{
    id: string;
    schema?: { custom?: string };
  }>;
  const id = names.find((f) => f.schema?.custom?.endsWith('/static/escalation-level'))!.id;
  return (fields[id] as number | null) ?? null;
}

async function raiseOn(issueKey: string) {
  const env = (
    await panel(issueKey, U.gaoYuan.accountId, 'raiseEscalation', {
      description: '接口文档缺失 / API spec missing',
      departmentAsked: 'legal',
    })
  ).env;
  return data(env).escalations[0] as { id: string; level: number; dueAt: string; version: number };
}

/** Lets time pass past every backoff and the repair job's stale-claim limit, delivering what is queued. */
async function timeMovesOn() {
  await p.settle();
  await p.advance(20 * 60_000);
  await p.settle();
}

const STEPS: Array<{ step: Step; fault: Fault }> = [
  { step: 'notify', fault: '429' },
  { step: 'notify', fault: 'throw' },
  { step: 'fields', fault: '429' },
  { step: 'fields', fault: 'throw' },
  { step: 'claim', fault: 'throw' },
  { step: 'removal', fault: 'throw' },
  { step: 'orphaned', fault: 'throw' },
];

/** For 'orphaned' the queue refuses too: the invocation died after its commit and queued nothing. */
async function withQueueDown<T>(on: boolean, body: () => Promise<T>): Promise<T> {
  if (!on) return body();
  const publish = p.host.asyncQueue.publish.bind(p.host.asyncQueue);
  p.host.asyncQueue.publish = () => ({ status: 500, body: '{"message":"down"}' });
  try {
    return await body();
  } finally {
    p.host.asyncQueue.publish = publish;
  }
}

describe('raising an escalation', () => {
  it.each(STEPS)('$fault at $step: one level-1 e-mail and the fields show level 1', async ({ step, fault }) => {
    const issue = newIssue();
    const before = noticesOf(issue.key, /raised|提出|升级/).length;
    // The escalation's id is not known before the raise: the KVS faults take the first outbox write after it
    // (nothing else runs meanwhile; the previous case settled).
    armed = { step, fault, issueKey: issue.key, issueId: issue.id, escId: '' };
    const raised = await withQueueDown(step === 'orphaned', () => raiseOn(issue.key));
    expect(raised.level).toBe(1);
    await timeMovesOn();
    expect(armed, 'the fault was met').toBeNull();
    const sent = noticesOf(issue.key, /.*/);
    expect(sent.length - before).toBe(1);
    expect(await levelField(issue.key)).toBe(1);
  });
});

describe('the sweep climbing an escalation', () => {
  it.each(STEPS)('$fault at $step: one level-2 e-mail and the fields show level 2', async ({ step, fault }) => {
    const issue = newIssue();
    const raised = await raiseOn(issue.key);
    await p.settle();
    const afterRaise = noticesOf(issue.key, /.*/).length;
    expect(afterRaise).toBe(1);
    armed = { step, fault, issueKey: issue.key, issueId: issue.id, escId: raised.id };
    p.clock.moveTo(Date.parse(raised.dueAt) + 1000);
    // A sweep that dies after its commit is what the fault is: its rejection is expected.
    await withQueueDown(step === 'orphaned', () => p.host.runScheduled('deadline-sweep').catch(() => undefined));
    await timeMovesOn();
    expect(armed, 'the fault was met').toBeNull();
    const now = data((await section(issue.key, U.gaoYuan.accountId)).env).escalations.find(
      (e: { id: string }) => e.id === raised.id,
    );
    expect(now.level).toBeGreaterThanOrEqual(2);
    // Exactly one e-mail per level reached; the fields show the level on record.
    expect(noticesOf(issue.key, /.*/).length - afterRaise).toBe(now.level - 1);
    expect(await levelField(issue.key)).toBe(now.level);
  });
});

describe('the Consulted hearing they were added', () => {
  const CONSULTED_STEPS = STEPS.filter((s) => s.step !== 'fields');

  it.each(CONSULTED_STEPS)('$fault at $step, saved in the panel: one e-mail', async ({ step, fault }) => {
    const issue = newIssue();
    const { raci: before } = await raci.panel(issue.key);
    armed = { step, fault, issueKey: issue.key, issueId: issue.id, escId: issue.id };
    const saved = await withQueueDown(step === 'orphaned', () =>
      raci.setRaci(issue.key, U.gaoYuan.accountId, {
        responsible: [U.gaoYuan.accountId],
        accountable: [U.gaoYuan.accountId],
        consulted: [U.yangFan.accountId],
        informed: [],
        departments: { responsible: [], accountable: [], consulted: [], informed: [] },
        expectedVersion: before.version,
      }),
    );
    expect(saved.env.ok).toBe(true);
    await timeMovesOn();
    expect(armed, 'the fault was met').toBeNull();
    const sent = noticesOf(issue.key, /.*/);
    expect(sent).toEqual([[U.yangFan.accountId]]);
  });

  it.each(CONSULTED_STEPS)('$fault at $step, edited in Jira: one e-mail', async ({ step, fault }) => {
    const issue = newIssue();
    const { byName } = await raci.fieldValues(issue.key);
    armed = { step, fault, issueKey: issue.key, issueId: issue.id, escId: issue.id };
    await withQueueDown(step === 'orphaned', async () => {
      const r = await jiraAs(p, U.gaoYuan.accountId, 'PUT', `/rest/api/3/issue/${issue.key}`, {
        fields: { [byName.Consulted!]: [{ accountId: U.heJun.accountId }] },
      });
      expect(r.status).toBe(204);
    });
    await timeMovesOn();
    expect(armed, 'the fault was met').toBeNull();
    expect(noticesOf(issue.key, /.*/)).toEqual([[U.heJun.accountId]]);
  });
});

describe('making an action item a Jira issue', () => {
  const PAGE = 'collab-project-page';
  const call = (fn: string, payload: unknown = {}) =>
    invoke(p, { moduleKey: PAGE, accountId: U.gaoYuan.accountId, projectKey: 'PAY' }, fn, payload);
  async function newAction(title: string): Promise<string> {
    const r = await call('saveAction', {
      retrospectiveId: null,
      title,
      ownerAccountId: U.gaoYuan.accountId,
      dueDate: '2026-04-10',
      status: 'open',
      tags: [],
      expectedVersion: null,
    });
    return data(r.env).id as string;
  }
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

  it.each([
    { where: 'Jira answering 429 to the create', fault: 'create429' },
    { where: 'a throw instead of an answer to the create', fault: 'createThrow' },
    { where: 'the invocation dying after Jira made the issue', fault: 'record' },
  ])('$where, then clicks again as time moves on: one issue, recorded on the item', async ({ fault }) => {
    const title = `action under faults ${fault}`;
    const id = await newAction(title);
    const jira = p.jira.handle;
    const kvs = p.kvs.handle;
    let met = false;
    p.jira.handle = async (req) => {
      if (!met && fault.startsWith('create') && req.method === 'POST' && req.path === '/rest/api/3/issue') {
        met = true;
        if (fault === 'createThrow') throw new Error('connection reset');
        return { status: 429, headers: { 'retry-after': '1' }, body: '{"errorMessages":["Rate limit exceeded"]}' };
      }
      return jira(req);
    };
    p.kvs.handle = (path, body) => {
      if (
        !met &&
        fault === 'record' &&
        path === '/api/v1/transaction' &&
        body.includes(id) &&
        body.includes('"issueKey":"')
      ) {
        met = true;
        throw new Error('invocation died');
      }
      return kvs(path, body);
    };
    let made: string | null = null;
    try {
      // A 429 the Jira client may ride out by itself (it honours Retry-After); the others reach the user.
      const first = await call('createActionIssue', { id });
      if (first.env.ok) made = first.env.data.issueKey as string;
    } finally {
      p.jira.handle = jira;
      p.kvs.handle = kvs;
    }
    expect(met).toBe(true);
    if (fault !== 'create429') expect(made).toBeNull();
    for (let attempt = 0; attempt < 3 && !made; attempt++) {
      const again = await call('createActionIssue', { id });
      if (again.env.ok) made = again.env.data.issueKey as string;
      else {
        expect(again.env.error.code).toBe('CONFLICT');
        await p.advance(3 * 60_000);
      }
    }
    expect(made).toBeTruthy();
    expect(await issuesTitled(title)).toEqual([made]);
  });
});
