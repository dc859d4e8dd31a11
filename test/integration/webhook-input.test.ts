import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import type { Platform } from '../../sandbox/platform';
import { SANDBOX_WEBHOOK_SECRET } from '../../sandbox/seed/app-seed';
import { sign } from '../../src/app/escalations/raise-escalation-by-request';
import { invoke, startPlatform } from '../support/platform';
import { SEED_USERS } from '../../sandbox/seed/jira-seed';

/** The escalation web trigger refuses a request that would leave nobody to act or to notify. */
let p: Platform;
beforeAll(async () => {
  p = await startPlatform();
});
afterAll(() => p?.close());

async function post(body: string, language = 'en'): Promise<{ status: number; body: string }> {
  const ts = String(Math.floor(p.clock.now() / 1000));
  const nonce = randomBytes(12).toString('hex');
  const out = await p.host.callWebTrigger('escalation-webhook', {
    method: 'POST',
    path: '/x/escalation-webhook',
    headers: {
      'x-collab-timestamp': ts,
      'x-collab-nonce': nonce,
      'x-collab-signature': sign(SANDBOX_WEBHOOK_SECRET, ts, nonce, body),
      'accept-language': language,
    },
    body,
    query: new URLSearchParams(),
  });
  return { status: out.statusCode, body: String(out.body ?? '') };
}

const escalationsOf = async (issueKey: string) => {
  const r = await p.jira.handle({ method: 'GET', path: `/rest/api/3/issue/${issueKey}`, actor: { kind: 'app' } });
  return JSON.stringify(JSON.parse(r.body).fields);
};

describe('escalation web trigger: the department asked', () => {
  it.each([
    ['missing', { issueKey: 'PAY-9', description: '第三方接口不稳定' }],
    ['empty', { issueKey: 'PAY-9', description: '第三方接口不稳定', departmentAsked: '' }],
    ['blank', { issueKey: 'PAY-9', description: '第三方接口不稳定', departmentAsked: '   ' }],
    ['not in the directory', { issueKey: 'PAY-9', description: '第三方接口不稳定', departmentAsked: 'nowhere' }],
  ])('is refused with 400 when %s, and nothing is written', async (_what, body) => {
    const before = await escalationsOf('PAY-9');
    const out = await post(JSON.stringify(body));
    expect(out.status).toBe(400);
    expect(out.body).toContain('departmentAsked');
    expect(await escalationsOf('PAY-9')).toBe(before);
  });

  it('is accepted when it names a department of the directory', async () => {
    expect(
      (await post(JSON.stringify({ issueKey: 'PAY-9', description: '第三方接口不稳定', departmentAsked: 'rnd' })))
        .status,
    ).toBe(201);
  });
});

describe('escalation web trigger: the projects an admin listed', () => {
  const admin = (accountId: string, fn: string, payload: unknown = {}) =>
    invoke(p, { moduleKey: 'collab-admin-page', accountId }, fn, payload);
  const ask = (issueKey: string, language?: string) =>
    post(JSON.stringify({ issueKey, description: '支付接口超时', departmentAsked: 'rnd' }), language);

  it('accepts only issues of listed projects; the list is the Jira admins’ to change, with keys Jira has', async () => {
    const status = await admin(SEED_USERS.linTao.accountId, 'getWebhookSecret');
    expect(status.env).toMatchObject({ ok: true, data: { allowedProjects: ['AICS', 'PAY'] } });

    const saved = await admin(SEED_USERS.linTao.accountId, 'saveWebhookProjects', { projectKeys: ['PAY'] });
    expect(saved.env).toMatchObject({ ok: true, data: { allowedProjects: ['PAY'] } });

    const before = await escalationsOf('AICS-3');
    const refused = await ask('AICS-3');
    expect(refused.status).toBe(401);
    expect(refused.body).toContain('AICS');
    expect(JSON.parse(refused.body).error.field).toBe('issueKey');
    expect(await escalationsOf('AICS-3')).toBe(before);
    expect((await ask('AICS-3', 'zh-CN')).body).toContain('项目 AICS 不接受');
    expect((await ask('PAY-9')).status).toBe(201);

    const typo = await admin(SEED_USERS.linTao.accountId, 'saveWebhookProjects', { projectKeys: ['PAY', 'NOPE'] });
    expect(typo.env).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'projectKeys' } });
    expect(typo.env.ok ? '' : typo.env.error.message).toContain('NOPE');
    const notAdmin = await admin(SEED_USERS.gaoYuan.accountId, 'saveWebhookProjects', { projectKeys: [] });
    expect(notAdmin.env).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });

    await admin(SEED_USERS.linTao.accountId, 'saveWebhookProjects', { projectKeys: [] });
    expect((await ask('PAY-9')).status).toBe(401);
    await admin(SEED_USERS.linTao.accountId, 'saveWebhookProjects', { projectKeys: ['AICS', 'PAY'] });
  });

  it('words a bad field in the caller’s language, not zod’s English', async () => {
    const zh = await post(JSON.stringify({ issueKey: 'PAY-9', description: '', departmentAsked: 'rnd' }), 'zh-CN');
    expect(zh.status).toBe(400);
    expect(JSON.parse(zh.body).error).toMatchObject({ field: 'description' });
    expect(JSON.parse(zh.body).error.message).toMatch(/description/);
    expect(JSON.parse(zh.body).error.message).toMatch(/[\u4e00-\u9fff]/);
    expect(JSON.parse(zh.body).error.message).not.toMatch(/Too small|String must contain/);
  });
});
