import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { applyIssueChange, applyDependencyChange, emptyRollup, overdueOpen, raciCoverage, type IssueSnapshot } from '../../src/domain/rollup';
import { STATUS_CATEGORIES } from '../../src/contract';

const snapArb: fc.Arbitrary<IssueSnapshot> = fc.record({
  projectKey: fc.constantFrom('PAY', 'AICS'),
  category: fc.constantFrom(...STATUS_CATEGORIES),
  dueDate: fc.option(fc.constantFrom('2026-11-01', '2026-11-20', '2026-12-24'), { nil: null }),
  raciComplete: fc.boolean(),
});

/** What the rollup must equal: a count over the issues as they are now. */
function recompute(projectKey: string, issues: Map<number, IssueSnapshot>) {
  let r = emptyRollup(projectKey);
  for (const s of issues.values()) r = applyIssueChange(r, null, s, 0);
  return r;
}

describe('project rollup', () => {
  it('counts open, done, RACI-complete and overdue issues', () => {
    let r = emptyRollup('PAY');
    r = applyIssueChange(r, null, { projectKey: 'PAY', category: 'new', dueDate: '2026-11-01', raciComplete: true }, 1);
    r = applyIssueChange(r, null, { projectKey: 'PAY', category: 'done', dueDate: '2026-11-01', raciComplete: false }, 2);
    r = applyIssueChange(r, null, { projectKey: 'PAY', category: 'indeterminate', dueDate: '2026-12-24', raciComplete: false }, 3);
    expect(r.issueCount).toBe(3);
    expect(r.openIssues).toBe(2);
    expect(r.byCategory).toEqual({ new: 1, indeterminate: 1, done: 1 });
    expect(overdueOpen(r, '2026-11-23')).toBe(1);
    expect(raciCoverage(r)).toBe(0.5);
    expect(r.updatedAt).toBe(3);
  });

  it('equals a full recompute after any sequence of creates, updates, moves and deletes', () => {
    const op = fc.record({ id: fc.integer({ min: 1, max: 6 }), next: fc.option(snapArb, { nil: null }) });
    fc.assert(
      fc.property(fc.array(op, { maxLength: 40 }), (ops) => {
        const issues = new Map<number, IssueSnapshot>();
        let pay = emptyRollup('PAY');
        let aics = emptyRollup('AICS');
        for (const { id, next } of ops) {
          const before = issues.get(id) ?? null;
          pay = applyIssueChange(pay, before, next, 0);
          aics = applyIssueChange(aics, before, next, 0);
          if (next) issues.set(id, next);
          else issues.delete(id);
        }
        const expectPay = recompute('PAY', new Map([...issues].filter(([, s]) => s.projectKey === 'PAY')));
        const expectAics = recompute('AICS', new Map([...issues].filter(([, s]) => s.projectKey === 'AICS')));
        expect({ ...pay, updatedAt: 0 }).toEqual({ ...expectPay, updatedAt: 0 });
        expect({ ...aics, updatedAt: 0 }).toEqual({ ...expectAics, updatedAt: 0 });
      }),
    );
  });

  it('counts late dependencies only while open', () => {
    let r = emptyRollup('PAY');
    r = applyDependencyChange(r, null, { projectKey: 'PAY', open: true, late: false }, 1);
    r = applyDependencyChange(r, { projectKey: 'PAY', open: true, late: false }, { projectKey: 'PAY', open: true, late: true }, 2);
    expect(r.dependencies).toEqual({ open: 1, late: 1 });
    r = applyDependencyChange(r, { projectKey: 'PAY', open: true, late: true }, { projectKey: 'PAY', open: false, late: true }, 3);
    expect(r.dependencies).toEqual({ open: 0, late: 0 });
  });
});
