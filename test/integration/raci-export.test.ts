import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Platform } from '../../sandbox/platform';
import { SEED_USERS } from '../../sandbox/seed/jira-seed';
import { invoke, startPlatform } from '../support/platform';
import { EXPORT_PAGES_PER_CALL } from '../../src/app/raci/raci-matrix';

/**
 * The RACI matrix's CSV export reads up to ten search pages an invocation (issue 14): every row once, in key
 * order, the same rows the matrix pages show.
 */
const lead = SEED_USERS.gaoYuan.accountId;
const SIZE = EXPORT_PAGES_PER_CALL * 100 + 150;
let p: Platform;

beforeAll(async () => {
  p = await startPlatform();
  p.jira.admin.createProject({
    key: 'RXT',
    name: 'Export test',
    leadAccountId: lead,
    grants: [{ permission: 'BROWSE_PROJECTS', holder: { type: 'user', accountId: lead } }],
  });
  p.jira.admin.transaction(() => {
    for (let i = 0; i < SIZE; i++)
      p.jira.admin.createIssue({
        projectKey: 'RXT',
        issueType: 'Task',
        summary: `Row ${i}`,
        status: 'To Do',
        appFields: i % 3 === 0 ? {} : { 'raci-accountable': SEED_USERS.wangLei.accountId },
      });
  });
});
afterAll(() => p?.close());

describe('the RACI export', () => {
  it('reads 1,000 rows an invocation and goes on from where it stopped', async () => {
    const where = { moduleKey: 'collab-project-page', accountId: lead, projectKey: 'RXT' };
    const first = await invoke(p, where, 'exportRaciMatrix', {});
    if (!first.env.ok) throw new Error(first.env.error.message);
    expect(first.env.data.rows).toHaveLength(EXPORT_PAGES_PER_CALL * 100);
    expect(first.record.jiraCalls).toBe(EXPORT_PAGES_PER_CALL);
    expect(first.record.kvsOps).toBe(1);
    expect(first.env.data.nextPageToken).toBeTruthy();
    const second = await invoke(p, where, 'exportRaciMatrix', { pageToken: first.env.data.nextPageToken });
    if (!second.env.ok) throw new Error(second.env.error.message);
    expect(second.env.data.rows).toHaveLength(150);
    expect(second.env.data.nextPageToken).toBeNull();
    const keys = [...first.env.data.rows, ...second.env.data.rows].map((r: any) => r.issue.key);
    expect(new Set(keys).size).toBe(SIZE);
    const row = second.env.data.rows.find((r: any) => r.accountable === SEED_USERS.wangLei.accountId);
    expect(row.departments.accountable).toEqual(['tech']);
    expect(row.gaps).toContain('NO_RESPONSIBLE');
  });
});
