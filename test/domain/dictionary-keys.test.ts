import { describe, expect, it } from 'vitest';
import { own, setOwn } from '../../src/domain/shared/dictionary';
import { DEFAULT_CALENDAR_ID, DEFAULT_CALENDAR_SETTINGS, calendarOf } from '../../src/domain/shared/calendar';
import { departmentByAccount } from '../../src/domain/directory/departments';
import { emptyRollup } from '../../src/domain/rollup/core';
import { applyDependencyChange, type DependencyContribution } from '../../src/domain/rollup/dependencies';

/** Ids users and Jira choose, spelled like the members of Object.prototype. */
const PROTO_NAMES = ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf'];

describe('dictionaries keyed by user-given ids never reach Object.prototype', () => {
  it('own() sees only own entries and setOwn() stores __proto__ as data', () => {
    const d: Record<string, number> = {};
    for (const k of PROTO_NAMES) expect(own(d, k)).toBeUndefined();
    setOwn(d, '__proto__', 7);
    expect(own(d, '__proto__')).toBe(7);
    expect(Object.getPrototypeOf(d)).toBe(Object.prototype);
    expect(Object.keys(d)).toEqual(['__proto__']);
    expect(JSON.parse(JSON.stringify(d))).toEqual(d);
  });

  it('a department called constructor works by the default calendar, not by Object', () => {
    for (const id of PROTO_NAMES) expect(calendarOf(DEFAULT_CALENDAR_SETTINGS, id).id).toBe(DEFAULT_CALENDAR_ID);
  });

  it('a person whose account id is __proto__ is just another entry of the people index', () => {
    const byAccount = departmentByAccount({
      departments: [{ id: 'rnd', nameZh: '研发部', nameEn: 'R&D' }],
      members: [['__proto__', 'constructor', 'u-1']],
    });
    expect(Object.getPrototypeOf(byAccount)).toBe(Object.prototype);
    expect(own(byAccount, '__proto__')).toBe('rnd');
    expect(own(byAccount, 'constructor')).toBe('rnd');
    expect(own(byAccount, 'toString')).toBeUndefined();
  });

  it('rollup counters keyed by such ids add up and come back to the empty rollup', () => {
    const c: DependencyContribution = {
      projectKey: 'PAY',
      open: true,
      late: true,
      state: 'at-risk',
      versionIds: PROTO_NAMES,
    };
    const once = applyDependencyChange(emptyRollup('PAY'), null, c, 1);
    expect(Object.keys(once.dependencies.byVersion).sort()).toEqual([...PROTO_NAMES].sort());
    expect(own(once.dependencies.byVersion, 'constructor')).toEqual({ open: 1, late: 1, atRisk: 1 });
    const back = applyDependencyChange(once, c, null, 2);
    expect(back.dependencies.byVersion).toEqual({});
    expect(Object.getPrototypeOf(back.dependencies.byVersion)).toBe(Object.prototype);
  });
});
