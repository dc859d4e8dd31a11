import { describe, expect, it } from 'vitest';
import {
  DEFAULT_RESPONSE_HOURS,
  dependencyIdForLink,
  isDependencyOpen,
  isResponseLate,
  responseDueAt,
} from '../../../src/domain/dependencies/dependency';
import { CN, weekdays } from '../../support/calendars';
import { isEscalationOpen, levelDueAt, summarize } from '../../../src/domain/escalations/escalation';

const H = 3_600_000;

describe('dependency response deadline', () => {
  it('is 24 h on working days after the request by default, in the providing calendar, and only an unanswered request is late', () => {
    // Issue 15: a bare number of hours counts hours on working days. Monday 2026-11-23 10:00 Beijing: 14 h to
    // midnight, 10 on Tuesday → Tuesday 10:00 Beijing (before issue 15: 24 *office* hours, Wednesday 16:00).
    const due = responseDueAt(Date.parse('2026-11-23T02:00:00Z'), DEFAULT_RESPONSE_HOURS, weekdays());
    expect(new Date(due).toISOString()).toBe('2026-11-24T02:00:00.000Z');
    expect(responseDueAt(Date.parse('2026-11-23T02:00:00Z'), 2, weekdays())).toBe(
      Date.parse('2026-11-23T02:00:00Z') + 2 * H,
    );
    // Lunch does not stop hours on working days: the same Tuesday 10:00 (before issue 15: Thursday 10:00).
    expect(new Date(responseDueAt(Date.parse('2026-11-23T02:00:00Z'), DEFAULT_RESPONSE_HOURS, CN)).toISOString()).toBe(
      '2026-11-24T02:00:00.000Z',
    );
    // Chosen as working hours, the old reading: Thursday 10:00.
    expect(
      new Date(
        responseDueAt(Date.parse('2026-11-23T02:00:00Z'), { amount: 24, unit: 'workingHours' }, CN),
      ).toISOString(),
    ).toBe('2026-11-26T02:00:00.000Z');
    expect(isResponseLate({ status: 'requested', responseDueAt: due }, due)).toBe(false);
    expect(isResponseLate({ status: 'requested', responseDueAt: due }, due + 1)).toBe(true);
    expect(isResponseLate({ status: 'acknowledged', responseDueAt: due }, due + 1)).toBe(false);
  });
  it('knows which statuses are open and keys dependencies by link', () => {
    expect(isDependencyOpen('committed')).toBe(true);
    expect(isDependencyOpen('delivered')).toBe(false);
    expect(isDependencyOpen('cancelled')).toBe(false);
    expect(dependencyIdForLink('10042')).toBe('link-10042');
  });
});

describe('escalation ladder', () => {
  it('has 24, 48 and 48 hour limits per level', () => {
    expect(levelDueAt(0, 1)).toBe(24 * H);
    expect(levelDueAt(0, 2)).toBe(48 * H);
    expect(levelDueAt(0, 3)).toBe(48 * H);
  });
  it('treats open and acknowledged as open', () => {
    expect(isEscalationOpen('open')).toBe(true);
    expect(isEscalationOpen('acknowledged')).toBe(true);
    expect(isEscalationOpen('resolved')).toBe(false);
  });
  it('summarizes the first line, at most 120 characters', () => {
    expect(summarize('  支付接口联调阻塞\n详情……')).toBe('支付接口联调阻塞');
    expect(summarize('x'.repeat(200))).toHaveLength(120);
  });
});
