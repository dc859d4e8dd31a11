import { describe, expect, it } from 'vitest';
import { dependencyDelayWarningDue, issueDelayWarningDue } from '../../../src/domain/project/delay-warnings';
import { CN } from '../../support/calendars';

const bj = (local: string) => Date.parse(`${local}+08:00`);
const dep = (over: Partial<Parameters<typeof dependencyDelayWarningDue>[0]> = {}) => ({
  status: 'acknowledged',
  needBy: '2026-10-08',
  delayAskedAt: 0,
  upstreamCategory: 'new' as const,
  ...over,
});

describe('延期预警 starts by itself for a dependency near its need-by without progress', () => {
  it('across 国庆: need-by 8 October is 2 working days from Tuesday 29 September (1–7 October are off), 3 from the Monday', () => {
    expect(dependencyDelayWarningDue(dep(), bj('2026-09-29T10:00:00'), CN)).toBe(true);
    expect(dependencyDelayWarningDue(dep(), bj('2026-09-28T10:00:00'), CN)).toBe(false);
  });

  it('on a Friday evening for a Tuesday need-by (Monday and Tuesday to go), not on the Thursday before', () => {
    const d = dep({ needBy: '2026-12-08' });
    expect(dependencyDelayWarningDue(d, bj('2026-12-04T18:00:00'), CN)).toBe(true);
    expect(dependencyDelayWarningDue(d, bj('2026-12-03T18:00:00'), CN)).toBe(false);
  });

  it('not when there is progress, it was asked already, or nothing is owed', () => {
    const now = bj('2026-09-30T10:00:00');
    expect(dependencyDelayWarningDue(dep({ status: 'committed', upstreamCategory: 'indeterminate' }), now, CN)).toBe(
      false,
    );
    // Committed but the upstream work item was never started: still no progress.
    expect(dependencyDelayWarningDue(dep({ status: 'committed', upstreamCategory: 'new' }), now, CN)).toBe(true);
    expect(dependencyDelayWarningDue(dep({ delayAskedAt: now - 3_600_000 }), now, CN)).toBe(false);
    expect(dependencyDelayWarningDue(dep({ status: 'delivered' }), now, CN)).toBe(false);
    expect(dependencyDelayWarningDue(dep({ status: 'countered' }), now, CN)).toBe(false);
    expect(dependencyDelayWarningDue(dep({ needBy: '' }), now, CN)).toBe(false);
  });

  it('a need-by already past still asks (negative working days)', () => {
    expect(dependencyDelayWarningDue(dep({ needBy: '2026-09-25' }), bj('2026-09-30T10:00:00'), CN)).toBe(true);
  });
});

describe('延期预警 for a work item not started near its due date', () => {
  it('across 春节: due Tuesday 24 February is 2 working days from Friday 13 February (the 14th is a make-up day)', () => {
    const issue = { dueDate: '2026-02-24', statusCategory: 'new' as const, delayAskedAt: 0 };
    expect(issueDelayWarningDue(issue, bj('2026-02-13T17:00:00'), CN)).toBe(true);
    expect(issueDelayWarningDue(issue, bj('2026-02-12T17:00:00'), CN)).toBe(false);
    expect(issueDelayWarningDue({ ...issue, statusCategory: 'indeterminate' }, bj('2026-02-13T17:00:00'), CN)).toBe(
      false,
    );
  });
});
