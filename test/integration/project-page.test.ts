import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Platform } from '../../sandbox/platform';
import { SEED_USERS } from '../../sandbox/seed/jira-seed';
import { invoke, startPlatform } from '../support/platform';

const PAGE = 'collab-project-page';
const gaoYuan = SEED_USERS.gaoYuan.accountId;

let p: Platform;
beforeAll(async () => {
  p = await startPlatform();
});
afterAll(() => p?.close());

const call = (fn: string, payload: unknown = {}, accountId = gaoYuan, locale = 'en_US') => invoke(p, { moduleKey: PAGE, accountId, projectKey: 'PAY', locale }, fn, payload);

describe('project page on the seed', () => {
  it('shows the seeded charter, risks, retrospectives and action items', async () => {
    const { env } = await call('getProjectOverview');
    if (!env.ok) throw new Error(env.error.message);
    console.log(JSON.stringify(env.data.milestones.map((m: any) => [m.name, m.health, m.reasons, m.issues, m.burnup.length]), null, 0));
    console.log(JSON.stringify(env.data.figures));
    expect(env.data.risks.open).toBe(3);
  });
});
