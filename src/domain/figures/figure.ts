import type { HeadlineFigure, HeadlineFigureId } from '../../contract/project-figures';
import { isoDate, localDayNumber } from '../shared/calendar';

/** One thing a figure judges (a request, a step, a problem, an answer): when it counts, and whether it is a hit. */
export interface Judgement {
  /** The instant that places it in a week: a request's creation, a step's due time, an answer's date. */
  at: number;
  hit: boolean;
}

/** The seeds' targets (docs/domain.md, "The figures"); `lower` targets are strict (< 5 %), `higher` ones inclusive (≥ 98 %). */
export const HEADLINE_TARGETS: Record<HeadlineFigureId, { target: number | null; better: 'higher' | 'lower' }> = {
  buckPassing: { target: 0.05, better: 'lower' },
  problemOmission: { target: 0.03, better: 'lower' },
  infoOmission: { target: 0.03, better: 'lower' },
  compliance: { target: 0.98, better: 'higher' },
  projectDelay: { target: 0.05, better: 'lower' },
  repeatProblems: { target: 0.05, better: 'lower' },
  satisfactionShare: { target: 0.9, better: 'higher' },
  deliveryOnTime: { target: null, better: 'higher' },
};

/** Whether a value meets its target; null when there is no value or no target. */
export function meetsTarget(f: Pick<HeadlineFigure, 'value' | 'target' | 'better'>): boolean | null {
  if (f.value === null || f.target === null) return null;
  return f.better === 'lower' ? f.value < f.target : f.value >= f.target;
}

/** The Monday (yyyy-mm-dd) of the ISO week an instant falls in, in a time zone. */
export function weekStartOf(at: number, timeZone: string): string {
  const day = localDayNumber(at, timeZone);
  const weekday = (((day + 3) % 7) + 7) % 7; // 1970-01-01 was a Thursday: 0 = Monday
  return isoDate(day - weekday);
}

/** The Mondays of the `weeks` weeks up to and including the one `now` falls in, oldest first. */
export function lastWeeks(now: number, timeZone: string, weeks: number): string[] {
  const last = weekStartOf(now, timeZone);
  const day = Date.parse(`${last}T00:00:00Z`) / 86_400_000;
  return Array.from({ length: weeks }, (_, i) => isoDate(day - 7 * (weeks - 1 - i)));
}

const share = (hit: number, total: number) => (total === 0 ? null : hit / total);

/**
 * A figure from its judgements: hits over all judged, and one weekly point per week (each week's own
 * judgements), so the weekly totals add up to the figure's total for the weeks shown.
 */
export function figureOf(
  id: HeadlineFigureId,
  judged: readonly Judgement[],
  weeks: readonly string[],
  timeZone: string,
): HeadlineFigure {
  const hit = judged.filter((j) => j.hit).length;
  const byWeek = new Map(weeks.map((w) => [w, { hit: 0, total: 0 }]));
  for (const j of judged) {
    const point = byWeek.get(weekStartOf(j.at, timeZone));
    if (!point) continue;
    point.total += 1;
    if (j.hit) point.hit += 1;
  }
  return {
    id,
    value: share(hit, judged.length),
    hit,
    total: judged.length,
    ...HEADLINE_TARGETS[id],
    trend: weeks.map((week) => {
      const p = byWeek.get(week)!;
      return { week, value: share(p.hit, p.total), ...p };
    }),
  };
}

/**
 * A figure that is a state rather than a count of events (is the project late?): its value now, and each
 * week's value as of that week's end.
 */
export function stateFigureOf(
  id: HeadlineFigureId,
  at: (asOfDate: string) => { hit: number; total: number },
  today: string,
  weeks: readonly string[],
): HeadlineFigure {
  const now = at(today);
  const sunday = (monday: string) => isoDate(Date.parse(`${monday}T00:00:00Z`) / 86_400_000 + 6);
  return {
    id,
    value: share(now.hit, now.total),
    ...now,
    ...HEADLINE_TARGETS[id],
    trend: weeks.map((week) => {
      const end = sunday(week) < today ? sunday(week) : today;
      const p = at(end);
      return { week, value: share(p.hit, p.total), ...p };
    }),
  };
}
