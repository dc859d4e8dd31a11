import { beforeAll, describe, expect, it } from 'vitest';

type ContextModule = typeof import('../../static/shared/context');
let toAppContext: ContextModule['toAppContext'];

beforeAll(async () => {
  // @forge/bridge looks for the host's bridge when it is imported.
  (globalThis as { __bridge?: unknown }).__bridge = { callBridge: async () => undefined };
  ({ toAppContext } = await import('../../static/shared/context'));
});

describe('toAppContext', () => {
  it('reads a Chinese issue-panel context', () => {
    expect(
      toAppContext({
        locale: 'zh-CN',
        timezone: 'Asia/Shanghai',
        accountId: 'u1',
        siteUrl: 'https://example.atlassian.net',
        extension: { issue: { key: 'PAY-1' }, project: { key: 'PAY' } },
      }),
    ).toEqual({
      locale: 'zh',
      intlLocale: 'zh-CN',
      timeZone: 'Asia/Shanghai',
      accountId: 'u1',
      siteUrl: 'https://example.atlassian.net',
      issueKey: 'PAY-1',
      projectKey: 'PAY',
    });
  });

  it('keeps the English variant for date order and falls back to English otherwise', () => {
    expect(toAppContext({ locale: 'en_GB' }).intlLocale).toBe('en-GB');
    expect(toAppContext({ locale: 'de-DE' })).toMatchObject({ locale: 'en', intlLocale: 'en-US' });
    expect(toAppContext({ locale: 'zh_TW' })).toMatchObject({ locale: 'zh', intlLocale: 'zh-CN' });
  });

  it('survives a missing or odd context', () => {
    expect(toAppContext(null)).toEqual({
      locale: 'en',
      intlLocale: 'en-US',
      timeZone: 'UTC',
      accountId: null,
      siteUrl: null,
      issueKey: null,
      projectKey: null,
    });
    expect(toAppContext({ timezone: 'Nowhere/Else', extension: { issue: { key: 42 } } })).toMatchObject({
      timeZone: 'UTC',
      issueKey: null,
    });
  });
});
