import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Platform } from '../../sandbox/platform';
import { SEED_USERS } from '../../sandbox/seed/jira-seed';
import { startPlatform } from '../support/platform';

/**
 * Jira Automation's "climb escalation" acts as the rule's actor, and climbs only for someone who holds the
 * escalation's current level or administers its project: a rule is no way round the ladder.
 */
const U = SEED_USERS;
let p: Platform;
beforeAll(async () => {
  p = await startPlatform();
});
afterAll(() => p?.close());

const act = (action: string, inputs: Record<string, unknown>, actor: string) =>
  p.host.runAutomationAction(action, inputs, actor) as Promise<Record<string, unknown>>;
const raise = async (issueKey: string) => {
  const r = await act(
    'raise-escalation',
    { issueKey, description: '联调环境不可用 Integration environment down', departmentAsked: 'rnd' },
    U.gaoYuan.accountId,
  );
  expect(r).toMatchObject({ level: 1 });
  return r.escalationId as string;
};

describe('Automation climbs for holders and project admins only', () => {
  it('refuses 李娜 Li Na, who can browse the work item but holds no level of it, and changes nothing', async () => {
    const id = await raise('PAY-3');
    const refused = await act('climb-escalation', { issueKey: 'PAY-3', note: 'rule' }, U.liNa.accountId);
    expect(refused.errors).toHaveLength(1);
    // Still at level 1: R&D's interface person 周杰, who holds level 1, may climb it.
    expect(await act('climb-escalation', { issueKey: 'PAY-3', note: 'rule' }, U.zhouJie.accountId)).toMatchObject({
      escalationId: id,
      level: 2,
    });
  });

  it('lets the project admin (PAY lead 高原 Gao Yuan) climb', async () => {
    const id = await raise('PAY-4');
    expect(await act('climb-escalation', { issueKey: 'PAY-4', note: 'rule' }, U.gaoYuan.accountId)).toMatchObject({
      escalationId: id,
      level: 2,
    });
  });
});
