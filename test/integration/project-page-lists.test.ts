import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Platform } from '../../sandbox/platform';
import { SEED_USERS } from '../../sandbox/seed/jira-seed';
import { invoke, startPlatform } from '../support/platform';

/**
 * The project page's long lists (risk register, action items) past one KVS query page (100): through the real
 * resolvers, SDKs and sandbox, every record comes back exactly once, worst or most urgent first, a page at a
 * time at a cost that does not grow with the list.
 */
const PAGE = 'collab-project-page';
const lead = SEED_USERS.gaoYuan.accountId;
const people = SEED_USERS.map((u) => u.accountId);
const MORE = 130;

let p: Platform;
const day = (offset: number) => new Date(p.clock.now() + offset * 86_400_000).toISOString().slice(0, 10);

async function call(fn: string, payload: unknown = {}) {
  return invoke(p, { moduleKey: PAGE, accountId: lead, projectKey: 'PAY' }, fn, payload);
}
async function data(fn: string, payload: unknown = {}) {
  const { env } = await call(fn, payload);
  if (!env.ok) throw new Error(`${fn}: ${env.error.code} ${env.error.message}`);
  return env.data;
}

/** Every page of a list from its first, with what each page cost. */
async function walk(fn: 'listRisks' | 'listActions', limit: number, first?: { items: any[]; next: string | null }) {
  const pages: Array<{ ids: string[]; kvsOps: number; jiraCalls: number }> = [];
  const items: any[] = first ? [...first.items] : [];
  let cursor: string | null | undefined = first ? first.next : undefined;
  while (cursor !== null) {
    const { env, record } = await call(fn, { limit, ...(cursor ? { cursor } : {}) });
    if (!env.ok) throw new Error(env.error.message);
    const rows = fn === 'listRisks' ? env.data.risks : env.data.actions;
    pages.push({ ids: rows.map((r: any) => r.id), kvsOps: record.kvsOps, jiraCalls: record.jiraCalls });
    items.push(...rows);
    cursor = env.data.next;
  }
  return { items, pages };
}

const riskOrder = (a: any, b: any) =>
  Number(a.status === 'closed') - Number(b.status === 'closed') || b.score - a.score;
const actionOrder = (a: any, b: any) =>
  Number(a.status === 'done') - Number(b.status === 'done') || a.dueDate.localeCompare(b.dueDate);

beforeAll(async () => {
  p = await startPlatform();
  for (let i = 0; i < MORE; i++) {
    await data('saveRisk', {
      title: `Risk ${i}`,
      probability: (i % 5) + 1,
      impact: ((i * 3) % 5) + 1,
      ownerAccountId: people[i % people.length],
      status: i % 4 === 0 ? 'closed' : i % 4 === 1 ? 'mitigating' : 'open',
      reviewDate: day(i % 20),
      expectedVersion: null,
    });
    await data('saveAction', {
      retrospectiveId: null,
      title: `Action ${i}`,
      ownerAccountId: people[i % people.length],
      dueDate: day((i % 40) - 20),
      status: i % 3 === 0 ? 'done' : 'open',
      tags: [],
      expectedVersion: null,
    });
  }
}, 60_000);
afterAll(() => p?.close());

