import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createJiraClient, ESCALATION_FIELD_KEYS, RACI_FIELD_KEYS } from '../../src/adapters/forge/jira';
import { RETRY } from '../../src/adapters/forge/jira/http';
import { AppError } from '../../src/app/kernel/errors';
import { formatMessage } from '../../src/contract';
import { installForgeFetchFake } from './forge-fetch-fake';

/**
 * The Jira adapter through the real `@forge/api` against a scripted proxy: what each call's 404 means (the
 * issue by key, the user by account id, the project by key; nothing for a search), and how 401/403, 429 and
 * other failures become the app's error codes.
 */
const fake = installForgeFetchFake();

const FIELD_LIST = [
  ...Object.entries(RACI_FIELD_KEYS).map(([, key], i) => ({
    id: `customfield_1${i}`,
    schema: { custom: `ari:cloud:ecosystem::extension/app/env/static/${key}` },
  })),
  ...Object.entries(ESCALATION_FIELD_KEYS).map(([, key], i) => ({
    id: `customfield_2${i}`,
    schema: { custom: `ari:cloud:ecosystem::extension/app/env/static/${key}` },
  })),
  { id: 'summary' },
];

// One answer, one mapping: retries of 429 and 5xx have their own suite (jira-retry.test.ts).
const attempts = RETRY.attempts;
afterEach(() => {
  RETRY.attempts = attempts;
});

beforeEach(() => {
  RETRY.attempts = 1;
  fake.reset();
  fake.on('GET', /^\/rest\/api\/3\/field$/, { status: 200, body: FIELD_LIST });
});

/** The AppError a call rejects with, as code, message id and params (anything else fails the test). */
async function failure(call: Promise<unknown>): Promise<Pick<AppError, 'code' | 'messageId' | 'params'>> {
  const e = await call.then(
    () => new Error('expected the call to fail'),
    (err: unknown) => err,
  );
  if (!(e instanceof AppError)) throw e;
  return { code: e.code, messageId: e.messageId, params: e.params };
}

