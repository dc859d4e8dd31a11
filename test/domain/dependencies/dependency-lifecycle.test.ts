import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { DEPENDENCY_STATUSES } from '../../../src/contract';
import {
  allowedActions,
  canMove,
  dependencyHealth,
  DEPENDENCY_ACTIONS,
  leadTimeDays,
  MOVES,
  sidesOf,
  standingState,
  type DependencySide,
} from '../../../src/domain/dependencies/dependency';
import { weekdays } from '../../support/calendars';

const NOW = Date.parse('2026-11-23T02:00:00Z'); // Monday 10:00 Beijing
const base = { status: 'committed' as const, needBy: '2026-11-30', late: false, proposedDate: '', upstreamDueDate: '' };
/** Plain weekdays in Beijing; holidays and 调休 are in dependency-calendar.test.ts. */
const CAL = weekdays();

describe('dependency lifecycle', () => {
  it('runs requested → acknowledged → committed → delivered, and only forward', () => {
    expect(canMove('acknowledge', 'requested')).toBe(true);
    expect(canMove('commit', 'acknowledged')).toBe(true);
    expect(canMove('deliver', 'committed')).toBe(true);
    expect(canMove('acknowledge', 'delivered')).toBe(false);
    expect(canMove('deliver', 'requested')).toBe(false);
    for (const a of DEPENDENCY_ACTIONS) {
      // Issue 15: the approval (审批) of a delivery is taken on a delivered dependency and leaves it delivered.
      expect(canMove(a, 'delivered')).toBe(a === 'approve');
      expect(canMove(a, 'cancelled')).toBe(false);
    }
    expect(MOVES.approve.to).toBeNull();
  });

  it('offers each side only its own actions, in a status that allows them', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...DEPENDENCY_STATUSES),
        fc.subarray(['requester', 'provider'] as DependencySide[]),
        fc.boolean(),
        (status, sides, asked) => {
          const offered = allowedActions(status, new Set(sides), { asked });
          for (const a of offered) {
            expect(sides).toContain(MOVES[a].side);
            expect(canMove(a, status)).toBe(true);
          }
          if (sides.length === 0) expect(offered).toEqual([]);
        },
      ),
    );
    expect(allowedActions('requested', new Set(['provider']), { asked: false })).toEqual([
      'acknowledge',
      'decline',
      'counter',
      'commit',
    ]);
    expect(allowedActions('countered', new Set(['requester']), { asked: false })).toEqual([
      'cancel',
      'acceptCounter',
      'askDelay',
    ]);
    expect(allowedActions('committed', new Set(['provider']), { asked: true })).toContain('explainDelay');
    expect(allowedActions('committed', new Set(['provider']), { asked: false })).not.toContain('explainDelay');
  });

  it('puts Responsible/Accountable, department contacts and the creator on their side', () => {
    const dep = { requesterContacts: ['head-r'], providerContacts: ['if-p'], createdBy: 'maker' };
    expect([...sidesOf('maker', dep, [], [])]).toEqual(['requester']);
    expect([...sidesOf('if-p', dep, [], [])]).toEqual(['provider']);
    expect([...sidesOf('dev', dep, ['lead'], ['dev'])]).toEqual(['provider']);
    expect([...sidesOf('stranger', dep, ['lead'], ['dev'])]).toEqual([]);
  });
});

describe('dependency health', () => {
  it('is on track, at risk, overdue or blocked, with the reason', () => {
    expect(dependencyHealth(base, NOW, CAL)).toEqual({ health: 'onTrack', reason: 'none', days: 0 });
    expect(dependencyHealth({ ...base, upstreamDueDate: '2026-12-02' }, NOW, CAL)).toEqual({
      health: 'atRisk',
      reason: 'upstreamDueAfterNeedBy',
      days: 2,
    });
    expect(dependencyHealth({ ...base, status: 'countered', proposedDate: '2026-12-01' }, NOW, CAL)).toMatchObject({
      health: 'atRisk',
      reason: 'counterAfterNeedBy',
      days: 1,
    });
    expect(dependencyHealth({ ...base, status: 'requested', late: true }, NOW, CAL)).toMatchObject({
      health: 'atRisk',
      reason: 'responseLate',
    });
    expect(dependencyHealth({ ...base, upstreamBlocked: true }, NOW, CAL)).toMatchObject({
      health: 'atRisk',
      reason: 'upstreamBlocked',
    });
    expect(dependencyHealth({ ...base, needBy: '2026-11-19' }, NOW, CAL)).toEqual({
      health: 'overdue',
      reason: 'needByPassed',
      days: 2,
    });
    expect(dependencyHealth({ ...base, status: 'declined' }, NOW, CAL)).toMatchObject({
      health: 'blocked',
      reason: 'declined',
    });
    expect(dependencyHealth({ ...base, status: 'delivered', needBy: '2026-11-01' }, NOW, CAL)).toMatchObject({
      health: 'done',
    });
  });

  it('weighs a dependency by its lead time in working days, at least one', () => {
    expect(leadTimeDays({ createdAt: NOW, needBy: '2026-11-30' }, CAL)).toBe(5);
    expect(leadTimeDays({ createdAt: NOW, needBy: '' }, CAL)).toBe(1);
    expect(leadTimeDays({ createdAt: NOW, needBy: '2026-11-01' }, CAL)).toBe(1);
  });
});

describe('dependency health: the upstream itself late', () => {
  it('is at risk when the upstream issue is past its own due date', () => {
    expect(dependencyHealth({ ...base, upstreamDueDate: '2026-11-19' }, NOW, CAL)).toEqual({
      health: 'atRisk',
      reason: 'upstreamPastDue',
      days: 2,
    });
  });
});

describe('standing state (the clock-free risk the rollup counts)', () => {
  const base = {
    status: 'committed' as const,
    needBy: '2026-12-10',
    upstreamDueDate: '2026-12-01',
    proposedDate: '',
    late: false,
  };
  it('is at risk only for what the record itself says', () => {
    expect(standingState(base)).toBe('on-track');
    expect(standingState({ ...base, upstreamDueDate: '2026-12-11' })).toBe('at-risk');
    expect(standingState({ ...base, status: 'countered', proposedDate: '2026-12-15' })).toBe('at-risk');
    expect(standingState({ ...base, status: 'countered', proposedDate: '2026-12-09' })).toBe('on-track');
    expect(standingState({ ...base, status: 'requested', late: true })).toBe('at-risk');
    expect(standingState({ ...base, status: 'declined' })).toBe('blocked');
    expect(standingState({ ...base, needBy: '', upstreamDueDate: '2027-01-01' })).toBe('on-track');
  });
  it('agrees with the clock-aware health wherever the clock does not matter', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('requested', 'acknowledged', 'countered', 'committed'),
        fc.constantFrom('', '2026-12-05', '2026-12-10', '2026-12-20'),
        fc.constantFrom('', '2026-12-05', '2026-12-10', '2026-12-20'),
        fc.constantFrom('', '2026-12-05', '2026-12-20'),
        fc.boolean(),
        (status, needBy, upstreamDueDate, proposedDate, late) => {
          const d = { status, needBy, upstreamDueDate, proposedDate, late } as const;
          // Long before every date, the clock-aware health is at risk exactly when the standing state is.
          const early = dependencyHealth(d, Date.UTC(2026, 0, 5, 3), CAL);
          expect(early.health === 'atRisk').toBe(standingState(d) === 'at-risk');
        },
      ),
    );
  });
});
