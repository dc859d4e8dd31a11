import { describe, expect, it } from 'vitest';
import {
  ActOnDependencyInputSchema,
  CalendarDateSchema,
  CreateDependencyInputSchema,
  WorkingCalendarSchema,
  describeIssue,
  isRealDate,
} from '../../src/contract';

const dependency = {
  otherIssueKey: 'PAY-9',
  direction: 'upstream',
  deliverable: '接口文档',
  needBy: '2027-02-26',
} as const;
const calendar = {
  id: 'cn-standard',
  name: 'China',
  timeZone: 'Asia/Shanghai',
  workStart: '09:00',
  workEnd: '18:00',
  lunchStart: '12:00',
  lunchEnd: '13:00',
  workdays: [1, 2, 3, 4, 5],
  holidays: ['2026-10-01'],
  makeUpDays: ['2026-09-27'],
};

describe('one date type for the whole contract', () => {
  it('knows which calendar days exist', () => {
    expect(isRealDate('2028-02-29')).toBe(true); // leap year
    expect(isRealDate('2026-12-31')).toBe(true);
    for (const bad of [
      '2027-02-29',
      '2027-02-30',
      '2026-02-30',
      '2026-13-01',
      '2026-00-10',
      '2026-04-31',
      '2026-1-01',
      '26-01-01',
      '2026-01-01T00:00:00Z',
      '',
    ])
      expect(isRealDate(bad), bad).toBe(false);
  });

  it('refuses a need-by date that does not exist instead of rolling it over to March', () => {
    expect(CreateDependencyInputSchema.safeParse(dependency).success).toBe(true);
    const r = CreateDependencyInputSchema.safeParse({ ...dependency, needBy: '2027-02-30' });
    expect(r.success).toBe(false);
    const issue = r.error!.issues[0]!;
    expect(issue.path).toEqual(['needBy']);
    expect(describeIssue(issue, 'en')).toBe('is not a real date (use yyyy-mm-dd)');
    expect(describeIssue(issue, 'zh')).toBe('不是有效日期（请使用 yyyy-mm-dd）');
  });

  it('refuses a counter-proposal date that does not exist', () => {
    const act = { dependencyId: 'd1', action: 'counter', version: 1, text: '', date: '2027-02-30' };
    const r = ActOnDependencyInputSchema.safeParse(act);
    expect(r.success).toBe(false);
    expect(r.error!.issues[0]!.path).toEqual(['date']);
    expect(ActOnDependencyInputSchema.safeParse({ ...act, date: '2027-03-02' }).success).toBe(true);
  });

  it('refuses a holiday or a make-up day that does not exist', () => {
    expect(WorkingCalendarSchema.safeParse(calendar).success).toBe(true);
    const r = WorkingCalendarSchema.safeParse({ ...calendar, holidays: ['2026-10-01', '2026-02-30'] });
    expect(r.success).toBe(false);
    expect(r.error!.issues[0]!.path).toEqual(['holidays', 1]);
    expect(WorkingCalendarSchema.safeParse({ ...calendar, makeUpDays: ['2026-09-31'] }).success).toBe(false);
  });

  it('is the same schema everywhere a date is accepted', () => {
    expect(CalendarDateSchema.safeParse('2026-02-30').success).toBe(false);
    expect(CalendarDateSchema.safeParse('2026-02-28').success).toBe(true);
  });
});
