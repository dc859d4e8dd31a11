import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import type { Platform } from '../../sandbox/platform';
import { SANDBOX_WEBHOOK_SECRET } from '../../sandbox/seed/app-seed';
import { sign } from '../../src/app/escalations/raise-escalation-by-request';
import { startPlatform } from '../support/platform';

/** The escalation web trigger refuses a request that would leave nobody to act or to notify. */
let p: Platform;
beforeAll(async () => {
  p = await startPlatform();
});
afterAll(() => p?.close());

async function post(body: string): Promise<{ status: number; body: string }> {
  const ts = String(Math.floor(p.clock.now() / 1000));
  const nonce = randomBytes(12).toString('hex');
  const out = await p.host.callWebTrigger('escalation-webhook', {
    method: 'POST',
    path: '/x/escalation-webhook',
    headers: {
      'x-collab-timestamp': ts,
      'x-collab-nonce': nonce,
      'x-collab-signature': sign(SANDBOX_WEBHOOK_SECRET, ts, nonce, body),
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
