import { describe, expect, it } from 'vitest';
import { firstWorkingDayOf, riskReportDue } from '../../../src/domain/project/risk-report-schedule';
import { BUILTIN_CALENDARS } from '../../../src/domain/shared/calendar';

const cn = BUILTIN_CALENDARS.find((c) => c.id === 'cn-mainland')!;
// 09:30 in Shanghai is 01:30 UTC.
const at = (date: string, utc = '01:30') => Date.parse(`${date}T${utc}:00Z`);

describe('monthly risk report schedule', () => {
  it('finds the first working day past 国庆, 元旦 with its make-up Sunday, 春节 and a weekend', () => {
    expect(firstWorkingDayOf('2026-10', cn)).toBe('2026-10-08'); // 1–7 Oct off, the 8th is a Thursday
    expect(firstWorkingDayOf('2026-01', cn)).toBe('2026-01-04'); // 1–3 Jan off, Sunday the 4th is made up
    expect(firstWorkingDayOf('2026-03', cn)).toBe('2026-03-02'); // the 1st is a Sunday
    expect(firstWorkingDayOf('2026-02', cn)).toBe('2026-02-02'); // 春节 starts the 15th: a Monday the 2nd
  });

  it('sends September’s report on 8 October, not during 国庆, and only once', () => {
    expect(riskReportDue(at('2026-10-01'), cn, new Set())).toBeNull();
    expect(riskReportDue(at('2026-10-07'), cn, new Set())).toBeNull();
    expect(riskReportDue(at('2026-10-08'), cn, new Set())).toBe('2026-09');
    // Retried the same day after the marker was written: nothing more.
    expect(riskReportDue(at('2026-10-08'), cn, new Set(['2026-09']))).toBeNull();
    // The 8th's run failed: the 9th catches up.
    expect(riskReportDue(at('2026-10-09'), cn, new Set())).toBe('2026-09');
  });

  it('reads the date in the calendar’s zone: Sunday 1 Feb 16:00 UTC is already Monday in Shanghai', () => {
    // 2026-02-01 is a Sunday, so February's first working day is Monday the 2nd.
    expect(riskReportDue(at('2026-02-01', '15:59'), cn, new Set())).toBeNull(); // Sunday 23:59 Shanghai
    expect(riskReportDue(at('2026-02-01', '16:00'), cn, new Set())).toBe('2026-01'); // Monday 00:00 Shanghai
    expect(riskReportDue(at('2026-01-04'), cn, new Set())).toBe('2025-12'); // year boundary
  });
});
