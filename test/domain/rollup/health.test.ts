import { describe, expect, it } from 'vitest';
import { assessMilestone, burnupOf, projectFigures } from '../../../src/domain/rollup/health';
import { agendaOf } from '../../../src/domain/project/agenda';
import { recurringTags } from '../../../src/domain/project/retrospectives';
import { applyActionChange, applyFeedbackChange } from '../../../src/domain/rollup/project';
import { applyDependencyChange } from '../../../src/domain/rollup/dependencies';
import { applyEscalationChange } from '../../../src/domain/rollup/escalations';
import { applyIssueChange, type IssueSnapshot } from '../../../src/domain/rollup/issues';
import { emptyRollup, type ProjectRollup } from '../../../src/domain/rollup/core';

const TODAY = '2026-11-23';
const issue = (over: Partial<IssueSnapshot>): IssueSnapshot => ({
  projectKey: 'PAY',
  category: 'new',
  dueDate: null,
  raciComplete: true,
  versionIds: ['10'],
  createdOn: '2026-11-02',
  categorySince: '2026-11-02',
  ...over,
});

function rollupOf(issues: IssueSnapshot[]): ProjectRollup {
  return issues.reduce((r, s) => applyIssueChange(r, null, s, 1), emptyRollup('PAY'));
}

describe('figures from the rollup', () => {
  it('computes each figure from its counters, and null ("no data yet") where nothing was counted', () => {
    let r = rollupOf([
      issue({ category: 'done', dueDate: '2026-11-10', categorySince: '2026-11-09' }), // on time
      issue({ category: 'done', dueDate: '2026-11-10', categorySince: '2026-11-12' }), // late
      issue({ category: 'done', dueDate: null, categorySince: '2026-11-12' }), // no due date: not judged
      issue({ category: 'indeterminate', dueDate: '2026-11-20', raciComplete: false }), // overdue open
      issue({ category: 'new', dueDate: '2026-12-01' }), // not due yet
    ]);
    r = applyActionChange(r, null, { projectKey: 'PAY', done: false, dueDate: '2026-11-01' }, 2);
    r = applyActionChange(r, null, { projectKey: 'PAY', done: false, dueDate: '2026-12-01' }, 2);
    r = applyFeedbackChange(
      r,
      null,
      { projectKey: 'PAY', scores: { communication: 4, accountability: 3, resources: 5, resolution: 4 } },
      2,
    );
    r = applyFeedbackChange(
      r,
      null,
      { projectKey: 'PAY', scores: { communication: 5, accountability: 5, resources: 4, resolution: 4 } },
      2,
    );
    const f = Object.fromEntries(projectFigures(r, TODAY).map((x) => [x.id, x]));
    // 1 finished late + 1 open past due, of 2 finished with a due date + 1 open past due.
    expect(f.delayRate).toMatchObject({ value: 2 / 3, of: { hit: 2, total: 3 }, target: 0.05 });
    expect(f.raciCoverage).toMatchObject({ value: 1 / 2, of: { hit: 1, total: 2 } });
    expect(f.overdueActions).toMatchObject({ value: 1, target: 0 });
    expect(f.satisfaction!.value).toBeCloseTo(34 / 8, 10);
    expect(f.dependencyOnTime!.value).toBeNull();
    expect(f.requestsInTime!.value).toBeNull();
    expect(f.escalationsInTime!.value).toBeNull();
  });

  it('reads the dependency and escalation counters once those features fill them', () => {
    let r = emptyRollup('PAY');
    r = applyDependencyChange(
      r,
      null,
      { projectKey: 'PAY', open: false, late: false, answeredInTime: true, deliveredOnTime: true },
      1,
    );
    r = applyDependencyChange(
      r,
      null,
      { projectKey: 'PAY', open: false, late: false, answeredInTime: false, deliveredOnTime: true },
      1,
    );
    r = applyEscalationChange(r, null, { projectKey: 'PAY', open: false, resolvedInTime: false }, 1);
    const f = Object.fromEntries(projectFigures(r, TODAY).map((x) => [x.id, x.value]));
    expect(f).toMatchObject({ dependencyOnTime: 1, requestsInTime: 0.5, escalationsInTime: 0 });
  });
});

