import { describe, expect, it } from 'vitest';
import { HIGH_RISK_SCORE, monthOf, riskRank, riskZone, riskZones } from '../../../src/domain/project/risks';
import { actionRank } from '../../../src/domain/project/retrospectives';

describe('risk zones', () => {
  it('high from the score the rollup counts as high, medium from 6, low below', () => {
    expect(riskZone(HIGH_RISK_SCORE)).toBe('high');
    expect(riskZone(HIGH_RISK_SCORE - 1)).toBe('medium');
    expect(riskZone(6)).toBe('medium');
    expect(riskZone(5)).toBe('low');
    expect(riskZone(1)).toBe('low');
  });

  it('gives every cell of the 5×5 map the zone of its score', () => {
    const zones = riskZones();
    expect(Object.keys(zones)).toHaveLength(25);
    expect(zones['4:4']).toBe('high');
    expect(zones['2:3']).toBe('medium');
    expect(zones['1:5']).toBe('low');
    expect(zones['5:3']).toBe('high');
  });
});

describe('the month of an instant, for the monthly report', () => {
  it('is the month where the viewer is, not in UTC', () => {
    const lateMarch = Date.parse('2025-03-31T17:00:00Z');
    expect(monthOf(lateMarch, 'UTC')).toBe('2025-03');
    expect(monthOf(lateMarch, 'Asia/Shanghai')).toBe('2025-04');
    expect(monthOf(Date.parse('2025-04-01T03:00:00Z'), 'America/New_York')).toBe('2025-03');
  });

  it('falls back to UTC for a zone Intl does not know', () => {
    expect(monthOf(Date.parse('2025-03-31T17:00:00Z'), 'Nowhere/Else')).toBe('2025-03');
  });
});

describe('list ranks', () => {
  const base = { id: 'r1', createdAt: 1000 };
  it('risks: open before closed, then the highest score, then the oldest', () => {
    const ranks = [
      riskRank({ ...base, id: 'closed', status: 'closed', probability: 5, impact: 5 }),
      riskRank({ ...base, id: 'low', status: 'open', probability: 1, impact: 2 }),
      riskRank({ ...base, id: 'high-new', status: 'open', probability: 5, impact: 4, createdAt: 2000 }),
      riskRank({ ...base, id: 'high-old', status: 'mitigating', probability: 4, impact: 5 }),
    ].sort();
    expect(ranks.map((r) => r.split('.').pop())).toEqual(['high-old', 'high-new', 'low', 'closed']);
  });

  it('action items: not done before done, then the earliest due date', () => {
    const ranks = [
      actionRank({ ...base, id: 'done', status: 'done', dueDate: '2025-01-01' }),
      actionRank({ ...base, id: 'later', status: 'open', dueDate: '2025-03-01' }),
      actionRank({ ...base, id: 'sooner', status: 'open', dueDate: '2025-02-01' }),
    ].sort();
    expect(ranks.map((r) => r.split('.').pop())).toEqual(['sooner', 'later', 'done']);
  });
});
