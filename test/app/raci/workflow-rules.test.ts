import { describe, expect, it } from 'vitest';
import type { Deps, Jira, JiraIssue, JiraNotification, Logger } from '../../../src/app/kernel/ports';
import { memoryStore, type MemoryStore } from '../../support/memory-store';
import { checkRaciComplete, refusalFor, withTransitionChanges } from '../../../src/app/raci/check-raci-complete';
import { issueChanged, NOTIFIED_TTL_SECONDS } from '../../../src/app/triggers/issue-changed';
import { handleRaciCompleteValidator } from '../../../src/entry/workflow';
import { AppError } from '../../../src/app/kernel/errors';
import { formatMessage } from '../../../src/contract';

/** Use cases on in-memory ports: the shared in-memory Store (TTLs on the fake clock) and the Jira calls these use cases make. */
const IDS = {
  responsible: 'customfield_1',
  accountable: 'customfield_2',
  consulted: 'customfield_3',
  informed: 'customfield_4',
};

function issue(raci: Partial<JiraIssue['raci']> = {}): JiraIssue {
  return {
    id: '10007',
    key: 'AICS-7',
    projectId: '10000',
    projectKey: 'AICS',
    summary: 'Train the <model>',
    statusName: 'In Progress',
    statusCategory: 'indeterminate',
    dueDate: null,
    fixVersionIds: [],
    raci: { responsible: [], accountable: null, consulted: [], informed: [], ...raci },
    people: [],
  };
}

interface FakeJira {
  calls: string[];
  sent: Array<{ issue: string; n: JiraNotification }>;
  issue: JiraIssue;
  locales: Record<string, string | null>;
  failNotify: number;
  failLocale?: boolean;
  failIssue?: AppError;
}

function deps(
  over: Partial<FakeJira> = {},
): Deps & { fake: FakeJira; warnings: string[]; clock: { now(): number; t: number } } {
  const fake: FakeJira = { calls: [], sent: [], issue: issue(), locales: {}, failNotify: 0, ...over };
  const jira = {
    getIssue: async (as: string, key: string) => {
      fake.calls.push(`getIssue ${as} ${key}`);
      if (fake.failIssue) throw fake.failIssue;
      return fake.issue;
    },
    raciFieldIds: async () => {
      fake.calls.push('raciFieldIds');
      return IDS;
    },
    getUserLocale: async (as: string, accountId: string) => {
      fake.calls.push(`getUserLocale ${as} ${accountId}`);
      if (fake.failLocale) throw new AppError('RATE_LIMITED', 'rateLimited.jira');
      return fake.locales[accountId] ?? null;
    },
    notify: async (as: string, key: string, n: JiraNotification) => {
      fake.calls.push(`notify ${as} ${key}`);
      if (fake.failNotify > 0) {
        fake.failNotify -= 1;
        throw new AppError('UPSTREAM', 'upstream.jira', { status: 503 });
      }
      fake.sent.push({ issue: key, n });
    },
  } as unknown as Jira;
  const clock = {
    t: 1_750_000_000_000,
    now() {
      return this.t;
    },
  };
  const warnings: string[] = [];
  const log: Logger = {
    info: () => undefined,
    warn: (m) => void warnings.push(m),
    error: (m) => void warnings.push(m),
  };
  return { store: memoryStore(() => clock.now()), jira, clock, log, fake, warnings };
}

