import { z } from 'zod';

/**
 * The contract's one notion of a date and of an instant. A date is a calendar day as yyyy-mm-dd that exists:
 * 2027-02-30 is refused rather than rolled over to 03-02 by `Date`, which would silently move a need-by date,
 * a counter-proposal or a holiday (and every deadline and critical path computed from it).
 */

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for a calendar date as yyyy-mm-dd that exists (no 2026-02-30, no 2026-13-01). */
export function isRealDate(v: string): boolean {
  const m = DATE.exec(v);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const t = new Date(Date.UTC(y, mo - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === mo - 1 && t.getUTCDate() === d;
}

/** A real calendar date as yyyy-mm-dd; anything else is refused with a message the user can act on. */
export const CalendarDateSchema = z.string().refine(isRealDate, { params: { messageId: 'validation.detail.date' } });

/** An instant with its offset, as Jira and the app write them (ISO 8601). */
export const IsoDateTimeSchema = z.string().datetime({ offset: true });
