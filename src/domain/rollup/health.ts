import type { Figure, FigureId, Health, HealthReason } from '../../contract/project';
import { FEEDBACK_DIMENSIONS, weekOf, type ProjectRollup, type Ratio } from './core';
import { dependencyCounters } from './dependencies';
import { overdueActions } from './project';
import { overdueInVersion, overdueOpen, raciCoverage, versionCounters } from './issues';

const DAY = 86_400_000;
const dayNumber = (date: string) => Math.round(Date.parse(`${date}T00:00:00Z`) / DAY);
export const addDays = (date: string, days: number) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY).toISOString().slice(0, 10);

/** How far behind the work may fall, as a share of the milestone's time, before it is at risk / off track. */
export const BEHIND_AT_RISK = 0.1;
export const BEHIND_OFF_TRACK = 0.25;
/** Overdue issues are off track from this share of the milestone's open issues on. */
export const OVERDUE_OFF_TRACK = 0.25;

export interface MilestoneFacts {
  versionId: string;
  released: boolean;
  startDate: string | null;
  releaseDate: string | null;
  bufferDays: number;
  /** yyyy-mm-dd in the project's calendar. */
  today: string;
}

export interface MilestoneAssessment {
  health: Health;
  reasons: HealthReason[];
  elapsed: number | null;
  issues: { total: number; done: number; overdue: number };
  burnup: Array<{ week: string; scope: number; done: number }>;
}

/**
 * A milestone's health from the rollup alone: time elapsed against work done (start to release date plus
 * buffer), overdue issues, blocked or at-risk dependencies and open escalations in the milestone. Every
 * reason that makes it less than on track is listed with its figure.
 */
export function assessMilestone(rollup: ProjectRollup, m: MilestoneFacts): MilestoneAssessment {
  const v = versionCounters(rollup, m.versionId);
  const overdue = overdueInVersion(rollup, m.versionId, m.today);
  const issues = { total: v.total, done: v.done, overdue };
  const burnup = burnupOf(v.total, v.done, v.createdByWeek, v.doneByWeek, m.today);
  const start = m.startDate ?? Object.keys(v.createdByWeek).sort()[0] ?? null;
  const deadline = m.releaseDate ? addDays(m.releaseDate, m.bufferDays) : null;
  const elapsed =
    start && deadline && dayNumber(deadline) > dayNumber(start)
      ? Math.min(1, Math.max(0, (dayNumber(m.today) - dayNumber(start)) / (dayNumber(deadline) - dayNumber(start))))
      : null;
  if (m.released) return { health: 'released', reasons: [], elapsed, issues, burnup };
  if (v.total === 0) return { health: 'no-issues', reasons: [], elapsed, issues, burnup };

  const off: HealthReason[] = [];
  const risk: HealthReason[] = [];
  const open = v.total - v.done;
  if (deadline && m.today > deadline && open > 0)
    off.push({ code: 'pastDue', n: dayNumber(m.today) - dayNumber(deadline) });
  else if (m.releaseDate && deadline && m.today > m.releaseDate && open > 0)
    risk.push({ code: 'inBuffer', n: dayNumber(deadline) - dayNumber(m.today) });
  if (elapsed !== null) {
    const gap = elapsed - v.done / v.total;
    if (gap > BEHIND_OFF_TRACK) off.push({ code: 'behind', n: Math.round(gap * 100) });
    else if (gap > BEHIND_AT_RISK) risk.push({ code: 'slightlyBehind', n: Math.round(gap * 100) });
  }
  if (overdue > 0) (overdue / open >= OVERDUE_OFF_TRACK ? off : risk).push({ code: 'overdueIssues', n: overdue });
  const deps = dependencyCounters(rollup.dependencies.byVersion[m.versionId]);
  if (deps.blocked > 0) off.push({ code: 'depsBlocked', n: deps.blocked });
  if (deps.atRisk > 0) risk.push({ code: 'depsAtRisk', n: deps.atRisk });
  const escalations = rollup.escalations.openByVersion[m.versionId] ?? 0;
  if (escalations > 0) risk.push({ code: 'escalationsOpen', n: escalations });
  const health: Health = off.length > 0 ? 'off-track' : risk.length > 0 ? 'at-risk' : 'on-track';
  return { health, reasons: [...off, ...risk], elapsed, issues, burnup };
}

/** At most this many weekly points in a burn-up (two years). */
export const MAX_BURNUP_WEEKS = 104;

