import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  applyActionChange,
  applyFeedbackChange,
  applyRiskChange,
  overdueActions,
  type ActionContribution,
  type FeedbackContribution,
  type RiskContribution,
} from '../../../src/domain/rollup/project';
import { applyDependencyChange, type DependencyContribution } from '../../../src/domain/rollup/dependencies';
import { applyEscalationChange } from '../../../src/domain/rollup/escalations';
import {
  applyIssueChange,
  overdueInVersion,
  overdueOpen,
  raciCoverage,
  versionCounters,
  type IssueSnapshot,
} from '../../../src/domain/rollup/issues';
import {
  emptyRollup,
  mergeRollups,
  normalizeRollup,
  shardOf,
  weekOf,
  type ProjectRollup,
} from '../../../src/domain/rollup/core';
import type { EscalationContribution } from '../../../src/domain/escalations/escalation';
import { STATUS_CATEGORIES } from '../../../src/contract';

const project = fc.constantFrom('PAY', 'AICS');
const date = fc.constantFrom('2026-11-01', '2026-11-20', '2026-11-23', '2026-12-24');
const versions = fc.uniqueArray(fc.constantFrom('10', '11', '12'), { maxLength: 2 });

const snapArb: fc.Arbitrary<IssueSnapshot> = fc.record({
  projectKey: project,
  category: fc.constantFrom(...STATUS_CATEGORIES),
  dueDate: fc.option(date, { nil: null }),
  raciComplete: fc.boolean(),
  versionIds: versions,
  createdOn: fc.option(date, { nil: null }),
  categorySince: fc.option(date, { nil: null }),
});
const depArb: fc.Arbitrary<DependencyContribution> = fc.record(
  {
    projectKey: project,
    open: fc.boolean(),
    late: fc.boolean(),
    state: fc.constantFrom('on-track', 'at-risk', 'blocked'),
    versionIds: versions,
    departmentPair: fc.constantFrom('tech>cs', 'cs>tech'),
    answeredInTime: fc.boolean(),
    deliveredOnTime: fc.boolean(),
  },
  { requiredKeys: ['projectKey', 'open', 'late'] },
);
const escArb: fc.Arbitrary<EscalationContribution> = fc.record(
  {
    projectKey: project,
    open: fc.boolean(),
    level: fc.constantFrom(1 as const, 2 as const, 3 as const),
    versionIds: versions,
    resolvedInTime: fc.boolean(),
    acknowledgeMs: fc.integer({ min: 0, max: 1e8 }),
    resolveMs: fc.integer({ min: 0, max: 1e9 }),
  },
  { requiredKeys: ['projectKey', 'open'] },
);
const riskArb: fc.Arbitrary<RiskContribution> = fc.record({
  projectKey: project,
  open: fc.boolean(),
  probability: fc.integer({ min: 1, max: 5 }),
  impact: fc.integer({ min: 1, max: 5 }),
});
const actionArb: fc.Arbitrary<ActionContribution> = fc.record({
  projectKey: project,
  done: fc.boolean(),
  dueDate: date,
});
const score = fc.integer({ min: 1, max: 5 });
const feedbackArb: fc.Arbitrary<FeedbackContribution> = fc.record({
  projectKey: project,
  scores: fc.option(fc.record({ communication: score, accountability: score, resources: score, resolution: score }), {
    nil: null,
  }),
});

/** Each kind of record: how it is generated and how it changes a rollup. */
const KINDS = {
  issue: { arb: snapArb as fc.Arbitrary<{ projectKey: string }>, apply: applyIssueChange },
  dependency: { arb: depArb, apply: applyDependencyChange },
  escalation: { arb: escArb, apply: applyEscalationChange },
  risk: { arb: riskArb, apply: applyRiskChange },
  action: { arb: actionArb, apply: applyActionChange },
  feedback: { arb: feedbackArb, apply: applyFeedbackChange },
} as const;
type Kind = keyof typeof KINDS;
type Apply = (r: ProjectRollup, before: never, after: never, at: number) => ProjectRollup;

const eventArb = fc.oneof(
  ...(Object.keys(KINDS) as Kind[]).map((kind) =>
    fc.record({
      kind: fc.constant(kind),
      id: fc.integer({ min: 1, max: 5 }),
      next: fc.option(KINDS[kind].arb, { nil: null }),
    }),
  ),
);