describe('risk register past 100 risks', () => {
  it('pages 20 at a time, worst first, every risk exactly once, one KVS query and at most 3 Jira calls a page', async () => {
    const summary = (await data('getProjectOverview')).risks;
    const total = summary.open + summary.closed;
    expect(total).toBe(4 + MORE); // the seed's 4 and ours
    const { items, pages } = await walk('listRisks', 20);
    expect(pages).toHaveLength(Math.ceil(total / 20));
    expect(pages.map((pg) => pg.ids.length)).toEqual([...Array(6).fill(20), total - 120]);
    expect(new Set(items.map((r) => r.id)).size).toBe(total);
    expect(items).toHaveLength(total);
    expect([...items].sort(riskOrder).map((r) => r.id)).toEqual(items.map((r) => r.id));
    expect(items[0].status).not.toBe('closed');
    expect(items[0].score).toBe(Math.max(...items.filter((r) => r.status !== 'closed').map((r) => r.score)));
    expect(items.at(-1).status).toBe('closed');
    for (const pg of pages) {
      expect(pg.kvsOps).toBe(1);
      expect(pg.jiraCalls).toBeLessThanOrEqual(3); // the project as the user, their permissions, the page's people
    }
  });

  it('reads the whole register for an export in pages of 100, the same records as the small pages', async () => {
    const small = await walk('listRisks', 20);
    const big = await walk('listRisks', 100);
    expect(big.pages.map((pg) => pg.ids.length)).toEqual([100, 4 + MORE - 100]);
    expect(big.items.map((r) => r.id)).toEqual(small.items.map((r) => r.id));
  });

  it('loses no risk when one moves while someone pages: closing the worst sends it to the end', async () => {
    const first = await data('listRisks', { limit: 20 });
    const worst = first.risks[0];
    await data('saveRisk', {
      id: worst.id,
      title: worst.title,
      probability: worst.probability,
      impact: worst.impact,
      ownerAccountId: worst.owner.accountId,
      deputyAccountId: null,
      response: worst.response,
      status: 'closed',
      reviewDate: worst.reviewDate,
      expectedVersion: worst.version,
    });
    const rest = await walk('listRisks', 20, { items: first.risks, next: first.next });
    const ids = rest.items.map((r) => r.id);
    expect(new Set(ids).size).toBe(4 + MORE);
    expect(ids.filter((id) => id === worst.id)).toHaveLength(2); // shown on page 1 and again among the closed ones
  });

  it('refuses a malformed cursor or a page over 100 with an error naming the field', async () => {
    expect((await call('listRisks', { cursor: '../../etc' })).env).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', field: 'cursor' },
    });
    expect((await call('listRisks', { limit: 101 })).env).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', field: 'limit' },
    });
  });
});

describe('action items past 100', () => {
  it('come most urgent first, the first page with the retrospectives, the rest a page at a time, each once', async () => {
    const summary = (await data('getProjectOverview')).actions;
    const total = summary.open + summary.done;
    const open = await call('listRetrospectives', { limit: 20 });
    if (!open.env.ok) throw new Error(open.env.error.message);
    const view = open.env.data;
    expect(view.actions).toHaveLength(20);
    expect(view.actionsNext).toEqual(expect.any(String));
    // The retrospectives, and every action item for the case library's tags: one query per 100 of each.
    expect(open.record.kvsOps).toBe(1 + Math.ceil(total / 100));
    expect(open.record.jiraCalls).toBeLessThanOrEqual(3);
    const { items, pages } = await walk('listActions', 20, { items: view.actions, next: view.actionsNext });
    expect(items).toHaveLength(total);
    expect(new Set(items.map((a) => a.id)).size).toBe(total);
    expect([...items].sort(actionOrder).map((a) => a.id)).toEqual(items.map((a) => a.id));
    expect(items.filter((a) => a.status !== 'done')).toHaveLength(summary.open);
    for (const pg of pages) {
      expect(pg.kvsOps).toBe(2); // the page, and the retrospectives (which one is the latest, for "carried over")
      expect(pg.jiraCalls).toBeLessThanOrEqual(3);
    }
    // "Carried over" is worked out on later pages as on the first.
    expect(items.some((a) => a.carriedOver)).toBe(true);
  });

  it('flags a recurring tag raised only by an action item far down the list', async () => {
    const retro = await data('saveRetrospective', {
      versionId: null,
      heldOn: day(-2),
      wentWell: '',
      toImprove: 'vendor again',
      scores: null,
      tags: ['vendor-x'],
      expectedVersion: null,
    });
    await data('saveAction', {
      retrospectiveId: null,
      title: 'Old vendor follow-up',
      ownerAccountId: lead,
      dueDate: day(300),
      status: 'done',
      tags: ['vendor-x'],
      expectedVersion: null,
    });
    const view = await data('listRetrospectives', { limit: 20 });
    expect(view.retrospectives.map((r: any) => r.id)).toContain(retro.id);
    expect(view.actions.map((a: any) => a.title)).not.toContain('Old vendor follow-up');
    expect(view.recurringTags).toContain('vendor-x');
  });
});
