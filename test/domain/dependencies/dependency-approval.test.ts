import { describe, expect, it } from 'vitest';
import {
  allowedActions,
  approvalDueAt,
  approvalPending,
  approvalState,
  isApprovalLate,
  responseDueAt,
} from '../../../src/domain/dependencies/dependency';
import { applyDependencyChange, approvalDueKey, lateApprovals } from '../../../src/domain/rollup/dependencies';
import { emptyRollup } from '../../../src/domain/rollup/core';
import { DEFAULT_DEPENDENCY_LIMITS, responseLimit } from '../../../src/domain/shared/limits';
import { CN } from '../../support/calendars';

const H = 3_600_000;
const at = (iso: string) => Date.parse(iso);
const iso = (ms: number) => new Date(ms).toISOString();

describe('the approval step (审批环节48小时内完成)', () => {
  // Delivered Tuesday 2026-09-29 15:00 Beijing: 9 h that day, 24 on 09-30 (33), 国庆 10-01..10-07 off, 15 h of
  // Thursday 10-08 → due 2026-10-08 15:00 Beijing (07:00Z).
  const delivered = at('2026-09-29T07:00:00Z');
  const due = approvalDueAt(delivered, DEFAULT_DEPENDENCY_LIMITS.approval.routine, CN);

  it('is due 48 h on working days after the delivery, in the requesting calendar', () => {
    expect(iso(due)).toBe('2026-10-08T07:00:00.000Z');
    // 紧急: 4 clock hours, holiday or not → 19:00 the same day.
    expect(iso(approvalDueAt(delivered, DEFAULT_DEPENDENCY_LIMITS.approval.urgent, CN))).toBe(
      '2026-09-29T11:00:00.000Z',
    );
  });

  it('has its own state and late flag', () => {
    const dep = { status: 'delivered' as const, approvalDueAt: due, approvedAt: 0, approvalLate: false };
    expect(approvalState(dep, due)).toBe('awaiting');
    expect(approvalState(dep, due + 1)).toBe('late');
    expect(isApprovalLate(dep, due + 1)).toBe(true);
    expect(approvalPending(dep)).toBe(true);
    expect(approvalState({ ...dep, approvedAt: due - H }, due + H)).toBe('approved');
    expect(approvalState({ ...dep, approvedAt: due + H, approvalLate: true }, due + H)).toBe('approvedLate');
    // Delivered before issue 15: nothing to approve.
    expect(approvalState({ status: 'delivered' }, due)).toBe('none');
  });

  it('is offered only to the requesting side’s Accountable, only while pending', () => {
    const sides = new Set(['requester' as const]);
    expect(allowedActions('delivered', sides, { asked: false }, { pending: true, accountable: true })).toEqual([
      'approve',
    ]);
    expect(allowedActions('delivered', sides, { asked: false }, { pending: true, accountable: false })).toEqual([]);
    expect(allowedActions('delivered', sides, { asked: false }, { pending: false, accountable: true })).toEqual([]);
  });

  it('counts late approvals in the rollup without the clock: approved late, and unapproved past due as of now', () => {
    let r = emptyRollup('PAY');
    const base = { projectKey: 'PAY', open: false, late: false };
    r = applyDependencyChange(r, null, { ...base, approvalDueKey: approvalDueKey(due) }, 0);
    r = applyDependencyChange(r, null, { ...base, approvedInTime: false }, 0);
    r = applyDependencyChange(r, null, { ...base, approvedInTime: true }, 0);
    expect(lateApprovals(r.dependencies, due - H)).toBe(1);
    expect(lateApprovals(r.dependencies, due + 60_000)).toBe(2);
    // The pending one is approved in time: its due entry goes, the approvals ratio takes it.
    r = applyDependencyChange(
      r,
      { ...base, approvalDueKey: approvalDueKey(due) },
      { ...base, approvedInTime: true },
      0,
    );
    expect(r.dependencies.approvalDue).toEqual({});
    expect(lateApprovals(r.dependencies, due + 60_000)).toBe(1);
  });
});

describe('response limits per tier', () => {
  it('an urgent request counts clock hours through the weekend; an important one hours on working days', () => {
    // Friday 2026-11-20 17:00 Beijing.
    const friday = at('2026-11-20T09:00:00Z');
    const urgent = responseLimit(DEFAULT_DEPENDENCY_LIMITS, 'urgent', 24);
    expect(iso(responseDueAt(friday, urgent, CN))).toBe('2026-11-20T11:00:00.000Z'); // 19:00 Friday
    // Important: 8 h → 7 h of Friday, 1 h of Monday → Monday 01:00 Beijing.
    const important = responseLimit(DEFAULT_DEPENDENCY_LIMITS, 'important', 24);
    expect(iso(responseDueAt(friday, important, CN))).toBe('2026-11-22T17:00:00.000Z');
    // Routine with the department's own 24 → Monday 17:00.
    expect(iso(responseDueAt(friday, responseLimit(DEFAULT_DEPENDENCY_LIMITS, 'routine', 24), CN))).toBe(
      '2026-11-23T09:00:00.000Z',
    );
  });
});
