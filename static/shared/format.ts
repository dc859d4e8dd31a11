import type { Translator } from './translator';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

export interface Formatter {
  /** The viewer's Jira time zone: times are entered and shown in it, not in the browser's. */
  readonly timeZone: string;
  /** An instant, in the viewer's time zone: "Mar 12, 2025, 2:00 PM" / "2025年3月12日 14:00". */
  dateTime(iso: string): string;
  /** The same instant with the time zone named, for tooltips. */
  dateTimeLong(iso: string): string;
  /** A calendar date (yyyy-mm-dd): no time zone applies, so it never shifts a day. */
  date(isoDate: string): string;
  number(n: number): string;
  /** Names joined as the language joins them: "Ana, Bo" / "安娜、博". */
  list(items: readonly string[]): string;
  /** A share from 0 to 1 as a whole percentage. */
  percent(ratio: number): string;
  /** How far a deadline is from `asOf`: "in 3 h", "2 days late" / "3 小时后", "逾期 2 天". */
  untilInstant(iso: string, asOf: string): string;
  /** How far a calendar date is from the viewer's today at `asOf`: "due today", "in 3 days", "1 day late". */
  untilDate(isoDate: string, asOf: string): string;
  /** Calendar days from the viewer's today at `asOf` to `isoDate`; negative once the date has passed. */
  daysUntil(isoDate: string, asOf: string): number;
}

export interface FormatterOptions {
  t: Translator;
  intlLocale: string;
  timeZone: string;
}

/** The zone if `Intl` knows it, else UTC, so a bad context value degrades instead of crashing the view. */
export function safeTimeZone(timeZone: string | undefined | null): string {
  if (!timeZone) return 'UTC';
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
    return timeZone;
  } catch {
    return 'UTC';
  }
}

function parseIsoDate(isoDate: string): number {
  const [y, m, d] = isoDate.split('-').map(Number);
  return Date.UTC(y ?? 1970, (m ?? 1) - 1, d ?? 1);
}

/** Midnight UTC of the calendar day that `instant` falls on in `timeZone`. */
function calendarDayIn(instant: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).formatToParts(instant);
  const part = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)?.value);
  return Date.UTC(part('year'), part('month') - 1, part('day'));
}

export function daysUntil(isoDate: string, asOf: string, timeZone: string): number {
  return Math.round((parseIsoDate(isoDate) - calendarDayIn(Date.parse(asOf), timeZone)) / DAY);
}

export function createFormatter({ t, intlLocale, timeZone }: FormatterOptions): Formatter {
  const zone = safeTimeZone(timeZone);
  const dateTimeFmt = new Intl.DateTimeFormat(intlLocale, { dateStyle: 'medium', timeStyle: 'short', timeZone: zone });
  const dateTimeLongFmt = new Intl.DateTimeFormat(intlLocale, {
    dateStyle: 'full',
    timeStyle: 'long',
    timeZone: zone,
  });
  const dateFmt = new Intl.DateTimeFormat(intlLocale, { dateStyle: 'medium', timeZone: 'UTC' });
  const numberFmt = new Intl.NumberFormat(intlLocale);
  const percentFmt = new Intl.NumberFormat(intlLocale, { style: 'percent', maximumFractionDigits: 0 });

  return {
    timeZone: zone,
    dateTime: (iso) => dateTimeFmt.format(new Date(iso)),
    dateTimeLong: (iso) => dateTimeLongFmt.format(new Date(iso)),
    date: (isoDate) => dateFmt.format(parseIsoDate(isoDate)),
    number: (n) => numberFmt.format(n),
    list: (items) => (items.length ? items.reduce((list, item) => t('common.listJoin', { list, item })) : ''),
    // Floor, so 99.6 % never shows as a reassuring "100 %"; the epsilon absorbs 0.29 * 100 = 28.999….
    percent: (ratio) => percentFmt.format(Math.floor(ratio * 100 + 1e-9) / 100),
    untilInstant(iso, asOf) {
      const diff = Date.parse(iso) - Date.parse(asOf);
      const abs = Math.abs(diff);
      if (abs < MINUTE) return t('rel.now');
      const dir = diff > 0 ? 'in' : 'late';
      if (abs < HOUR) return t.plural(`rel.${dir}.minute`, Math.floor(abs / MINUTE));
      if (abs < 2 * DAY) return t.plural(`rel.${dir}.hour`, Math.floor(abs / HOUR));
      return t.plural(`rel.${dir}.day`, Math.floor(abs / DAY));
    },
    daysUntil: (isoDate, asOf) => daysUntil(isoDate, asOf, zone),
    untilDate(isoDate, asOf) {
      const days = daysUntil(isoDate, asOf, zone);
      if (days === 0) return t('rel.today');
      return days > 0 ? t.plural('rel.in.day', days) : t.plural('rel.late.day', -days);
    },
  };
}
