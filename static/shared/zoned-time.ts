/**
 * Wall-clock times in a named time zone (the viewer's Jira time zone, not the browser's): what a
 * `datetime-local` input holds ("2026-12-03T10:00") read as a moment in that zone, and back.
 */

const partsFormat = (timeZone: string) =>
  new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  });

/** The zone's wall clock at `ms`, as if it were UTC: its difference from `ms` is the zone's offset then. */
function wallClockAsUtc(ms: number, timeZone: string): number {
  const p = Object.fromEntries(
    partsFormat(timeZone)
      .formatToParts(new Date(ms))
      .map((x) => [x.type, x.value]),
  );
  return Date.UTC(
    Number(p.year),
    Number(p.month) - 1,
    Number(p.day),
    Number(p.hour),
    Number(p.minute),
    Number(p.second),
  );
}

/** "2026-12-03T10:00" in `timeZone` as an ISO instant; null when the text is not such a time. */
export function wallTimeToIso(local: string, timeZone: string): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(local);
  if (!m) return null;
  const asUtc = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]));
  if (Number.isNaN(asUtc)) return null;
  // Twice, so a time near a daylight-saving change takes the offset in force at the answer, not at the guess.
  let ms = asUtc - (wallClockAsUtc(asUtc, timeZone) - asUtc);
  ms = asUtc - (wallClockAsUtc(ms, timeZone) - ms);
  return new Date(ms).toISOString();
}

/** An instant as the `datetime-local` text of the zone's wall clock: "2026-12-03T10:00". */
export function isoToWallTime(iso: string, timeZone: string): string {
  return new Date(wallClockAsUtc(Date.parse(iso), timeZone)).toISOString().slice(0, 16);
}
