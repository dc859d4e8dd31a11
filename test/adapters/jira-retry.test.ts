import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createJiraClient } from '../../src/adapters/forge/jira';
import { pauseBefore, RETRY } from '../../src/adapters/forge/jira/http';
import { AppError } from '../../src/app/kernel/errors';
import { installForgeFetchFake } from './forge-fetch-fake';

/**
 * The one retrying path for Jira: 429 always (Jira refused it unprocessed), 5xx only when repeating the request
 * is harmless, Retry-After honoured, and never past the time the invocation has left.
 */
const fake = installForgeFetchFake();
const pauses: number[] = [];
const realSleep = RETRY.sleep;

beforeEach(() => {
  fake.reset();
  pauses.length = 0;
  RETRY.sleep = async (ms) => void pauses.push(ms);
  fake.on('GET', /^\/rest\/api\/3\/field$/, { status: 200, body: [{ id: 'summary' }] });
});
afterEach(() => {
  RETRY.sleep = realSleep;
});

const ISSUE = {
  id: '10001',
  key: 'PAY-1',
  fields: { summary: 'x', project: { id: '1', key: 'PAY' }, status: { name: 'To Do', statusCategory: { key: 'new' } } },
};
const reads = () => fake.sent.filter((r) => r.path.startsWith('/rest/api/3/issue/PAY-1'));

/** Answers `first` for the first `n` requests matching, then `then`. */
function sequence(
  method: string,
  path: RegExp,
  n: number,
  first: Parameters<typeof fake.on>[2],
  then: Parameters<typeof fake.on>[2],
) {
  let seen = 0;
  fake.on(method, path, (req) => {
    const a = seen++ < n ? first : then;
    return typeof a === 'function' ? a(req) : a;
  });
}

describe('Jira answers 429', () => {
  it('waits as long as Retry-After says, then succeeds', async () => {
    sequence(
      'GET',
      /^\/rest\/api\/3\/issue\/PAY-1\?/,
      1,
      { status: 429, headers: { 'Retry-After': '1' } },
      { status: 200, body: ISSUE },
    );
    const issue = await createJiraClient().getIssue('user', 'PAY-1');
    expect(issue.key).toBe('PAY-1');
    expect(reads()).toHaveLength(2);
    expect(pauses).toHaveLength(1);
    expect(pauses[0]).toBeGreaterThanOrEqual(1000);
    expect(pauses[0]).toBeLessThan(1250);
  });

  it('retries even a create: a 429 was refused before anything was done', async () => {
    sequence(
      'POST',
      /^\/rest\/api\/3\/issue$/,
      2,
      { status: 429 },
      { status: 201, body: { id: '10099', key: 'PAY-99' } },
    );
    fake.on('GET', /^\/rest\/api\/3\/issue\/createmeta/, { status: 200, body: {} });
    const made = await createJiraClient()
      .createIssue('user', { projectKey: 'PAY', issueTypeName: 'Task', summary: 's', description: 'd' } as never)
      .catch((e: unknown) => e);
    expect(fake.sent.filter((r) => r.method === 'POST' && r.path === '/rest/api/3/issue')).toHaveLength(3);
    expect(made).toMatchObject({ key: 'PAY-99' });
  });

  it('gives up after the last attempt with RATE_LIMITED', async () => {
    fake.on('GET', /^\/rest\/api\/3\/issue\/PAY-1\?/, { status: 429 });
    const e = await createJiraClient()
      .getIssue('user', 'PAY-1')
      .catch((err: unknown) => err);
    expect(e).toBeInstanceOf(AppError);
    expect((e as AppError).code).toBe('RATE_LIMITED');
    expect(reads()).toHaveLength(RETRY.attempts);
    expect(pauses).toHaveLength(RETRY.attempts - 1);
  });

  it('does not wait past the invocation’s time: with 2 s left, a 5 s Retry-After is answered at once', async () => {
    fake.remaining(2_000);
    fake.on('GET', /^\/rest\/api\/3\/issue\/PAY-1\?/, { status: 429, headers: { 'Retry-After': '5' } });
    const e = await createJiraClient()
      .getIssue('user', 'PAY-1')
      .catch((err: unknown) => err);
    expect((e as AppError).code).toBe('RATE_LIMITED');
    expect(reads()).toHaveLength(1);
    expect(pauses).toEqual([]);
  });
});

describe('Jira answers 5xx', () => {
  it('retries a read (GET, or a POST search) and succeeds', async () => {
    sequence('GET', /^\/rest\/api\/3\/issue\/PAY-1\?/, 2, { status: 503 }, { status: 200, body: ISSUE });
    expect((await createJiraClient().getIssue('user', 'PAY-1')).key).toBe('PAY-1');
    expect(reads()).toHaveLength(3);
    sequence('POST', /^\/rest\/api\/3\/search\/jql$/, 1, { status: 502 }, { status: 200, body: { issues: [] } });
    await createJiraClient().searchIssues('user', 'project = PAY', { maxResults: 10 });
    expect(fake.sent.filter((r) => r.path === '/rest/api/3/search/jql')).toHaveLength(2);
  });

  it('does not repeat a request that may have been carried out: a notification is sent at most once', async () => {
    fake.on('POST', /^\/rest\/api\/3\/issue\/PAY-1\/notify$/, { status: 500 });
    const e = await createJiraClient()
      .notify('app', 'PAY-1', { subject: 's', textBody: 't', htmlBody: 'h', toAccountIds: ['a'] } as never)
      .catch((err: unknown) => err);
    expect(e).toBeInstanceOf(AppError);
    expect(fake.sent.filter((r) => r.path.endsWith('/notify'))).toHaveLength(1);
  });
});

describe('the pause', () => {
  it('reads Retry-After as seconds or as a date, else backs off exponentially with jitter', () => {
    const random = RETRY.random;
    RETRY.random = () => 0;
    try {
      expect(pauseBefore(1, '3')).toBe(3000);
      expect(pauseBefore(1, new Date(Date.UTC(2027, 0, 1, 0, 0, 10)).toUTCString(), Date.UTC(2027, 0, 1))).toBe(10_000);
      expect([1, 2, 3, 4, 5, 6].map((a) => pauseBefore(a, null))).toEqual([250, 500, 1000, 2000, 4000, 5000]);
    } finally {
      RETRY.random = random;
    }
  });
});
