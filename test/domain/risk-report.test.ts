import { describe, expect, it } from 'vitest';
import { riskMonthReport, riskZone, type ReportedRisk } from '../../src/domain/project/risks';

const risk = (id: string, score: number, openedMonth: string, closedMonth: string | null = null) => ({
  id,
  score,
  zone: riskZone(score),
  openedMonth,
  closedMonth,
});

describe('the monthly risk report (风险月报)', () => {
  // Worked example, PAY's register as of 2026-12:
  //   a: 20 (high), raised 2026-09, still open        -> open at the end of Sep, Oct, Nov
  //   b: 16 (high), raised 2026-10, closed 2026-11     -> open at the end of Oct; closed in Nov
  //   c:  8 (medium), raised 2026-11, still open       -> raised in Nov; open at the end of Nov
  //   d:  3 (low), raised 2026-10, closed 2026-10      -> raised and closed in Oct; never open at a month's end
  const register: ReportedRisk[] = [
    risk('a', 20, '2026-09'),
    risk('b', 16, '2026-10', '2026-11'),
    risk('c', 8, '2026-11'),
    risk('d', 3, '2026-10', '2026-10'),
  ];
  const ids = (r: { reported: ReadonlyArray<{ id?: string }> }) => r.reported.map((x) => (x as { id: string }).id);

  it('October: a and b open at its end (both high), b and d raised, d closed', () => {
    const r = riskMonthReport(register as Array<ReportedRisk & { id: string }>, '2026-10');
    expect({ open: r.open, high: r.high, opened: r.opened, closed: r.closed }).toEqual({
      open: 2,
      high: 2,
      opened: 2,
      closed: 1,
    });
    expect(ids(r)).toEqual(['a', 'b', 'd']);
  });

  it('November: the count is at the end of November, not today: b closed in it, c raised', () => {
    const r = riskMonthReport(register as Array<ReportedRisk & { id: string }>, '2026-11');
    expect({ open: r.open, high: r.high, opened: r.opened, closed: r.closed }).toEqual({
      open: 2,
      high: 1,
      opened: 1,
      closed: 1,
    });
    expect(ids(r)).toEqual(['a', 'b', 'c']);
  });

  it('a month before anything was raised reports nothing', () => {
    const r = riskMonthReport(register, '2026-08');
    expect(r).toEqual({ open: 0, high: 0, opened: 0, closed: 0, reported: [] });
  });
});
