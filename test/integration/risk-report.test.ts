import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Platform } from '../../sandbox/platform';
import { SEED_USERS } from '../../sandbox/seed/jira-seed';
import { invoke, startPlatform } from '../support/platform';

/** The monthly risk report, decided on the server, equals a recount from every page of the register. */
const PAGE = 'collab-project-page';
let p: Platform;
beforeAll(async () => {
  p = await startPlatform();
});
afterAll(() => p?.close());

const call = async (fn: string, payload: unknown, accountId = SEED_USERS.gaoYuan.accountId) => {
  const { env, record } = await invoke(p, { moduleKey: PAGE, accountId, projectKey: 'PAY' }, fn, payload);
  return { env, record };
};

async function everyRisk() {
  const out: Array<{ id: string; status: string; zone: string; openedMonth: string; closedMonth: string | null }> = [];
  let cursor: string | undefined;
  do {
    const { env } = await call('listRisks', { limit: 100, ...(cursor ? { cursor } : {}) });
    if (!env.ok) throw new Error(env.error.message);
    out.push(...env.data.risks);
    cursor = env.data.next ?? undefined;
  } while (cursor);
  return out;
}

describe('getRiskReport', () => {
  it('defaults to the viewer’s current month, whose open count is the register’s open risks now', async () => {
    const { env } = await call('getRiskReport', {});
    if (!env.ok) throw new Error(env.error.message);
    const all = await everyRisk();
    expect(all.length).toBeGreaterThan(0);
    const open = all.filter((r) => r.status !== 'closed');
    expect(env.data.month).toMatch(/^\d{4}-\d{2}$/);
    expect(env.data.open).toBe(open.length);
    expect(env.data.high).toBe(open.filter((r) => r.zone === 'high').length);
    expect(env.data.opened).toBe(all.filter((r) => r.openedMonth === env.data.month).length);
    expect(env.data.closed).toBe(all.filter((r) => r.closedMonth === env.data.month).length);
  });

  it('counts a past month as it stood at that month’s end, every month the register spans', async () => {
    const all = await everyRisk();
    const months = [...new Set(all.flatMap((r) => [r.openedMonth, ...(r.closedMonth ? [r.closedMonth] : [])]))].sort();
    for (const month of months) {
      const { env } = await call('getRiskReport', { month });
      if (!env.ok) throw new Error(env.error.message);
      const openAtEnd = all.filter((r) => r.openedMonth <= month && (r.closedMonth === null || r.closedMonth > month));
      expect(env.data, month).toMatchObject({
        month,
        open: openAtEnd.length,
        high: openAtEnd.filter((r) => r.zone === 'high').length,
        opened: all.filter((r) => r.openedMonth === month).length,
        closed: all.filter((r) => r.closedMonth === month).length,
      });
      const reported = new Set(env.data.reported.map((r: { id: string }) => r.id));
      for (const r of openAtEnd) expect(reported.has(r.id)).toBe(true);
    }
  });

  it('refuses a month that is not yyyy-mm, naming the field', async () => {
    const { env } = await call('getRiskReport', { month: '2026-13' });
    expect(env).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'month' } });
  });

  it('is not for someone who may not browse the project', async () => {
    const { env } = await call('getRiskReport', {}, SEED_USERS.kevinXu.accountId);
    expect(env.ok).toBe(false);
  });
});