describe('milestone health', () => {
  const facts = {
    versionId: '10',
    released: false,
    startDate: '2026-11-01',
    releaseDate: '2026-12-01',
    bufferDays: 0,
    today: TODAY,
  };

  it('is on track when work keeps up with time and nothing is overdue or blocked', () => {
    const r = rollupOf([
      issue({ category: 'done', categorySince: '2026-11-20' }),
      issue({ category: 'done', categorySince: '2026-11-21' }),
      issue({ category: 'done', categorySince: '2026-11-21' }),
      issue({ dueDate: '2026-11-30' }),
    ]);
    expect(assessMilestone(r, facts)).toMatchObject({
      health: 'on-track',
      reasons: [],
      issues: { total: 4, done: 3, overdue: 0 },
    });
  });

  it('lists every reason: behind the clock, overdue issues, blocked and at-risk dependencies, open escalations', () => {
    let r = rollupOf([
      issue({ category: 'done', categorySince: '2026-11-10' }),
      issue({ dueDate: '2026-11-20' }),
      issue({}),
      issue({}),
    ]);
    r = applyDependencyChange(
      r,
      null,
      { projectKey: 'PAY', open: true, late: false, state: 'blocked', versionIds: ['10'] },
      1,
    );
    r = applyDependencyChange(
      r,
      null,
      { projectKey: 'PAY', open: true, late: false, state: 'at-risk', versionIds: ['10'] },
      1,
    );
    r = applyEscalationChange(r, null, { projectKey: 'PAY', open: true, level: 2, versionIds: ['10'] }, 1);
    const a = assessMilestone(r, facts);
    // 22 of 30 days elapsed (73 %), a quarter done: 48 points behind.
    expect(a.health).toBe('off-track');
    expect(a.elapsed).toBeCloseTo(22 / 30, 10);
    expect(a.reasons).toEqual([
      { code: 'behind', n: 48 },
      { code: 'overdueIssues', n: 1 },
      { code: 'depsBlocked', n: 1 },
      { code: 'depsAtRisk', n: 1 },
      { code: 'escalationsOpen', n: 1 },
    ]);
  });

  it('counts the buffer: past the release date but within the buffer is at risk, past both is off track', () => {
    const r = rollupOf([issue({ category: 'done', categorySince: '2026-11-20' }), issue({})]);
    const within = assessMilestone(r, { ...facts, releaseDate: '2026-11-21', bufferDays: 5 });
    expect(within.reasons).toContainEqual({ code: 'inBuffer', n: 3 });
    const past = assessMilestone(r, { ...facts, releaseDate: '2026-11-15', bufferDays: 5 });
    expect(past).toMatchObject({ health: 'off-track' });
    expect(past.reasons[0]).toEqual({ code: 'pastDue', n: 3 });
    expect(assessMilestone(r, { ...facts, released: true }).health).toBe('released');
    expect(assessMilestone(emptyRollup('PAY'), facts).health).toBe('no-issues');
  });

  it('draws a weekly burn-up that ends at today’s counts', () => {
    expect(burnupOf(3, 1, { '2026-11-02': 2, '2026-11-16': 1 }, { '2026-11-09': 1 }, TODAY)).toEqual([
      { week: '2026-11-02', scope: 2, done: 0 },
      { week: '2026-11-09', scope: 2, done: 1 },
      { week: '2026-11-16', scope: 3, done: 1 },
      { week: '2026-11-23', scope: 3, done: 1 },
    ]);
    // Issues counted before dates were kept start in the first week.
    expect(burnupOf(5, 2, { '2026-11-16': 1 }, {}, TODAY)).toEqual([
      { week: '2026-11-16', scope: 5, done: 2 },
      { week: '2026-11-23', scope: 5, done: 2 },
    ]);
    expect(burnupOf(0, 0, {}, {}, TODAY)).toEqual([]);
  });
});

