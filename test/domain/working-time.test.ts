import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { addWorkingHours, workingDaysBetween, PLAIN_WEEKDAYS } from '../../src/domain/working-time';

const at = (s: string) => Date.parse(s);
const H = 3_600_000;

/** Brute force: step minute by minute and count the minutes inside working hours (Beijing time). */
function workingMinutes(from: number, to: number): number {
  let n = 0;
  for (let t = from; t < to; t += 60_000) {
    const local = new Date(t + 8 * H);
    const day = local.getUTCDay();
    const hour = local.getUTCHours();
    if (day >= 1 && day <= 5 && hour >= 9 && hour < 18) n++;
  }
  return n;
}

describe('working time (plain weekdays 09:00-18:00, Beijing)', () => {
  it('counts only working hours: a Friday-evening request with 24 h is due on Wednesday evening', () => {
    // 2026-11-20 is a Friday; 19:00 Beijing = 11:00 UTC.
    expect(new Date(addWorkingHours(at('2026-11-20T11:00:00Z'), 24, PLAIN_WEEKDAYS)).toISOString()).toBe('2026-11-25T07:00:00.000Z');
    // Monday 10:00 Beijing + 3 h = 13:00 the same day.
    expect(new Date(addWorkingHours(at('2026-11-23T02:00:00Z'), 3)).toISOString()).toBe('2026-11-23T05:00:00.000Z');
  });

  it('adds exactly the asked working minutes (vs a minute-by-minute count)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 14 * 24 * 60 }), fc.integer({ min: 1, max: 40 }), (startMin, hours) => {
        const from = at('2026-11-16T00:00:00Z') + startMin * 60_000;
        const due = addWorkingHours(from, hours);
        expect(workingMinutes(from, due)).toBe(hours * 60);
        // …and not a minute later than needed: the last minute before `due` is a working one.
        expect(workingMinutes(due - 60_000, due)).toBe(1);
      }),
      { numRuns: 60 },
    );
  });

  it('counts working days after a date up to another, weekends left out, negative backwards', () => {
    expect(workingDaysBetween('2026-11-20', '2026-11-23')).toBe(1); // Fri → Mon
    expect(workingDaysBetween('2026-11-23', '2026-11-30')).toBe(5);
    expect(workingDaysBetween('2026-11-30', '2026-11-23')).toBe(-5);
    expect(workingDaysBetween('2026-11-23', '2026-11-23')).toBe(0);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 400 }), fc.integer({ min: 0, max: 400 }), (a, b) => {
        const d = (n: number) => new Date(Date.UTC(2026, 0, 1) + n * 86_400_000).toISOString().slice(0, 10);
        let brute = 0;
        for (let i = Math.min(a, b) + 1; i <= Math.max(a, b); i++) {
          const wd = new Date(Date.UTC(2026, 0, 1) + i * 86_400_000).getUTCDay();
          if (wd >= 1 && wd <= 5) brute++;
        }
        expect(workingDaysBetween(d(a), d(b))).toBe(b >= a ? brute : -brute);
      }),
    );
  });
});
