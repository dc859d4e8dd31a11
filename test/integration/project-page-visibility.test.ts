import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Platform } from '../../sandbox/platform';
import { SEED_USERS } from '../../sandbox/seed/jira-seed';
import { invoke, startPlatform } from '../support/platform';

/**
 * A project page names no work item of a project the viewer cannot browse. The seed's AICS dependencies reach
 * into PAY; 徐凯 Kevin Xu, an outside contractor, browses AICS but not PAY.
 */
const PAGE = 'collab-project-page';
const U = SEED_USERS;
const PAGE_READS: Array<[string, unknown]> = [
  ['getProjectOverview', {}],
  ['getDependencyOverview', {}],
  ['getEscalationStats', {}],
  ['listOpenEscalations', {}],
  ['getCharter', {}],
  ['listRisks', {}],
  ['listRetrospectives', {}],
  ['listActions', {}],
  ['getAgenda', {}],
  ['getRaciMatrix', {}],
];

let p: Platform;
beforeAll(async () => {
  p = await startPlatform();
});
afterAll(() => p?.close());

const read = async (accountId: string, fn: string, payload: unknown = {}) => {
  const { env } = await invoke(p, { moduleKey: PAGE, accountId, projectKey: 'AICS' }, fn, payload);
  if (!env.ok) throw new Error(`${fn}: ${env.error.message}`);
  return env.data;
};

describe('project page: work items of projects the viewer cannot browse', () => {
  it.each(PAGE_READS)('%s names no PAY work item to the contractor', async (fn, payload) => {
    expect(JSON.stringify(await read(U.kevinXu.accountId, fn, payload))).not.toMatch(/PAY-\d+/);
  });

  it('the dependencies section says "a work item you cannot see" where the key is hidden, and shows it to those who may', async () => {
    const contractor = await read(U.kevinXu.accountId, 'getDependencyOverview');
    const staff = await read(U.liuYang.accountId, 'getDependencyOverview');
    const crossProject = staff.problems.filter((x: { upstreamKey: string }) => x.upstreamKey.startsWith('PAY-'));
    expect(crossProject.length).toBeGreaterThan(0);
    for (const x of crossProject) {
      const seen = contractor.problems.find((y: { id: string }) => y.id === x.id);
      expect(seen).toMatchObject({
        upstreamKey: null,
        downstreamKey: x.downstreamKey,
        deliverable: x.deliverable,
        health: x.health,
      });
    }
    // The same figures, only the keys differ.
    expect(contractor.matrix).toEqual(staff.matrix);
    expect(contractor.criticalPath.lengthDays).toBe(staff.criticalPath.lengthDays);
    expect(contractor.criticalPath.issueKeys).toEqual(
      staff.criticalPath.issueKeys.map((k: string) => (k.startsWith('PAY-') ? null : k)),
    );
  });
});
