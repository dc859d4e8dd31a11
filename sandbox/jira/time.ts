/** `YYYY-MM-DD` of an instant, in UTC (the sandbox site's time zone). */
export function isoDate(d: Date): string {
  return d.toISOString().slice(0, 10);
}

/** Jira's timestamp format, e.g. `2024-05-20T10:00:00.000+0000`. */
export function jiraDateTime(ms: number): string {
  return new Date(ms).toISOString().replace('Z', '+0000');
}

/** Adds whole days to a `YYYY-MM-DD` date or to an instant and returns the date. */
export function addDays(date: Date, days: number): string {
  return isoDate(new Date(date.getTime() + days * 86_400_000));
}

/** Jira's `userReleaseDate` style, e.g. `30/Jun/24`. */
export function userDate(isoDay: string): string {
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  const [y, m, d] = isoDay.split('-');
  return `${d}/${months[Number(m) - 1] ?? '???'}/${(y ?? '').slice(2)}`;
}

export const isValidIsoDate = (s: string): boolean => {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && isoDate(d) === s;
};