describe('weekly agenda and case library', () => {
  it('puts blocked and late dependencies, open escalations, new or high risks and overdue actions on the agenda', () => {
    const now = Date.parse('2026-11-23T02:00:00Z');
    const items = agendaOf({
      today: TODAY,
      now,
      dependencies: [
        {
          id: 'd1',
          status: 'declined',
          open: true,
          late: false,
          needBy: '',
          deliverable: 'A',
          downstreamIssueId: '1',
          upstreamIssueId: 'up1',
          providerOwnerAccountId: 'u',
          responseDueAt: 0,
        },
        {
          id: 'd2',
          status: 'committed',
          open: true,
          late: false,
          needBy: '2026-11-20',
          deliverable: 'B',
          downstreamIssueId: '2',
          upstreamIssueId: 'up2',
          providerOwnerAccountId: 'u',
          responseDueAt: 0,
        },
        {
          id: 'd3',
          status: 'committed',
          open: true,
          late: false,
          needBy: '2026-12-20',
          deliverable: 'C',
          downstreamIssueId: '3',
          upstreamIssueId: 'up3',
          providerOwnerAccountId: 'u',
          responseDueAt: 0,
        },
        {
          id: 'd4',
          status: 'delivered',
          open: false,
          late: true,
          needBy: '2026-11-01',
          deliverable: 'D',
          downstreamIssueId: '4',
          upstreamIssueId: 'up4',
          providerOwnerAccountId: 'u',
          responseDueAt: 0,
        },
        // A counter-proposal is a negotiation, not a block: on the agenda only once it is late.
        {
          id: 'd5',
          status: 'countered',
          open: true,
          late: false,
          needBy: '2026-12-20',
          deliverable: 'E',
          downstreamIssueId: '5',
          upstreamIssueId: 'up5',
          providerOwnerAccountId: 'u',
          responseDueAt: 0,
        },
      ],
      escalations: [
        { id: 'e1', open: true, summary: 'E', issueKey: 'PAY-1', raisedBy: 'u', dueAt: now, level: 1 },
        { id: 'e2', open: false, summary: 'F', issueKey: 'PAY-2', raisedBy: 'u', dueAt: now, level: 1 },
      ],
      risks: [
        {
          id: 'r1',
          open: true,
          title: 'high',
          score: 20,
          createdAt: now - 30 * 86_400_000,
          ownerAccountId: 'u',
          reviewDate: TODAY,
        },
        {
          id: 'r2',
          open: true,
          title: 'new',
          score: 4,
          createdAt: now - 86_400_000,
          ownerAccountId: 'u',
          reviewDate: TODAY,
        },
        {
          id: 'r3',
          open: true,
          title: 'old low',
          score: 4,
          createdAt: now - 30 * 86_400_000,
          ownerAccountId: 'u',
          reviewDate: TODAY,
        },
        {
          id: 'r4',
          open: false,
          title: 'closed high',
          score: 25,
          createdAt: now,
          ownerAccountId: 'u',
          reviewDate: TODAY,
        },
      ],
      issues: [],
      actions: [
        { id: 'a1', open: true, title: 'late', dueDate: '2026-11-22', ownerAccountId: 'u', issueKey: null },
        { id: 'a2', open: true, title: 'today', dueDate: TODAY, ownerAccountId: 'u', issueKey: null },
        { id: 'a3', open: false, title: 'done late', dueDate: '2026-11-01', ownerAccountId: 'u', issueKey: null },
      ],
    });
    expect(items.map((i) => `${i.id}:${i.reason}`)).toEqual([
      'd2:late',
      'd1:blocked',
      'e1:open',
      'r1:highRisk',
      'r2:newRisk',
      'a1:overdue',
    ]);
  });

  it('flags a tag raised at two different retrospectives as recurring', () => {
    const retros = [
      { id: 'r1', tags: ['需求变更'] },
      { id: 'r2', tags: ['法务排期'] },
    ];
    const actions = [
      { id: 'a1', retrospectiveId: 'r1', tags: ['法务排期', '需求变更'] },
      { id: 'a2', retrospectiveId: 'r1', tags: ['交接'] },
      { id: 'a3', retrospectiveId: 'r1', tags: ['交接'] },
    ];
    expect(recurringTags(retros, actions)).toEqual(['法务排期']);
  });
});
