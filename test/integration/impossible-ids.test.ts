import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Platform } from '../../sandbox/platform';
import { SEED_USERS } from '../../sandbox/seed/jira-seed';
import { invoke, startPlatform } from '../support/platform';

/**
 * Ids that no record can have (characters a Forge storage key cannot hold) are simply not found: the user
 * gets NOT_FOUND, never an internal error, and nothing is written.
 */
const PANEL = 'collab-issue-panel';
const U = SEED_USERS;
const IMPOSSIBLE = ['dep<1>', 'a"b', 'wow!', 'has space\u0000', '\u202Eevil', 'x\u0000y', 'é-accent', '中文'];

let p: Platform;
beforeAll(async () => {
  p = await startPlatform();
});
afterAll(() => p?.close());

const panel = (fn: string, payload: unknown) =>
  invoke(p, { moduleKey: PANEL, accountId: U.gaoYuan.accountId, issueKey: 'PAY-12' }, fn, payload);

describe('ids that cannot exist', () => {
  it.each(IMPOSSIBLE)('%j is NOT_FOUND for dependency and escalation actions', async (id) => {
    const calls = [
      await panel('actOnDependency', { dependencyId: id, action: 'acknowledge', version: 1 }),
      await panel('actOnEscalation', { id, action: 'acknowledge', version: 1 }),
      await panel('getEscalationTimeline', { id }),
    ];
    for (const { env, record } of calls) {
      expect(env.ok ? 'ok' : env.error.code, record.functionKey).toBe('NOT_FOUND');
    }
  });
});
