import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  allowedActions,
  escalationContribution,
  isEscalationOpen,
  NEVER,
  transition,
  type Authority,
  type Command,
  type EscalationRecord,
  type LevelDeadline,
} from '../../../src/domain/escalations/escalation';
import { applyEscalationChange } from '../../../src/domain/rollup/escalations';
import { emptyRollup } from '../../../src/domain/rollup/core';

const H = 3_600_000;
// Shares 24 / 48 / 48 counted from the raising: levels run out 24, 72 and 120 hours after it.
const deadline: LevelDeadline = (rec, level) => rec.raisedAt + (level === 1 ? 24 : level === 2 ? 72 : 120) * H;

function fresh(now = 1_000_000): EscalationRecord {
  return {
    id: 'esc-1',
    issueId: '1',
    issueKey: 'PAY-1',
    projectKey: 'PAY',
    status: 'open',
    level: 1,
    dueAt: deadline({ raisedAt: now }, 1),
    raisedAt: now,
    raisedBy: 'raiser',
    source: 'panel',
    summary: 's',
    description: 'd',
    impact: '',
    supportNeeded: '',
    departmentAsked: 'rnd',
    requesterDept: 'product',
    requestedDeadline: '',
    dependencyId: '',
    ackAt: 0,
    closedAt: 0,
    outcome: '',
    closedBy: '',
    binding: false,
    breached: false,
    resolvedInTime: false,
    updatedAt: now,
    version: 1,
  };
}

const authority = fc.record({
  accountId: fc.constantFrom('raiser', 'a', 'b', null),
  holds: fc.constantFrom(0, 1, 2, 3) as fc.Arbitrary<0 | 1 | 2 | 3>,
  raiser: fc.boolean(),
  automation: fc.boolean(),
}) as fc.Arbitrary<Authority>;
const text = fc.constantFrom('', '  ', 'because');
const command: fc.Arbitrary<Command> = fc.oneof(
  fc.constant({ kind: 'acknowledge' as const }),
  text.map((t) => ({ kind: 'resolve' as const, text: t })),
  text.map((t) => ({ kind: 'reject' as const, text: t })),
  text.map((t) => ({ kind: 'withdraw' as const, text: t })),
  text.map((t) => ({ kind: 'climb' as const, text: t })),
  text.map((t) => ({ kind: 'decide' as const, text: t })),
  fc.constant({ kind: 'deadline' as const }),
);
const step = fc.record({ cmd: command, who: authority, advanceH: fc.integer({ min: 0, max: 80 }) });