describe('each call says what its 404 means', () => {
  it('an issue read names the issue asked for', async () => {
    fake.on('GET', /^\/rest\/api\/3\/issue\/PAY-404\?/, {
      status: 404,
      body: { errorMessages: ['Issue does not exist'] },
    });
    const e = await failure(createJiraClient().getIssue('user', 'PAY-404'));
    expect(e).toEqual({ code: 'NOT_FOUND', messageId: 'notFound.issue', params: { key: 'PAY-404' } });
    expect(formatMessage(e.messageId, 'en', e.params)).toBe(
      'Issue PAY-404 does not exist or you do not have permission to see it.',
    );
  });

  it('a user read names the account ids, not an issue with an empty key', async () => {
    fake.on('GET', /^\/rest\/api\/3\/user\/bulk\?/, { status: 404 });
    const e = await failure(createJiraClient().getUsers('user', ['acc-1', 'acc-2', 'acc-1']));
    expect(e).toEqual({ code: 'NOT_FOUND', messageId: 'notFound.user', params: { accountId: 'acc-1, acc-2' } });
    expect(formatMessage(e.messageId, 'zh', e.params)).toContain('acc-1, acc-2');
  });

  it('a failed search is Jira failing, not a missing project keyed by the JQL', async () => {
    fake.on('POST', /^\/rest\/api\/3\/search\/jql$/, { status: 404 });
    const e = await failure(createJiraClient().searchIssues('user', 'project = PAY ORDER BY key', { maxResults: 50 }));
    expect(e).toEqual({ code: 'UPSTREAM', messageId: 'upstream.jira', params: { status: 404 } });
  });

  it('a search Jira refuses (400) is a validation error in Jira’s own words', async () => {
    fake.on('POST', /^\/rest\/api\/3\/search\/jql$/, {
      status: 400,
      body: { errorMessages: ["The value 'NOPE' does not exist for the field 'project'."], errors: {} },
    });
    const e = await failure(createJiraClient().searchIssues('user', 'project = NOPE', { maxResults: 50 }));
    expect(e).toEqual({
      code: 'VALIDATION',
      messageId: 'raci.validation.jiraRefused',
      params: { detail: "The value 'NOPE' does not exist for the field 'project'." },
    });
  });

  it('project reads name the project, and a refusal is about seeing the project', async () => {
    fake.on('GET', /^\/rest\/api\/3\/project\/NOPE(\/|$)/, { status: 404 });
    fake.on('GET', /^\/rest\/api\/3\/project\/SECRET(\/|$)/, { status: 403 });
    const jira = createJiraClient();
    for (const call of [
      jira.getProject('user', 'NOPE'),
      jira.getVersions('user', 'NOPE'),
      jira.getProjectStatuses('user', 'NOPE'),
    ]) {
      expect(await failure(call)).toEqual({
        code: 'NOT_FOUND',
        messageId: 'notFound.project',
        params: { key: 'NOPE' },
      });
    }
    expect(await failure(jira.getProject('user', 'SECRET'))).toEqual({
      code: 'FORBIDDEN',
      messageId: 'forbidden.browse',
      params: { what: 'project' },
    });
  });

  it('creating an issue names the project; notifying and mirroring name the issue', async () => {
    fake.on('POST', /^\/rest\/api\/3\/issue$/, { status: 404 });
    fake.on('POST', /^\/rest\/api\/3\/issue\/PAY-9\/notify$/, { status: 404 });
    fake.on('PUT', /^\/rest\/api\/3\/issue\/PAY-9\/properties\//, { status: 404 });
    const jira = createJiraClient();
    const draft = {
      projectKey: 'GONE',
      issueTypeName: 'Task',
      summary: 's',
      description: 'd',
      dueDate: null,
      assigneeAccountId: null,
    };
    expect(await failure(jira.createIssue('user', draft))).toEqual({
      code: 'NOT_FOUND',
      messageId: 'notFound.project',
      params: { key: 'GONE' },
    });
    expect(
      await failure(jira.notify('app', 'PAY-9', { subject: 's', textBody: 't', htmlBody: 'h', toAccountIds: ['a'] })),
    ).toEqual({ code: 'NOT_FOUND', messageId: 'notFound.issue', params: { key: 'PAY-9' } });
    expect(await failure(jira.mirrorAccountable('user', 'PAY-9', null))).toEqual({
      code: 'NOT_FOUND',
      messageId: 'notFound.issue',
      params: { key: 'PAY-9' },
    });
  });

  it('where 404 is an answer, it is returned, not thrown', async () => {
    fake.on('GET', /^\/rest\/api\/3\/issueLink\/77$/, { status: 404 });
    fake.on('DELETE', /^\/rest\/api\/3\/issueLink\/77$/, { status: 404 });
    fake.on('GET', /^\/rest\/api\/3\/group\/member\?/, { status: 404 });
    fake.on('GET', /^\/rest\/api\/3\/user\?/, { status: 404 });
    fake.on('GET', /^\/rest\/api\/3\/mypermissions\?/, { status: 404 });
    const jira = createJiraClient();
    expect(await jira.getIssueLink('user', '77')).toBeNull();
    await expect(jira.deleteIssueLink('user', '77')).resolves.toBeUndefined();
    expect(await jira.getGroupMembers('app', 'no-such-group')).toBeNull();
    expect(await jira.getUserLocale('app', 'acc-gone')).toBeNull();
    expect(await jira.hasPermissions('user', { projectKey: 'NOPE' }, ['BROWSE_PROJECTS', 'EDIT_ISSUES'])).toEqual({
      BROWSE_PROJECTS: false,
      EDIT_ISSUES: false,
    });
  });

  it('a listing that names nothing treats 404 as Jira failing', async () => {
    fake.on('GET', /^\/rest\/api\/3\/issueLinkType$/, { status: 404 });
    fake.on('GET', /^\/rest\/api\/3\/user\/search\?/, { status: 404 });
    const jira = createJiraClient();
    expect(await failure(jira.getIssueLinkTypes('user'))).toEqual({
      code: 'UPSTREAM',
      messageId: 'upstream.jira',
      params: { status: 404 },
    });
    expect(await failure(jira.searchUsers('user', 'wang', 10))).toEqual({
      code: 'UPSTREAM',
      messageId: 'upstream.jira',
      params: { status: 404 },
    });
  });

  it('an app field that is gone is NOT_CONFIGURED, and the field ids are looked up afresh next time', async () => {
    fake.on('POST', /^\/rest\/api\/3\/app\/field\/value\?/, { status: 404 });
    const jira = createJiraClient();
    expect(await failure(jira.setEscalationFields([{ issueIds: ['10001'], level: 2 }]))).toEqual({
      code: 'NOT_CONFIGURED',
      messageId: 'notConfigured.escalationField',
      params: {},
    });
    fake.on('POST', /^\/rest\/api\/3\/app\/field\/value\?/, { status: 204 });
    await jira.setEscalationFields([{ issueIds: ['10001'], level: 2 }]);
    expect(fake.sent.filter((r) => r.path === '/rest/api/3/field')).toHaveLength(2);
    expect(fake.sent.at(-1)).toMatchObject({
      provider: 'app',
      body: { updates: [{ customField: 'customfield_20', issueIds: [10001], value: 2 }] },
    });
  });
});

describe('the other failures map to the app’s codes', () => {
  it('401 and 403 are not being allowed to see the issue; 429 is Jira busy; any other status is Jira failing', async () => {
    const jira = createJiraClient();
    for (const [status, expected] of [
      [401, { code: 'FORBIDDEN', messageId: 'forbidden.browse', params: { what: 'issue' } }],
      [403, { code: 'FORBIDDEN', messageId: 'forbidden.browse', params: { what: 'issue' } }],
      [429, { code: 'RATE_LIMITED', messageId: 'rateLimited.jira', params: {} }],
      [500, { code: 'UPSTREAM', messageId: 'upstream.jira', params: { status: 500 } }],
      [503, { code: 'UPSTREAM', messageId: 'upstream.jira', params: { status: 503 } }],
    ] as const) {
      fake.on('GET', /^\/rest\/api\/3\/issue\/PAY-1\?/, { status });
      expect(await failure(jira.getIssue('user', 'PAY-1'))).toEqual(expected);
    }
  });

  it('an edit Jira refuses is FORBIDDEN edit, and a bad value is VALIDATION with Jira’s words', async () => {
    const jira = createJiraClient();
    const raci = { responsible: ['a'], accountable: 'b', consulted: [], informed: [] };
    const departments = { responsible: [], accountable: [], consulted: [], informed: [] };
    fake.on('PUT', /^\/rest\/api\/3\/issue\/PAY-1\?notifyUsers=false$/, { status: 403 });
    expect(await failure(jira.setRaci('user', 'PAY-1', raci, departments))).toEqual({
      code: 'FORBIDDEN',
      messageId: 'forbidden.edit',
      params: {},
    });
    fake.on('PUT', /^\/rest\/api\/3\/issue\/PAY-1\?notifyUsers=false$/, {
      status: 400,
      body: { errorMessages: [], errors: { customfield_10: 'User b cannot be assigned.' } },
    });
    expect(await failure(jira.setRaci('user', 'PAY-1', raci, departments))).toEqual({
      code: 'VALIDATION',
      messageId: 'raci.validation.jiraRefused',
      params: { detail: 'User b cannot be assigned.' },
    });
    fake.on('PUT', /^\/rest\/api\/3\/issue\/PAY-1\?notifyUsers=false$/, { status: 404 });
    expect(await failure(jira.setRaci('user', 'PAY-1', raci, departments))).toEqual({
      code: 'NOT_FOUND',
      messageId: 'notFound.issue',
      params: { key: 'PAY-1' },
    });
  });

  it('a link Jira refuses says so: no permission to link, or the link itself refused', async () => {
    const jira = createJiraClient();
    fake.on('POST', /^\/rest\/api\/3\/issueLink$/, { status: 403 });
    expect(await failure(jira.createIssueLink('user', 'Blocks', '10001', '10002'))).toEqual({
      code: 'FORBIDDEN',
      messageId: 'dependency.noLinkPermission',
      params: {},
    });
    fake.on('POST', /^\/rest\/api\/3\/issueLink$/, {
      status: 400,
      body: { errorMessages: ['No issue link type with name Nope found.'] },
    });
    expect(await failure(jira.createIssueLink('user', 'Nope', '10001', '10002'))).toMatchObject({
      code: 'VALIDATION',
      messageId: 'dependency.linkFailed',
      params: { from: '10001', to: '10002' },
    });
  });

  it('a failed field lookup is not kept: the next call asks again', async () => {
    fake.on('GET', /^\/rest\/api\/3\/field$/, { status: 500 });
    const jira = createJiraClient();
    expect(await failure(jira.raciFieldIds())).toEqual({
      code: 'UPSTREAM',
      messageId: 'upstream.jira',
      params: { status: 500 },
    });
    fake.on('GET', /^\/rest\/api\/3\/field$/, { status: 200, body: FIELD_LIST });
    expect(await jira.raciFieldIds()).toEqual({
      responsible: 'customfield_10',
      accountable: 'customfield_11',
      consulted: 'customfield_12',
      informed: 'customfield_13',
    });
    await jira.raciFieldIds();
    expect(fake.sent.filter((r) => r.path === '/rest/api/3/field')).toHaveLength(2);
  });

  it('an answer of the wrong shape is a bug (a plain Error, so the boundary logs it and shows the generic message)', async () => {
    fake.on('GET', /^\/rest\/api\/3\/project\/PAY$/, { status: 200, body: { id: 10000 } });
    const e = await createJiraClient()
      .getProject('user', 'PAY')
      .catch((err: unknown) => err);
    expect(e).toBeInstanceOf(Error);
    expect(e).not.toBeInstanceOf(AppError);
    expect(String(e)).toContain('Unexpected Jira response for project');
  });
});

describe('who asks', () => {
  it('user calls go as the user, the app’s own fields as the app', async () => {
    fake.on('GET', /^\/rest\/api\/3\/issue\/PAY-1\?/, {
      status: 200,
      body: {
        id: '10001',
        key: 'PAY-1',
        fields: {
          summary: 'S',
          status: { name: 'To Do', statusCategory: { key: 'new' } },
          project: { id: '1', key: 'PAY' },
          customfield_11: { accountId: 'acc-b', displayName: 'B' },
        },
      },
    });
    const issue = await createJiraClient().getIssue('user', 'PAY-1');
    expect(issue).toMatchObject({
      key: 'PAY-1',
      statusCategory: 'new',
      raci: { accountable: 'acc-b', responsible: [] },
      people: [{ accountId: 'acc-b', displayName: 'B', active: true }],
    });
    expect(fake.sent.map((r) => [r.provider, r.method, r.path.split('?')[0]])).toEqual([
      ['app', 'GET', '/rest/api/3/field'],
      ['user', 'GET', '/rest/api/3/issue/PAY-1'],
    ]);
  });
});
