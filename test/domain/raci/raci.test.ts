import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { isRaciComplete, normalizeRaci, raciFindings, raciParticipants } from '../../../src/domain/raci/raci';

const none = { responsible: [], accountable: null, consulted: [], informed: [] };

describe('RACI rules', () => {
  it('flags a missing Accountable and a missing Responsible', () => {
    expect(raciFindings(none)).toEqual(['NO_ACCOUNTABLE', 'NO_RESPONSIBLE']);
    expect(isRaciComplete(none)).toBe(false);
  });

  it('is complete with one Accountable and a Responsible, and flags the Accountable doing the work too', () => {
    const raci = { ...none, accountable: 'a', responsible: ['a', 'b'] };
    expect(isRaciComplete(raci)).toBe(true);
    expect(raciFindings(raci)).toEqual(['ACCOUNTABLE_ALSO_RESPONSIBLE']);
  });

  it('flags people both Consulted and Informed, and normalizing removes them from Informed', () => {
    const raci = {
      ...none,
      accountable: 'a',
      responsible: ['b'],
      consulted: ['c', 'c', 'd'],
      informed: ['d', 'e', 'e'],
    };
    expect(raciFindings(raci)).toContain('DUPLICATE_CONSULTED_INFORMED');
    const n = normalizeRaci(raci);
    expect(n.consulted).toEqual(['c', 'd']);
    expect(n.informed).toEqual(['e']);
    expect(raciFindings(n)).toEqual([]);
  });

  it('normalizing is idempotent and never loses a participant', () => {
    const ids = fc.array(fc.constantFrom('u1', 'u2', 'u3', 'u4', 'u5'), { maxLength: 6 });
    fc.assert(
      fc.property(
        ids,
        fc.option(fc.constantFrom('u1', 'u2', 'u3'), { nil: null }),
        ids,
        ids,
        (responsible, accountable, consulted, informed) => {
          const raci = { responsible, accountable, consulted, informed };
          const once = normalizeRaci(raci);
          expect(normalizeRaci(once)).toEqual(once);
          expect(new Set(raciParticipants(once))).toEqual(new Set(raciParticipants(raci)));
          expect(once.informed.some((id) => once.consulted.includes(id))).toBe(false);
        },
      ),
    );
  });
});