describe('checkRaciComplete (the "RACI complete" validator)', () => {
  it('passes a complete issue with one Jira read and no language lookup', async () => {
    const d = deps({ issue: issue({ accountable: 'a', responsible: ['r'] }) });
    expect(await checkRaciComplete(d, { issueKey: 'AICS-7', actorAccountId: 'u', modifiedFields: {} })).toEqual({
      result: true,
    });
    expect(d.fake.calls).toEqual(['getIssue app AICS-7']);
  });

  it('refuses in the acting person’s Jira language, naming what is missing', async () => {
    const d = deps({
      issue: issue({ responsible: ['r'] }),
      locales: { zhUser: 'zh_CN', enUser: 'en_US', deUser: 'de_DE' },
    });
    const check = (actor: string) =>
      checkRaciComplete(d, { issueKey: 'AICS-7', actorAccountId: actor, modifiedFields: {} });
    expect(await check('zhUser')).toEqual({
      result: false,
      errorMessage: formatMessage('workflow.raci.noAccountable', 'zh'),
    });
    expect(await check('enUser')).toEqual({
      result: false,
      errorMessage: formatMessage('workflow.raci.noAccountable', 'en'),
    });
    expect(await check('deUser')).toEqual({
      result: false,
      errorMessage: formatMessage('workflow.raci.noAccountable', 'en'),
    });
    expect(d.fake.calls.filter((c) => c.startsWith('getUserLocale'))).toEqual([
      'getUserLocale app zhUser',
      'getUserLocale app enUser',
      'getUserLocale app deUser',
    ]);
  });

  it('says it in both languages when the language is unknown: hidden, lookup failed, or no acting user', async () => {
    const both = `${formatMessage('workflow.raci.noAccountableNoResponsible', 'en')} / ${formatMessage('workflow.raci.noAccountableNoResponsible', 'zh')}`;
    expect(
      await checkRaciComplete(deps(), { issueKey: 'AICS-7', actorAccountId: 'hidden', modifiedFields: {} }),
    ).toEqual({ result: false, errorMessage: both });
    const failing = deps({ failLocale: true });
    expect(await checkRaciComplete(failing, { issueKey: 'AICS-7', actorAccountId: 'u', modifiedFields: {} })).toEqual({
      result: false,
      errorMessage: both,
    });
    expect(failing.warnings).toHaveLength(1);
    const anonymous = deps();
    expect(
      await checkRaciComplete(anonymous, { issueKey: 'AICS-7', actorAccountId: null, modifiedFields: {} }),
    ).toEqual({ result: false, errorMessage: both });
    expect(anonymous.fake.calls).toEqual(['getIssue app AICS-7']);
  });

  it('judges the RACI as the transition leaves it: values set on it win, emptied ones count as empty', async () => {
    const stored = issue({ accountable: 'a', responsible: ['r'] }).raci;
    expect(withTransitionChanges(stored, { [IDS.accountable]: null }, IDS)).toMatchObject({
      accountable: null,
      responsible: ['r'],
    });
    expect(
      withTransitionChanges(stored, { [IDS.responsible]: null, [IDS.accountable]: { accountId: 'b' } }, IDS),
    ).toMatchObject({ accountable: 'b', responsible: [] });
    expect(
      withTransitionChanges(stored, { [IDS.responsible]: [{ accountId: 'x' }, { accountId: 'y' }], labels: null }, IDS),
    ).toMatchObject({ accountable: 'a', responsible: ['x', 'y'] });
    const d = deps({ issue: issue({ responsible: ['r'] }) });
    expect(
      await checkRaciComplete(d, {
        issueKey: 'AICS-7',
        actorAccountId: null,
        modifiedFields: { [IDS.accountable]: { accountId: 'a' } },
      }),
    ).toEqual({ result: true });
    expect(d.fake.calls).toEqual(['getIssue app AICS-7', 'raciFieldIds']);
  });

  it('has a message for every incompleteness', () => {
    expect(refusalFor(['NO_RESPONSIBLE', 'NO_ACCOUNTABLE'])).toBe('workflow.raci.noAccountableNoResponsible');
    expect(() => refusalFor([])).toThrow();
  });
});

describe('the validator’s glue', () => {
  const unavailable = `${formatMessage('workflow.raci.unavailable', 'en')} / ${formatMessage('workflow.raci.unavailable', 'zh')}`;

  it('takes the acting person from the Forge context, never from the payload', async () => {
    const d = deps({ issue: issue({ responsible: ['r'] }), locales: { fromContext: 'zh_CN', fromPayload: 'en_US' } });
    const verdict = await handleRaciCompleteValidator(
      d,
      { issue: { key: 'AICS-7' }, accountId: 'fromPayload', transition: { from: { id: '3' }, to: { id: '10001' } } },
      { principal: { accountId: 'fromContext' }, installContext: 'ari:cloud:jira::site/x' },
    );
    expect(verdict).toEqual({ result: false, errorMessage: formatMessage('workflow.raci.noAccountable', 'zh') });
  });

  it('fails closed, saying to try again, on a payload it does not understand or when Jira fails', async () => {
    const d = deps({ issue: issue({ accountable: 'a', responsible: ['r'] }) });
    expect(await handleRaciCompleteValidator(d, { transition: {} }, {})).toEqual({
      result: false,
      errorMessage: unavailable,
    });
    expect(d.fake.calls).toEqual([]);
    const down = deps({ failIssue: new AppError('RATE_LIMITED', 'rateLimited.jira') });
    expect(await handleRaciCompleteValidator(down, { issue: { key: 'AICS-7' } }, undefined)).toEqual({
      result: false,
      errorMessage: unavailable,
    });
  });
});

