import type { RaciTemplate, TemplateParty } from '../../contract';

/**
 * Scenario templates (权责清单), seeded from the source documents: "需求发起部门负责需求明确, 执行部门负责成果交付,
 * 验收部门负责质量审核" (seed 001), and the scenarios of seed 002 (新产品上市, 重大客户投诉处理, 内部系统升级).
 * Each names exactly one Accountable, so a template applied as is gives a complete RACI. The accepting
 * department's quality review is its own role ('reviewing'), not Consulted.
 */
export const DEFAULT_TEMPLATES: readonly RaciTemplate[] = [
  {
    id: 'requirement-delivery',
    nameZh: '需求交付（权责清单）',
    nameEn: 'Requirement to delivery',
    rules: [
      { party: 'requesting', role: 'accountable', pick: 'head' },
      { party: 'executing', role: 'responsible', pick: 'interface' },
      { party: 'accepting', role: 'reviewing', pick: 'interface' },
      { party: 'requesting', role: 'informed', pick: 'interface' },
    ],
  },
  {
    id: 'product-launch',
    nameZh: '新产品上市',
    nameEn: 'Product launch',
    rules: [
      { party: 'requesting', role: 'accountable', pick: 'head' },
      { party: 'executing', role: 'responsible', pick: 'interface' },
      { party: 'supporting', role: 'responsible', pick: 'interface' },
      { party: 'accepting', role: 'reviewing', pick: 'interface' },
      { party: 'coordinating', role: 'informed', pick: 'head' },
    ],
  },
  {
    id: 'customer-complaint',
    nameZh: '重大客户投诉处理',
    nameEn: 'Major customer complaint',
    rules: [
      { party: 'requesting', role: 'accountable', pick: 'head' },
      { party: 'executing', role: 'responsible', pick: 'interface' },
      { party: 'supporting', role: 'consulted', pick: 'interface' },
      { party: 'coordinating', role: 'informed', pick: 'head' },
    ],
  },
  {
    id: 'system-upgrade',
    nameZh: '内部系统升级',
    nameEn: 'Internal system upgrade',
    rules: [
      { party: 'executing', role: 'accountable', pick: 'head' },
      { party: 'executing', role: 'responsible', pick: 'interface' },
      { party: 'requesting', role: 'consulted', pick: 'interface' },
      { party: 'supporting', role: 'consulted', pick: 'interface' },
      { party: 'accepting', role: 'informed', pick: 'head' },
    ],
  },
];

/** The parties a template needs a department for, in the order they first appear. */
export function templateParties(t: RaciTemplate): TemplateParty[] {
  return [...new Set(t.rules.map((r) => r.party))];
}

export interface TemplateDepartment {
  id: string;
  headAccountId: string | null;
  interfaceAccountId: string | null;
}

type Role = RaciTemplate['rules'][number]['role'];

export interface AppliedTemplate {
  people: Record<Role, string[]>;
  departments: Record<Role, string[]>;
  /** Rules whose department names nobody for the pick (no head or no interface person). */
  unfilled: RaciTemplate['rules'];
}

/**
 * Maps a template's rules to people through the directory: each party's department, then its head or
 * interface person. The departments themselves are assigned to the role too (department-level RACI), so the
 * role stays with the department even when it has nobody named yet.
 */
export function applyTemplate(
  t: RaciTemplate,
  parties: Partial<Record<TemplateParty, string>>,
  departments: ReadonlyMap<string, TemplateDepartment>,
): AppliedTemplate {
  const people: Record<Role, string[]> = {
    responsible: [],
    accountable: [],
    consulted: [],
    informed: [],
    reviewing: [],
  };
  const depts: Record<Role, string[]> = {
    responsible: [],
    accountable: [],
    consulted: [],
    informed: [],
    reviewing: [],
  };
  const unfilled: AppliedTemplate['unfilled'] = [];
  const add = (list: string[], id: string) => {
    if (!list.includes(id)) list.push(id);
  };
  for (const rule of t.rules) {
    const deptId = parties[rule.party];
    const dept = deptId ? departments.get(deptId) : undefined;
    if (!dept) {
      unfilled.push(rule);
      continue;
    }
    add(depts[rule.role], dept.id);
    const person = rule.pick === 'head' ? dept.headAccountId : dept.interfaceAccountId;
    if (person) add(people[rule.role], person);
    else unfilled.push(rule);
  }
  return { people, departments: depts, unfilled };
}
