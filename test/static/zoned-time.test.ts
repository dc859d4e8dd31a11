import { describe, expect, it } from 'vitest';
import { isoToWallTime, wallTimeToIso } from '../../static/shared/zoned-time';

/** An answer-needed-by time is the viewer's Jira time zone's wall clock, whatever zone the browser is in. */
describe('wall-clock times in the Jira time zone', () => {
  it('reads 10:00 as 10:00 in the zone, not in the browser', () => {
    expect(wallTimeToIso('2026-12-03T10:00', 'Asia/Shanghai')).toBe('2026-12-03T02:00:00.000Z');
    expect(wallTimeToIso('2026-07-01T10:00', 'Europe/Berlin')).toBe('2026-07-01T08:00:00.000Z');
    expect(wallTimeToIso('2026-01-15T10:00', 'Europe/Berlin')).toBe('2026-01-15T09:00:00.000Z');
  });

  it('shows an instant as the zone’s wall clock, and back', () => {
    expect(isoToWallTime('2026-12-03T02:00:00.000Z', 'Asia/Shanghai')).toBe('2026-12-03T10:00');
    for (const zone of ['Asia/Shanghai', 'America/New_York', 'UTC']) {
      expect(isoToWallTime(wallTimeToIso('2026-11-01T09:30', zone)!, zone)).toBe('2026-11-01T09:30');
    }
  });

  it('refuses text that is not a time', () => {
    expect(wallTimeToIso('', 'UTC')).toBeNull();
    expect(wallTimeToIso('10:00', 'UTC')).toBeNull();
  });
});