describe('issueChanged: notifications with a once-only claim', () => {
  const statusChange = {
    id: '500',
    items: [
      { field: 'status', fieldId: 'status', from: '10000', fromString: 'To Do', to: '3', toString: 'In Progress' },
    ],
  };

  it('reads the issue once for rollup and notification, claims the change for a week, and sends one bilingual email', async () => {
    const d = deps({ issue: issue({ informed: ['i1', 'i2'] }) });
    expect(await issueChanged(d, { issueId: '10007', changelog: statusChange, actorId: 'actor' })).toEqual({
      notified: 1,
    });
    expect(d.fake.calls).toEqual(['raciFieldIds', 'getIssue app 10007', 'notify app AICS-7']);
    expect(d.fake.sent[0]!.n).toEqual({
      subject: '[AICS-7] Status changed to In Progress / [AICS-7] 状态已变更为 In Progress',
      textBody: `${formatMessage('notify.status.body', 'en', { key: 'AICS-7', summary: 'Train the <model>', from: 'To Do', to: 'In Progress' })}\n\n${formatMessage('notify.status.body', 'zh', { key: 'AICS-7', summary: 'Train the <model>', from: 'To Do', to: 'In Progress' })}`,
      htmlBody: expect.stringContaining('Train the &lt;model&gt;'),
      toAccountIds: ['i1', 'i2'],
    });
    expect(d.fake.sent[0]!.n.htmlBody).not.toContain('<model>');
    const store = d.store as MemoryStore;
    expect([...store.expiries.values()]).toEqual([d.clock.now() + NOTIFIED_TTL_SECONDS * 1000]);
    // The same change again sends nothing; a later change does.
    expect(await issueChanged(d, { issueId: '10007', changelog: statusChange, actorId: 'actor' })).toEqual({
      notified: 0,
    });
    expect(
      await issueChanged(d, { issueId: '10007', changelog: { ...statusChange, id: '501' }, actorId: 'actor' }),
    ).toEqual({ notified: 1 });
  });

  it('gives the claim back when Jira fails, so the retried event sends it', async () => {
    const d = deps({ issue: issue({ informed: ['i1'] }), failNotify: 1 });
    await expect(issueChanged(d, { issueId: '10007', changelog: statusChange, actorId: null })).rejects.toThrow(
      AppError,
    );
    expect(d.fake.sent).toHaveLength(0);
    expect(await issueChanged(d, { issueId: '10007', changelog: statusChange, actorId: null })).toEqual({
      notified: 1,
    });
    expect(d.fake.sent).toHaveLength(1);
  });

  it('costs nothing extra for events that concern nobody', async () => {
    const d = deps({ issue: issue({ informed: ['i1'] }) });
    await issueChanged(d, { issueId: '10007', changelog: null, actorId: null });
    expect(d.fake.calls).toEqual(['getIssue app 10007']);
    const summary = {
      id: '9',
      items: [{ field: 'summary', fieldId: 'summary', from: null, fromString: 'a', to: null, toString: 'b' }],
    };
    await issueChanged(d, { issueId: '10007', changelog: summary, actorId: null });
    expect(d.fake.calls).toEqual(['getIssue app 10007', 'raciFieldIds', 'getIssue app 10007']);
    expect(d.fake.sent).toEqual([]);
  });

  it('notifies nobody about an issue that is gone', async () => {
    const d = deps({ failIssue: new AppError('NOT_FOUND', 'notFound.issue', { key: '10007' }) });
    expect(await issueChanged(d, { issueId: '10007', changelog: statusChange, actorId: null })).toEqual({
      notified: 0,
    });
    expect(d.fake.calls.filter((c) => c.startsWith('notify'))).toEqual([]);
  });
});