/**
 * Weekly burn-up: cumulative scope (issues in the milestone by creation week) and cumulative done (by the
 * week they were finished), from the first week with an event to the current week. Issues counted before
 * the dates were kept (no week known) are put in the first week, so the last point equals today's counts.
 */
export function burnupOf(
  total: number,
  done: number,
  createdByWeek: Record<string, number>,
  doneByWeek: Record<string, number>,
  today: string,
): Array<{ week: string; scope: number; done: number }> {
  const weeks = [...Object.keys(createdByWeek), ...Object.keys(doneByWeek)].sort();
  if (weeks.length === 0) return total === 0 ? [] : [{ week: weekOf(today), scope: total, done }];
  const sum = (m: Record<string, number>) => Object.values(m).reduce((a, b) => a + b, 0);
  let scope = total - sum(createdByWeek);
  let finished = done - sum(doneByWeek);
  const last = [weeks[weeks.length - 1]!, weekOf(today)].sort()[1]!;
  let week = weeks[0]!;
  const lastDay = dayNumber(last);
  if ((lastDay - dayNumber(week)) / 7 >= MAX_BURNUP_WEEKS) {
    // Fold the weeks before the window into its first point.
    const from = addDays(last, -7 * (MAX_BURNUP_WEEKS - 1));
    for (const [w, n] of Object.entries(createdByWeek)) if (w < from) scope += n;
    for (const [w, n] of Object.entries(doneByWeek)) if (w < from) finished += n;
    week = from;
  }
  const points: Array<{ week: string; scope: number; done: number }> = [];
  for (; dayNumber(week) <= lastDay; week = addDays(week, 7)) {
    scope += createdByWeek[week] ?? 0;
    finished += doneByWeek[week] ?? 0;
    points.push({ week, scope, done: finished });
  }
  return points;
}

const ratio = (r: Ratio) => (r.total === 0 ? null : r.hit / r.total);
const of = (hit: number, total: number) => ({ hit, total });

/** Targets from the seed documents (docs/domain.md, "The figures"); null where they set none. */
export const FIGURE_TARGETS: Record<FigureId, number | null> = {
  delayRate: 0.05,
  dependencyOnTime: null,
  requestsInTime: 0.98,
  escalationsInTime: null,
  raciCoverage: 0.98,
  overdueActions: 0,
  satisfaction: 4.5,
};

/**
 * The project's figures, each from the rollup alone. A figure whose counter has counted nothing yet is null
 * ("no data yet"), never 0 %.
 */
export function projectFigures(rollup: ProjectRollup, today: string): Figure[] {
  const overdue = overdueOpen(rollup, today);
  const late = rollup.finishedByDue.total - rollup.finishedByDue.hit + overdue;
  const judged = rollup.finishedByDue.total + overdue;
  const { dependencies: d, escalations: e, feedback: f } = rollup;
  const scoreSum = FEEDBACK_DIMENSIONS.reduce((a, k) => a + f.sums[k], 0);
  const answers = f.forms * FEEDBACK_DIMENSIONS.length;
  const fig = (
    id: FigureId,
    value: number | null,
    unit: Figure['unit'],
    better: Figure['better'],
    from: Figure['of'],
  ): Figure => ({
    id,
    value,
    unit,
    target: FIGURE_TARGETS[id],
    better,
    of: from,
  });
  return [
    fig('delayRate', judged === 0 ? null : late / judged, 'ratio', 'lower', of(late, judged)),
    fig('dependencyOnTime', ratio(d.delivered), 'ratio', 'higher', of(d.delivered.hit, d.delivered.total)),
    fig('requestsInTime', ratio(d.answered), 'ratio', 'higher', of(d.answered.hit, d.answered.total)),
    fig('escalationsInTime', ratio(e.resolved), 'ratio', 'higher', of(e.resolved.hit, e.resolved.total)),
    fig('raciCoverage', raciCoverage(rollup), 'ratio', 'higher', of(rollup.raciCompleteOpen, rollup.openIssues)),
    fig(
      'overdueActions',
      overdueActions(rollup, today),
      'count',
      'lower',
      of(overdueActions(rollup, today), rollup.actions.open),
    ),
    fig(
      'satisfaction',
      answers === 0 ? null : scoreSum / answers,
      'score',
      'higher',
      f.forms === 0 ? null : of(f.forms, f.forms),
    ),
  ];
}
