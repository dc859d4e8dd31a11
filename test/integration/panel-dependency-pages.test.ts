import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Platform } from '../../sandbox/platform';
import { dependencyHelpers, PANEL, U } from '../support/dependencies';
import { invoke, startPlatform } from '../support/platform';
import { DEPENDENCIES_PAGE } from '../../src/app/surfaces/issue-panel';

/**
 * An issue with more dependencies than the panel's first page (issue 14): the panel opens with the first page
 * each way and the totals; "Show more" pages through the rest, each page one issue read and one bulk fetch.
 */
let p: Platform;
const { inDays, newIssue, call } = dependencyHelpers(() => p);
const lead = U.gaoYuan.accountId;

beforeAll(async () => {
  p = await startPlatform();
});
afterAll(() => p?.close());

describe('the panel pages its dependencies', () => {
  it('answers the first page with the totals, and every other dependency a page at a time', async () => {
    const waiting = newIssue('Waits on many', lead, U.zhangWei.accountId, 40);
    const count = DEPENDENCIES_PAGE * 2 + 3;
    const late = new Set<string>();
    for (let i = 0; i < count; i++) {
      const upstream = newIssue(`Upstream ${i}`, U.luoBin.accountId, U.zhaoMin.accountId, 10);
      const made = await call(waiting, lead, 'createDependency', {
        otherIssueKey: upstream,
        direction: 'upstream',
        deliverable: `Deliverable ${i}`,
        needBy: inDays(20 + i),
      });
      if (!made.ok) throw new Error(made.error.message);
      if (i === count - 1) late.add(made.data.dependency.id);
    }
    const where = { moduleKey: PANEL, accountId: lead, issueKey: waiting };
    const opened = await invoke(p, where, 'getIssuePanel');
    if (!opened.env.ok) throw new Error(opened.env.error.message);
    const first = opened.env.data.dependencies;
    expect(first.totals).toEqual({ upstream: count, downstream: 0 });
    expect(first.upstream).toHaveLength(DEPENDENCIES_PAGE);
    // Earliest need-by first: the first page holds the first fifteen made.
    expect(first.upstream.map((d: any) => d.deliverable)).toEqual(
      Array.from({ length: DEPENDENCIES_PAGE }, (_, i) => `Deliverable ${i}`),
    );

    const ids = new Set(first.upstream.map((d: any) => d.id));
    let offset: number | null = first.upstream.length;
    let pages = 0;
    while (offset !== null) {
      const { env, record } = await invoke(p, where, 'getIssueDependencies', { direction: 'upstream', offset });
      if (!env.ok) throw new Error(env.error.message);
      expect(record.jiraCalls).toBeLessThanOrEqual(2);
      expect(env.data.total).toBe(count);
      for (const d of env.data.items) {
        expect(ids.has(d.id)).toBe(false);
        ids.add(d.id);
        expect(d.other?.key).toMatch(/^PAY-/);
      }
      offset = env.data.nextOffset;
      pages += 1;
    }
    expect(pages).toBe(2);
    expect(ids.size).toBe(count);
    expect([...late].every((id) => ids.has(id))).toBe(true);
  });

  it('refuses a direction it does not know, naming the field', async () => {
    const issue = newIssue('Alone', lead, U.zhangWei.accountId, 5);
    const { env } = await invoke(p, { moduleKey: PANEL, accountId: lead, issueKey: issue }, 'getIssueDependencies', {
      direction: 'sideways',
      offset: 0,
    });
    expect(env.ok).toBe(false);
    if (env.ok) return;
    expect(env.error.code).toBe('VALIDATION');
    expect(env.error.field).toBe('direction');
  });
});
