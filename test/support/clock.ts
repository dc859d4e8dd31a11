/**
 * Where every sandbox a test or benchmark starts has its clock: Monday 9 March 2026, 09:00 in Beijing, the
 * first hour of an ordinary working week (after 春节 and its 调休 days, weeks before 清明). Results then do not
 * depend on the weekday, hour or holiday season the suite happens to run in; a test about "now" itself says so
 * and passes `startAt: 'real'`.
 */
export const TEST_START = Date.parse('2026-03-09T09:00:00+08:00');
