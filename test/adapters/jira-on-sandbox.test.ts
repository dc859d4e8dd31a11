import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Platform } from '../../sandbox/platform';
import { SEED_USERS } from '../../sandbox/seed/jira-seed';
import { createJiraClient } from '../../src/adapters/forge/jira';
import { AppError } from '../../src/app/kernel/errors';
import { counted, startPlatform } from '../support/platform';

/** The same not-found meanings against the sandbox's Jira, whose answers follow Atlassian's spec. */
let p: Platform;
beforeAll(async () => {
  p = await startPlatform();
});
afterAll(() => p?.close());

const asUser = <T>(body: () => Promise<T>) => counted(body, SEED_USERS.gaoYuan.accountId).then((r) => r.result);
const rejection = (call: Promise<unknown>) =>
  call.then(
    () => null,
    (e: unknown) => (e instanceof AppError ? { code: e.code, messageId: e.messageId, params: e.params } : e),
  );

describe('the Jira adapter on the sandbox', () => {
  it('a missing issue is named by its key; a missing project by its key', async () => {
    const jira = createJiraClient();
    expect(await asUser(() => rejection(jira.getIssue('user', 'PAY-9999')))).toEqual({
      code: 'NOT_FOUND',
      messageId: 'notFound.issue',
      params: { key: 'PAY-9999' },
    });
    expect(await asUser(() => rejection(jira.getProject('user', 'NOPE')))).toEqual({
      code: 'NOT_FOUND',
      messageId: 'notFound.project',
      params: { key: 'NOPE' },
    });
  });

  it('an issue in a project the actor may not see is not found for them, as Jira answers', async () => {
    const jira = createJiraClient();
    const hidden = await counted(() => rejection(jira.getIssue('user', 'PAY-1')), SEED_USERS.kevinXu.accountId);
    expect(hidden.result).toEqual({ code: 'NOT_FOUND', messageId: 'notFound.issue', params: { key: 'PAY-1' } });
    expect(hidden.record.jiraCalls).toBe(2); // the field lookup, then the issue
  });

  it('a JQL search Jira refuses is a validation error, not a missing project', async () => {
    const jira = createJiraClient();
    const e = await asUser(() => rejection(jira.searchIssues('user', 'project = = PAY', { maxResults: 10 })));
    expect(e).toMatchObject({ code: 'VALIDATION', messageId: 'raci.validation.jiraRefused' });
  });
});
