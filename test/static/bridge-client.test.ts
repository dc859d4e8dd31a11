import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { ISSUE_PANEL_FUNCTIONS, IssuePanelViewSchema, PROJECT_PAGE_FUNCTIONS, ProjectOverviewSchema } from '@contract';
import { EMPTY_ISSUE_PANEL, EMPTY_PROJECT_OVERVIEW, ISSUE_PANEL, PROJECT_OVERVIEW } from './fixtures';

type Answer = (name: string, payload: unknown) => Promise<unknown>;
let answer: Answer = async () => undefined;
const calls: Array<{ name: string; payload: unknown }> = [];

type ClientModule = typeof import('../../static/shared/bridge-client');
let createClient: ClientModule['createClient'];

beforeAll(async () => {
  // @forge/bridge captures `__bridge.callBridge` when it is imported, so the fake goes in first.
  (globalThis as { __bridge?: unknown }).__bridge = {
    callBridge: (name: string, payload: unknown) => {
      calls.push({ name, payload });
      return answer(name, payload);
    },
  };
  ({ createClient } = await import('../../static/shared/bridge-client'));
});

afterEach(() => {
  calls.length = 0;
  vi.restoreAllMocks();
});

const quiet = () => vi.spyOn(console, 'error').mockImplementation(() => undefined);

describe('fixtures', () => {
  it('match the contract', () => {
    for (const view of [ISSUE_PANEL, EMPTY_ISSUE_PANEL])
      expect(IssuePanelViewSchema.safeParse(view).success).toBe(true);
    for (const view of [PROJECT_OVERVIEW, EMPTY_PROJECT_OVERVIEW])
      expect(ProjectOverviewSchema.safeParse(view).success).toBe(true);
  });
});

describe('createClient().call', () => {
  it('invokes the resolver through the bridge and returns the validated data', async () => {
    answer = async () => ({ ok: true, data: ISSUE_PANEL });
    const result = await createClient(ISSUE_PANEL_FUNCTIONS).call('getIssuePanel', {});
    expect(calls).toEqual([{ name: 'invoke', payload: { functionKey: 'getIssuePanel', payload: {} } }]);
    expect(result).toEqual({ ok: true, data: ISSUE_PANEL });
  });

  it('passes the backend’s translated error through unchanged', async () => {
    const error = { code: 'FORBIDDEN', message: '您没有编辑此工作项的权限。' } as const;
    answer = async () => ({ ok: false, error });
    expect(await createClient(ISSUE_PANEL_FUNCTIONS).call('getIssuePanel', {})).toEqual({ ok: false, error });
  });

  it('keeps the field of a validation error', async () => {
    const error = { code: 'VALIDATION', message: 'Field "x" is invalid: bad', field: 'x' } as const;
    answer = async () => ({ ok: false, error });
    expect(await createClient(ISSUE_PANEL_FUNCTIONS).call('getIssuePanel', {})).toEqual({ ok: false, error });
  });

  it('turns a transport failure into a translated INTERNAL error instead of throwing', async () => {
    const log = quiet();
    answer = async () => {
      throw new Error('socket hang up');
    };
    const result = await createClient(ISSUE_PANEL_FUNCTIONS, { locale: 'zh' }).call('getIssuePanel', {});
    expect(result).toEqual({
      ok: false,
      error: { code: 'INTERNAL', message: '服务出现意外错误，请重试；如仍失败，请联系 Jira 管理员。' },
    });
    expect(log).toHaveBeenCalled();
  });

  it.each([
    ['no envelope', undefined],
    ['a bare value', 'hello'],
    ['data outside the output schema', { ok: true, data: { ...ISSUE_PANEL, asOf: 'yesterday' } }],
    ['an error with an unknown code', { ok: false, error: { code: 'TEAPOT', message: 'short and stout' } }],
  ])('treats %s as INTERNAL, never showing it', async (_label, raw) => {
    quiet();
    answer = async () => raw;
    const result = await createClient(ISSUE_PANEL_FUNCTIONS, { locale: () => 'en' }).call('getIssuePanel', {});
    expect(result).toEqual({
      ok: false,
      error: {
        code: 'INTERNAL',
        message: 'Something went wrong on our side. Try again; if it persists, contact your Jira admin.',
      },
    });
  });

  it('refuses input outside the contract before calling the backend', async () => {
    const client = createClient(ISSUE_PANEL_FUNCTIONS);
    // The type system already forbids this; the check guards untyped callers.
    const result = await client.call('getIssuePanel', { issueKey: 'PAY-1' } as unknown as Record<string, never>);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.code).toBe('VALIDATION');
    expect(calls).toEqual([]);
  });

  it('names the field and says what is wrong in the user’s language, as the backend would, before calling it', async () => {
    const client = createClient(PROJECT_PAGE_FUNCTIONS, { locale: 'zh' });
    const risk = {
      title: 'x',
      probability: 7,
      impact: 3,
      ownerAccountId: 'a',
      status: 'open' as const,
      reviewDate: '2026-11-30',
      expectedVersion: null,
    };
    expect(await client.call('saveRisk', risk)).toEqual({
      ok: false,
      error: { code: 'VALIDATION', field: 'probability', message: '字段“probability”无效：不能大于 5' },
    });
    expect(await client.call('saveRisk', { ...risk, probability: 3, reviewDate: '2026-02-30' })).toMatchObject({
      ok: false,
      error: { field: 'reviewDate', message: '字段“reviewDate”无效：不是有效日期（请使用 yyyy-mm-dd）' },
    });
    expect(calls).toEqual([]);
  });

  it('names the field and says what is wrong in the user’s language, as the backend would', async () => {
    const client = createClient(ISSUE_PANEL_FUNCTIONS, { locale: 'zh' });
    const input = { responsible: [''], accountable: [], consulted: [], informed: [], expectedVersion: 'v1' };
    const result = await client.call('setRaci', input);
    expect(result).toEqual({
      ok: false,
      error: { code: 'VALIDATION', field: 'responsible.0', message: '字段“responsible.0”无效：不能为空' },
    });
    expect(calls).toEqual([]);
  });

  it('answers an unknown function name with INTERNAL', async () => {
    quiet();
    const client = createClient(ISSUE_PANEL_FUNCTIONS);
    const result = await client.call('nope' as 'getIssuePanel', {});
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.code).toBe('INTERNAL');
    expect(calls).toEqual([]);
  });
});
