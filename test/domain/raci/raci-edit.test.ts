import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { departmentRaci, normalizeRaciEdit, raciVersion } from '../../../src/domain/raci/raci';
import { RaciTemplateSchema } from '../../../src/contract';
import { applyTemplate, DEFAULT_TEMPLATES, templateParties } from '../../../src/domain/raci/raci-templates';

const none = { responsible: [], accountable: null, consulted: [], informed: [] };
const noDepts = { responsible: [], accountable: [], consulted: [], informed: [] };

describe('a RACI edit', () => {
  it('refuses two distinct Accountables, naming both', () => {
    expect(normalizeRaciEdit({ responsible: [], accountable: ['a', 'b', 'a'], consulted: [], informed: [] })).toEqual({
      ok: false,
      problem: { kind: 'TWO_ACCOUNTABLES', accountIds: ['a', 'b'] },
    });
  });

  it('accepts the same Accountable twice, and removes people both Consulted and Informed from Informed', () => {
    const r = normalizeRaciEdit({
      responsible: ['r', 'r'],
      accountable: ['a', 'a'],
      consulted: ['c'],
      informed: ['c', 'i'],
    });
    expect(r).toEqual({ ok: true, raci: { responsible: ['r'], accountable: 'a', consulted: ['c'], informed: ['i'] } });
  });

  it('allows no Accountable (the findings and the workflow validator deal with it)', () => {
    expect(normalizeRaciEdit({ responsible: [], accountable: [], consulted: [], informed: [] })).toEqual({
      ok: true,
      raci: none,
    });
  });
});

describe('the RACI version', () => {
  it('does not depend on the order within a role', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ minLength: 1, maxLength: 4 }), { maxLength: 6 }), (people) => {
        const a = raciVersion({ ...none, responsible: people }, noDepts);
        const b = raciVersion({ ...none, responsible: [...people].reverse() }, noDepts);
        expect(a).toBe(b);
      }),
    );
  });

  it('changes when a person moves to another role, or a department is assigned', () => {
    const base = raciVersion({ ...none, responsible: ['x'] }, noDepts);
    expect(raciVersion({ ...none, consulted: ['x'] }, noDepts)).not.toBe(base);
    expect(raciVersion({ ...none, accountable: 'x' }, noDepts)).not.toBe(base);
    expect(raciVersion({ ...none, responsible: ['x'] }, { ...noDepts, informed: ['rnd'] })).not.toBe(base);
  });
});

describe('department-level RACI', () => {
  it('derives departments from the people and adds explicit ones, each once per role', () => {
    const raci = { responsible: ['p1', 'p2', 'p3'], accountable: 'h1', consulted: ['x'], informed: [] };
    const out = departmentRaci(
      raci,
      { ...noDepts, responsible: ['legal', 'rnd'], informed: ['cs'] },
      { p1: 'rnd', p2: 'rnd', p3: 'cs', h1: 'product' },
    );
    expect(out.responsible).toEqual([
      { departmentId: 'rnd', viaPeople: true, explicit: true },
      { departmentId: 'cs', viaPeople: true, explicit: false },
      { departmentId: 'legal', viaPeople: false, explicit: true },
    ]);
    expect(out.accountable).toEqual([{ departmentId: 'product', viaPeople: true, explicit: false }]);
    expect(out.consulted).toEqual([]); // x is in no department
    expect(out.informed).toEqual([{ departmentId: 'cs', viaPeople: false, explicit: true }]);
  });
});

describe('scenario templates (权责清单)', () => {
  const depts = new Map([
    ['product', { id: 'product', headAccountId: 'zhang', interfaceAccountId: 'liu' }],
    ['rnd', { id: 'rnd', headAccountId: 'zhao', interfaceAccountId: 'zhou' }],
    ['cs', { id: 'cs', headAccountId: 'chen', interfaceAccountId: null }],
  ]);

  it('every default template names exactly one Accountable rule', () => {
    for (const t of DEFAULT_TEMPLATES) expect(t.rules.filter((r) => r.role === 'accountable')).toHaveLength(1);
  });

  it('maps requesting → accountable head, executing → responsible interface person, accepting → its own quality review', () => {
    const t = DEFAULT_TEMPLATES.find((x) => x.id === 'requirement-delivery')!;
    expect(templateParties(t)).toEqual(['requesting', 'executing', 'accepting']);
    const out = applyTemplate(t, { requesting: 'product', executing: 'rnd', accepting: 'cs' }, depts);
    expect(out.people).toEqual({
      accountable: ['zhang'],
      responsible: ['zhou'],
      consulted: [],
      informed: ['liu'],
      reviewing: [],
    });
    // 验收部门负责质量审核: Customer Service holds the review duty, not Consulted.
    expect(out.departments).toEqual({
      accountable: ['product'],
      responsible: ['rnd'],
      consulted: [],
      informed: ['product'],
      reviewing: ['cs'],
    });
    // Customer Service has no interface person: the rule is reported, the department still holds the role.
    expect(out.unfilled).toEqual([{ party: 'accepting', role: 'reviewing', pick: 'interface' }]);
  });

  it('gives the review duty to the accepting department’s interface person, apart from every RACI role', () => {
    const t = DEFAULT_TEMPLATES.find((x) => x.id === 'product-launch')!;
    const withQa = new Map(depts).set('qa', { id: 'qa', headAccountId: 'wu', interfaceAccountId: 'sun' });
    const out = applyTemplate(
      t,
      { requesting: 'product', executing: 'rnd', supporting: 'cs', accepting: 'qa', coordinating: 'product' },
      withQa,
    );
    expect(out.people.reviewing).toEqual(['sun']);
    expect(out.departments.reviewing).toEqual(['qa']);
    expect([...out.people.consulted, ...out.people.informed, ...out.people.responsible]).not.toContain('sun');
    // cs (supporting) has no interface person: that Responsible rule alone is unfilled.
    expect(out.unfilled).toEqual([{ party: 'supporting', role: 'responsible', pick: 'interface' }]);
  });

  it('a template stored before the review role (accepting as Consulted) applies as it always did', () => {
    const old = {
      id: 'old-shape',
      nameZh: '旧模板',
      nameEn: 'Old',
      rules: [
        { party: 'requesting', role: 'accountable', pick: 'head' },
        { party: 'accepting', role: 'consulted', pick: 'head' },
      ],
    } as const;
    const parsed = RaciTemplateSchema.parse(old);
    const out = applyTemplate(parsed, { requesting: 'product', accepting: 'cs' }, depts);
    expect(out.people.consulted).toEqual(['chen']);
    expect(out.people.reviewing).toEqual([]);
  });

  it('reports parties left without a department', () => {
    const t = DEFAULT_TEMPLATES.find((x) => x.id === 'requirement-delivery')!;
    const out = applyTemplate(t, { requesting: 'product' }, depts);
    expect(out.unfilled.map((r) => r.party)).toEqual(['executing', 'accepting']);
    expect(out.people.accountable).toEqual(['zhang']);
  });
});