const SHARDS = 16;

describe('project rollup', () => {
  it('counts open, done, RACI-complete and overdue issues', () => {
    let r = emptyRollup('PAY');
    r = applyIssueChange(r, null, { projectKey: 'PAY', category: 'new', dueDate: '2026-11-01', raciComplete: true }, 1);
    r = applyIssueChange(
      r,
      null,
      { projectKey: 'PAY', category: 'done', dueDate: '2026-11-01', raciComplete: false },
      2,
    );
    r = applyIssueChange(
      r,
      null,
      { projectKey: 'PAY', category: 'indeterminate', dueDate: '2026-12-24', raciComplete: false },
      3,
    );
    expect(r.issueCount).toBe(3);
    expect(r.openIssues).toBe(2);
    expect(r.byCategory).toEqual({ new: 1, indeterminate: 1, done: 1 });
    expect(overdueOpen(r, '2026-11-23')).toBe(1);
    expect(raciCoverage(r)).toBe(0.5);
    expect(r.updatedAt).toBe(3);
  });

  it('counts each fix version: total, done, overdue, and burn-up weeks', () => {
    let r = emptyRollup('PAY');
    const base = { projectKey: 'PAY', raciComplete: true, versionIds: ['10'] } as const;
    r = applyIssueChange(
      r,
      null,
      { ...base, category: 'done', dueDate: '2026-11-10', createdOn: '2026-11-02', categorySince: '2026-11-12' },
      1,
    );
    r = applyIssueChange(
      r,
      null,
      { ...base, category: 'new', dueDate: '2026-11-20', createdOn: '2026-11-04', categorySince: '2026-11-04' },
      2,
    );
    r = applyIssueChange(
      r,
      null,
      {
        ...base,
        category: 'done',
        dueDate: '2026-11-30',
        createdOn: '2026-11-10',
        categorySince: '2026-11-18',
        versionIds: ['10', '11'],
      },
      3,
    );
    expect(versionCounters(r, '10')).toMatchObject({
      total: 3,
      done: 2,
      createdByWeek: { '2026-11-02': 2, '2026-11-09': 1 },
      doneByWeek: { '2026-11-09': 1, '2026-11-16': 1 },
    });
    expect(versionCounters(r, '11')).toMatchObject({ total: 1, done: 1 });
    expect(versionCounters(r, '99')).toEqual({
      total: 0,
      done: 0,
      openDueDates: {},
      createdByWeek: {},
      doneByWeek: {},
    });
    expect(overdueInVersion(r, '10', '2026-11-23')).toBe(1);
    // One finished after its due date (11-12 > 11-10), one before (11-18 <= 11-30).
    expect(r.finishedByDue).toEqual({ hit: 1, total: 2 });
  });

  it('puts a week under its Monday', () => {
    expect(weekOf('2026-11-23')).toBe('2026-11-23'); // a Monday
    expect(weekOf('2026-11-29')).toBe('2026-11-23'); // the Sunday after
    expect(weekOf('2026-01-01')).toBe('2025-12-29');
  });

  it('counts late dependencies only while open, and leaves the optional counters alone when not given', () => {
    let r = emptyRollup('PAY');
    r = applyDependencyChange(r, null, { projectKey: 'PAY', open: true, late: false }, 1);
    r = applyDependencyChange(
      r,
      { projectKey: 'PAY', open: true, late: false },
      { projectKey: 'PAY', open: true, late: true },
      2,
    );
    expect(r.dependencies).toMatchObject({ open: 1, late: 1, answered: { hit: 0, total: 0 }, byVersion: {} });
    r = applyDependencyChange(
      r,
      { projectKey: 'PAY', open: true, late: true },
      { projectKey: 'PAY', open: false, late: true, deliveredOnTime: false },
      3,
    );
    expect(r.dependencies).toMatchObject({ open: 0, late: 0, delivered: { hit: 0, total: 1 } });
  });

  it('counts risks per heat-map cell, high risks, open and overdue actions, and feedback sums', () => {
    let r = emptyRollup('PAY');
    r = applyRiskChange(r, null, { projectKey: 'PAY', open: true, probability: 4, impact: 4 }, 1);
    r = applyRiskChange(r, null, { projectKey: 'PAY', open: true, probability: 2, impact: 3 }, 1);
    r = applyRiskChange(r, null, { projectKey: 'PAY', open: false, probability: 5, impact: 5 }, 1);
    expect(r.risks).toEqual({ open: 2, high: 1, closed: 1, cells: { '4:4': 1, '2:3': 1 } });
    // Closing one moves it from the open counts to the closed ones: open + closed stays the register's size.
    const closing = applyRiskChange(
      r,
      { projectKey: 'PAY', open: true, probability: 2, impact: 3 },
      { projectKey: 'PAY', open: false, probability: 2, impact: 3 },
      1,
    );
    expect(closing.risks).toEqual({ open: 1, high: 1, closed: 2, cells: { '4:4': 1 } });
    r = applyActionChange(r, null, { projectKey: 'PAY', done: false, dueDate: '2026-11-01' }, 2);
    r = applyActionChange(r, null, { projectKey: 'PAY', done: false, dueDate: '2026-12-01' }, 2);
    r = applyActionChange(r, null, { projectKey: 'PAY', done: true, dueDate: '2026-10-01' }, 2);
    expect(overdueActions(r, '2026-11-23')).toBe(1);
    expect(r.actions).toMatchObject({ open: 2, done: 1 });
    r = applyFeedbackChange(
      r,
      null,
      { projectKey: 'PAY', scores: { communication: 4, accountability: 3, resources: 5, resolution: 4 } },
      3,
    );
    expect(r.feedback).toEqual({
      forms: 1,
      sums: { communication: 4, accountability: 3, resources: 5, resolution: 4 },
    });
  });

  it('reads a shard stored before the newer counters existed as zeros', () => {
    const old = {
      projectKey: 'PAY',
      issueCount: 2,
      byCategory: { new: 1, indeterminate: 0, done: 1 },
      openIssues: 1,
      raciCompleteOpen: 1,
      openDueDates: { '2026-11-01': 1 },
      dependencies: { open: 1, late: 0 },
      escalations: { open: 1 },
      updatedAt: 5,
    };
    const r = normalizeRollup('PAY', old as unknown as ProjectRollup);
    expect(r).toEqual({
      ...emptyRollup('PAY'),
      ...old,
      dependencies: { ...emptyRollup('PAY').dependencies, open: 1 },
      escalations: { ...emptyRollup('PAY').escalations, open: 1 },
    });
    const next = applyIssueChange(
      r,
      null,
      { projectKey: 'PAY', category: 'done', dueDate: null, raciComplete: true, versionIds: ['10'] },
      6,
    );
    expect(versionCounters(next, '10').done).toBe(1);
  });

  it('sharded and merged, equals a full recompute after any sequence of events of every kind', () => {
    fc.assert(
      fc.property(fc.array(eventArb, { maxLength: 60 }), (events) => {
        const state = new Map<string, { kind: Kind; value: { projectKey: string } }>();
        const shards = new Map<string, ProjectRollup>(); // `${project}:${shard}`
        let lastAt = 0;
        for (const [i, { kind, id, next }] of events.entries()) {
          const at = 1000 + i; // the clock moves forward
          const recordId = `${kind}-${id}`;
          const before = state.get(recordId)?.value ?? null;
          const shard = shardOf(recordId, SHARDS);
          for (const p of ['PAY', 'AICS']) {
            const key = `${p}:${shard}`;
            shards.set(
              key,
              (KINDS[kind].apply as Apply)(shards.get(key) ?? emptyRollup(p), before as never, next as never, at),
            );
          }
          lastAt = Math.max(lastAt, at);
          if (next) state.set(recordId, { kind, value: next });
          else state.delete(recordId);
        }
        for (const p of ['PAY', 'AICS']) {
          const merged = mergeRollups(
            p,
            [...shards].filter(([k]) => k.startsWith(`${p}:`)).map(([, r]) => r),
          );
          let full = emptyRollup(p);
          for (const { kind, value } of state.values())
            full = (KINDS[kind].apply as Apply)(full, null as never, value as never, 0);
          expect({ ...merged, updatedAt: null }).toEqual({ ...full, updatedAt: null });
          if (events.length > 0) expect(merged.updatedAt).toBe(lastAt);
        }
      }),
      { numRuns: 300 },
    );
  });
});
