import { describe, expect, it } from 'vitest';
import {
  accountIdsIn,
  planRaciNotifications,
  raciGaps,
  type ChangelogItem,
} from '../../../src/domain/raci/raci-workflow';
import type { RaciAssignment } from '../../../src/domain/raci/raci';

const raci = (r: Partial<RaciAssignment> = {}): RaciAssignment => ({
  responsible: [],
  accountable: null,
  consulted: [],
  informed: [],
  ...r,
});
const statusItem: ChangelogItem = {
  field: 'status',
  fieldId: 'status',
  from: '10000',
  fromString: 'To Do',
  to: '3',
  toString: 'In Progress',
};
const consultedItem = (from: string | null, to: string | null): ChangelogItem => ({
  field: 'Consulted',
  fieldId: 'customfield_10102',
  from,
  fromString: null,
  to,
  toString: null,
});

describe('raciGaps: what keeps a transition from going ahead', () => {
  it('is empty for a complete RACI, whatever else is flagged', () => {
    expect(raciGaps(raci({ accountable: 'a', responsible: ['a'], consulted: ['c'], informed: ['c'] }))).toEqual([]);
  });
  it('names a missing Accountable, a missing Responsible, or both', () => {
    expect(raciGaps(raci({ responsible: ['r'] }))).toEqual(['NO_ACCOUNTABLE']);
    expect(raciGaps(raci({ accountable: 'a' }))).toEqual(['NO_RESPONSIBLE']);
    expect(raciGaps(raci())).toEqual(['NO_ACCOUNTABLE', 'NO_RESPONSIBLE']);
  });
});

describe('accountIdsIn: user ids in a changelog value', () => {
  it('reads one id, comma lists and bracketed lists', () => {
    expect(accountIdsIn(null)).toEqual([]);
    expect(accountIdsIn('')).toEqual([]);
    expect(accountIdsIn('557058:abc-1')).toEqual(['557058:abc-1']);
    expect(accountIdsIn('557058:abc-1, 712020:def-2')).toEqual(['557058:abc-1', '712020:def-2']);
    expect(accountIdsIn('[557058:abc-1, 712020:def-2]')).toEqual(['557058:abc-1', '712020:def-2']);
  });
});

describe('planRaciNotifications', () => {
  const base = { consultedFieldId: 'customfield_10102', actorId: 'actor' };

  it('a status change goes to the Informed, once each, never to the person who made it', () => {
    const plan = planRaciNotifications({
      ...base,
      items: [statusItem],
      raci: raci({ informed: ['i1', 'actor', 'i2', 'i1'] }),
    });
    expect(plan).toEqual({ status: { from: 'To Do', to: 'In Progress', recipients: ['i1', 'i2'] }, consulted: [] });
  });

  it('nothing when nobody is Informed, the status did not move, or the change is elsewhere', () => {
    expect(
      planRaciNotifications({ ...base, items: [statusItem], raci: raci({ informed: ['actor'] }) }).status,
    ).toBeNull();
    expect(
      planRaciNotifications({ ...base, items: [{ ...statusItem, to: '10000' }], raci: raci({ informed: ['i1'] }) })
        .status,
    ).toBeNull();
    const summary: ChangelogItem = {
      field: 'summary',
      fieldId: 'summary',
      from: null,
      fromString: 'a',
      to: null,
      toString: 'b',
    };
    expect(
      planRaciNotifications({ ...base, items: [summary], raci: raci({ informed: ['i1'], consulted: ['c1'] }) }),
    ).toEqual({ status: null, consulted: [] });
  });

  it('asks only people this change added as Consulted and who still are, not the actor', () => {
    const items = [consultedItem('c1', 'c1, c2, c3, actor, gone')];
    const plan = planRaciNotifications({ ...base, items, raci: raci({ consulted: ['c1', 'c2', 'c3', 'actor'] }) });
    expect(plan.consulted).toEqual(['c2', 'c3']);
    expect(
      planRaciNotifications({ ...base, items: [consultedItem('c1, c2', 'c1')], raci: raci({ consulted: ['c1'] }) })
        .consulted,
    ).toEqual([]);
    // Without knowing the Consulted field's id nothing is taken for it.
    expect(
      planRaciNotifications({ ...base, consultedFieldId: undefined, items, raci: raci({ consulted: ['c2'] }) })
        .consulted,
    ).toEqual([]);
  });

  it('someone Informed and newly Consulted in the same change hears once, through the Consulted note', () => {
    const plan = planRaciNotifications({
      ...base,
      items: [statusItem, consultedItem(null, 'i1')],
      raci: raci({ consulted: ['i1'], informed: ['i1', 'i2'] }),
    });
    expect(plan).toEqual({ status: { from: 'To Do', to: 'In Progress', recipients: ['i2'] }, consulted: ['i1'] });
    const only = planRaciNotifications({
      ...base,
      items: [statusItem, consultedItem(null, 'i1')],
      raci: raci({ consulted: ['i1'], informed: ['i1'] }),
    });
    expect(only).toEqual({ status: null, consulted: ['i1'] });
  });
});
