import type { RiskZone } from '../../contract/project';

/** A risk is high when probability × impact is at least this (the red corner of the 5×5 map). */
export const HIGH_RISK_SCORE = 15;
/** From this score on a risk is medium (the amber band of the map). */
export const MEDIUM_RISK_SCORE = 6;

/** The zone of the 5×5 map a score falls in: what the register, the heat map and the rollup's "high" agree on. */
export function riskZone(score: number): RiskZone {
  return score >= HIGH_RISK_SCORE ? 'high' : score >= MEDIUM_RISK_SCORE ? 'medium' : 'low';
}

/** Every cell of the 5×5 map ("probability:impact") with its zone. */
export function riskZones(): Record<string, RiskZone> {
  const out: Record<string, RiskZone> = {};
  for (let p = 1; p <= 5; p++) for (let i = 1; i <= 5; i++) out[`${p}:${i}`] = riskZone(p * i);
  return out;
}

/** Sortable fixed-width parts of a rank: ties go to the older record, then the id keeps ranks unique. */
export const rankTail = (createdAt: number, id: string) =>
  `${String(Math.max(0, Math.round(createdAt))).padStart(15, '0')}.${id}`;

/** Open and mitigating before closed, then the highest score (probability × impact), then the oldest. */
export function riskRank(r: {
  id: string;
  status?: string | undefined;
  createdAt: number;
  probability: number;
  impact: number;
}): string {
  return `${r.status === 'closed' ? 1 : 0}.${String(25 - r.probability * r.impact).padStart(2, '0')}.${rankTail(r.createdAt, r.id)}`;
}

const monthFormats = new Map<string, Intl.DateTimeFormat>();

/**
 * The month (yyyy-mm) an instant falls in, in a time zone: the monthly report counts a risk raised at
 * 00:30 on 1 April in Shanghai as April's, where the UTC month would say March.
 */
export function monthOf(at: number, timeZone: string): string {
  let f = monthFormats.get(timeZone);
  if (!f) {
    try {
      f = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit' });
    } catch {
      f = new Intl.DateTimeFormat('en-CA', { timeZone: 'UTC', year: 'numeric', month: '2-digit' });
    }
    monthFormats.set(timeZone, f);
  }
  const parts = f.formatToParts(at);
  return `${parts.find((p) => p.type === 'year')!.value}-${parts.find((p) => p.type === 'month')!.value}`;
}

/** What the monthly report needs of a risk. */
export interface ReportedRisk {
  score: number;
  zone: RiskZone;
  /** yyyy-mm it was raised and closed in (closed: null while it is not). */
  openedMonth: string;
  closedMonth: string | null;
}

/**
 * The monthly risk report of `month` (yyyy-mm): the risks open at the end of that month (raised by then and not
 * closed by then, so a past month's report does not change when a risk is closed later), how many of them are
 * high, how many were raised and closed in it, and every risk it speaks of, highest score first.
 */
export function riskMonthReport<R extends ReportedRisk>(risks: readonly R[], month: string) {
  const openAtEnd = risks.filter((r) => r.openedMonth <= month && (r.closedMonth === null || r.closedMonth > month));
  const opened = risks.filter((r) => r.openedMonth === month);
  const closed = risks.filter((r) => r.closedMonth === month);
  const reported = [...new Set([...openAtEnd, ...opened, ...closed])].sort((a, b) => b.score - a.score);
  return {
    open: openAtEnd.length,
    high: openAtEnd.filter((r) => r.zone === 'high').length,
    opened: opened.length,
    closed: closed.length,
    reported,
  };
}
