import { describe, expect, it } from 'vitest';
import { createI18n } from '../../static/shared/i18n';
import { surfaceMessages } from '../../static/shared/messages';
import { daysUntil, safeTimeZone } from '../../static/shared/format';

// The formatter speaks with the shared strings alone, which every surface ships.
const shared = surfaceMessages();
const en = createI18n('en', 'en-US', 'Asia/Shanghai', shared).fmt;
const zh = createI18n('zh', 'zh-CN', 'Asia/Shanghai', shared).fmt;
const ny = createI18n('en', 'en-US', 'America/New_York', shared).fmt;

const AS_OF = '2025-03-10T09:00:00.000Z'; // 17:00 in Shanghai, 05:00 in New York

describe('dates and times', () => {
  it('shows an instant in the viewer’s time zone', () => {
    expect(en.dateTime('2025-03-10T18:30:00Z')).toBe('Mar 11, 2025, 2:30 AM');
    expect(ny.dateTime('2025-03-10T18:30:00Z')).toBe('Mar 10, 2025, 2:30 PM');
    expect(zh.dateTime('2025-03-10T18:30:00Z')).toBe('2025年3月11日 02:30');
  });

  it('names the zone in the long form', () => {
    expect(en.dateTimeLong('2025-03-10T18:30:00Z')).toMatch(/Tuesday, March 11, 2025 at 2:30:00 AM GMT\+8/);
  });

  it('never shifts a calendar date, whatever the zone', () => {
    expect(en.date('2025-03-01')).toBe('Mar 1, 2025');
    expect(ny.date('2025-03-01')).toBe('Mar 1, 2025');
    expect(zh.date('2025-03-01')).toBe('2025年3月1日');
  });

  it('formats numbers and floors percentages', () => {
    expect(en.number(12345)).toBe('12,345');
    expect(en.percent(0.996)).toBe('99%');
    expect(en.percent(0.29)).toBe('29%');
    expect(zh.percent(1)).toBe('100%');
  });
});

describe('relative phrases', () => {
  it('counts down to a deadline', () => {
    expect(en.untilInstant('2025-03-10T12:00:00Z', AS_OF)).toBe('in 3 h');
    expect(zh.untilInstant('2025-03-10T12:00:00Z', AS_OF)).toBe('3 小时后');
    expect(en.untilInstant('2025-03-10T09:45:00Z', AS_OF)).toBe('in 45 min');
    expect(en.untilInstant('2025-03-13T09:00:00Z', AS_OF)).toBe('in 3 days');
    expect(en.untilInstant('2025-03-10T09:00:30Z', AS_OF)).toBe('now');
  });

  it('says how late a passed deadline is', () => {
    expect(en.untilInstant('2025-03-08T09:00:00Z', AS_OF)).toBe('2 days late');
    expect(zh.untilInstant('2025-03-08T09:00:00Z', AS_OF)).toBe('逾期 2 天');
    expect(en.untilInstant('2025-03-09T08:00:00Z', AS_OF)).toBe('25 h late');
    expect(en.untilInstant('2025-03-07T08:00:00Z', AS_OF)).toBe('3 days late');
  });

  it('counts calendar days in the viewer’s zone', () => {
    // 09:00Z is already the 10th in both zones; 20:00Z is the 11th in Shanghai but still the 10th in New York.
    expect(en.untilDate('2025-03-10', AS_OF)).toBe('due today');
    expect(en.untilDate('2025-03-11', AS_OF)).toBe('in 1 day');
    expect(en.untilDate('2025-03-09', AS_OF)).toBe('1 day late');
    expect(zh.untilDate('2025-03-08', AS_OF)).toBe('逾期 2 天');
    expect(daysUntil('2025-03-11', '2025-03-10T20:00:00Z', 'Asia/Shanghai')).toBe(0);
    expect(daysUntil('2025-03-11', '2025-03-10T20:00:00Z', 'America/New_York')).toBe(1);
  });
});

describe('safeTimeZone', () => {
  it('keeps a known zone and falls back to UTC otherwise', () => {
    expect(safeTimeZone('Asia/Shanghai')).toBe('Asia/Shanghai');
    expect(safeTimeZone('Mars/Olympus')).toBe('UTC');
    expect(safeTimeZone(undefined)).toBe('UTC');
  });
});