describe('escalation state machine (property-based)', () => {
  it('keeps its invariants over any sequence of commands', () => {
    fc.assert(
      fc.property(fc.array(step, { maxLength: 40 }), (steps) => {
        let rec = fresh();
        let now = rec.raisedAt;
        let rollup = applyEscalationChange(emptyRollup('PAY'), null, escalationContribution(rec), now);
        let breaches = 0;
        for (const { cmd, who, advanceH } of steps) {
          now += advanceH * H;
          const before = rec;
          const out = transition(rec, cmd, who, now, deadline);
          if (!out.ok) {
            // A refusal changes nothing, and a closed escalation refuses everything.
            if (!isEscalationOpen(before.status)) expect(out.refusal).toBe('CLOSED');
            continue;
          }
          rec = out.next;
          rollup = applyEscalationChange(rollup, escalationContribution(before), escalationContribution(rec), now);
          expect(isEscalationOpen(before.status)).toBe(true);
          expect(rec.version).toBe(before.version + 1);
          expect(rec.level).toBeGreaterThanOrEqual(before.level);
          expect(rec.level - before.level).toBeLessThanOrEqual(1);
          expect([1, 2, 3]).toContain(rec.level);
          if (before.ackAt) expect(rec.ackAt).toBe(before.ackAt);
          if (['resolve', 'reject', 'decide'].includes(cmd.kind))
            expect((cmd as { text: string }).text.trim()).not.toBe('');
          if (cmd.kind === 'withdraw') expect(who.raiser).toBe(true);
          if (cmd.kind === 'decide') {
            expect(who.holds).toBe(3);
            expect(before.level).toBe(3);
            expect(rec.binding).toBe(true);
          } else {
            expect(rec.binding).toBe(false);
          }
          if (['acknowledge', 'resolve', 'reject'].includes(cmd.kind))
            expect(who.holds).toBeGreaterThanOrEqual(before.level);
          if (cmd.kind === 'deadline') expect(before.dueAt).toBeLessThan(now);
          if (out.event.kind === 'escalation.breached') breaches += 1;
          if (isEscalationOpen(rec.status) && !rec.breached) expect(rec.dueAt).toBeLessThan(NEVER);
          if (!isEscalationOpen(rec.status)) expect(rec.closedAt).toBe(now);
        }
        // The top level's limit is recorded as breached at most once.
        expect(breaches).toBeLessThanOrEqual(1);
        // The rollup, kept by deltas, equals the record's own contribution.
        const direct = applyEscalationChange(emptyRollup('PAY'), null, escalationContribution(rec), now).escalations;
        expect(rollup.escalations).toEqual(direct);
      }),
      { numRuns: 500 },
    );
  });

  it('offers exactly the actions that would be accepted', () => {
    fc.assert(
      fc.property(fc.array(step, { maxLength: 10 }), authority, (steps, viewer) => {
        let rec = fresh();
        for (const { cmd, who } of steps) {
          const out = transition(rec, cmd, who, rec.updatedAt + H, deadline);
          if (out.ok) rec = out.next;
        }
        for (const action of ['acknowledge', 'resolve', 'reject', 'climb', 'decide', 'withdraw'] as const) {
          const cmd = (action === 'acknowledge' ? { kind: action } : { kind: action, text: 'x' }) as Command;
          expect(allowedActions(rec, viewer).includes(action)).toBe(
            transition(rec, cmd, viewer, rec.updatedAt, deadline).ok,
          );
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('escalation state machine (examples)', () => {
  const holder = (holds: 0 | 1 | 2 | 3): Authority => ({ accountId: `h${holds}`, holds, raiser: false });
  it('climbs 1 → 2 → 3 on missed deadlines, the next clock starting when the last ran out, then breaches once', () => {
    let rec = fresh(0);
    const one = transition(rec, { kind: 'deadline' }, holder(0), 25 * H, deadline);
    expect(one.ok && one.next.level).toBe(2);
    rec = (one as { next: EscalationRecord }).next;
    expect(rec.dueAt).toBe(24 * H + 48 * H);
    expect(transition(rec, { kind: 'deadline' }, holder(0), 30 * H, deadline)).toEqual({
      ok: false,
      refusal: 'NOT_DUE',
    });
    rec = (transition(rec, { kind: 'deadline' }, holder(0), 73 * H, deadline) as { next: EscalationRecord }).next;
    expect(rec.level).toBe(3);
    const breach = transition(rec, { kind: 'deadline' }, holder(0), 200 * H, deadline);
    expect(breach.ok && breach.event.kind).toBe('escalation.breached');
    rec = (breach as { next: EscalationRecord }).next;
    expect(rec.dueAt).toBe(NEVER);
    expect(transition(rec, { kind: 'deadline' }, holder(0), 900 * H, deadline).ok).toBe(false);
  });
  it('lets only a level-3 holder decide, only at level 3, with the decision written down', () => {
    const rec = { ...fresh(0), level: 3 as const };
    expect(transition(rec, { kind: 'decide', text: 'R&D ships first' }, holder(2), H, deadline)).toEqual({
      ok: false,
      refusal: 'NOT_ALLOWED',
    });
    expect(transition(rec, { kind: 'decide', text: '' }, holder(3), H, deadline)).toEqual({
      ok: false,
      refusal: 'TEXT_REQUIRED',
    });
    expect(transition(fresh(0), { kind: 'decide', text: 'x' }, holder(3), H, deadline)).toEqual({
      ok: false,
      refusal: 'NOT_AT_TOP',
    });
    const ok = transition(rec, { kind: 'decide', text: 'R&D ships first' }, holder(3), H, deadline);
    expect(ok.ok && ok.next).toMatchObject({
      status: 'resolved',
      binding: true,
      outcome: 'R&D ships first',
      closedBy: 'h3',
    });
  });
  it('a level-1 holder cannot act on a level-2 escalation; a head can act on level 1', () => {
    const rec2 = { ...fresh(0), level: 2 as const };
    expect(transition(rec2, { kind: 'acknowledge' }, holder(1), H, deadline)).toEqual({
      ok: false,
      refusal: 'NOT_ALLOWED',
    });
    expect(transition(fresh(0), { kind: 'acknowledge' }, holder(2), H, deadline).ok).toBe(true);
  });

  it('a rule climbs only as a holder of the level or a project admin; a person also as the raiser', () => {
    const rule = (a: Partial<Authority>): Authority => ({
      accountId: 'x',
      holds: 0,
      raiser: false,
      automation: true,
      ...a,
    });
    const climb = (who: Authority) => transition(fresh(0), { kind: 'climb', text: '' }, who, H, deadline);
    expect(climb(rule({}))).toEqual({ ok: false, refusal: 'NOT_ALLOWED' });
    // Raising it is not enough for a rule: the rule's actor must hold the level or administer the project.
    expect(climb(rule({ raiser: true }))).toEqual({ ok: false, refusal: 'NOT_ALLOWED' });
    expect(climb(rule({ holds: 1 })).ok).toBe(true);
    expect(climb(rule({ projectAdmin: true })).ok).toBe(true);
    // In the panel the raiser may climb; project admin alone is no authority there.
    expect(climb({ accountId: 'raiser', holds: 0, raiser: true }).ok).toBe(true);
    expect(climb({ accountId: 'x', holds: 0, raiser: false, projectAdmin: true })).toEqual({
      ok: false,
      refusal: 'NOT_ALLOWED',
    });
  });
});
