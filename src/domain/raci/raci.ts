import { own } from '../shared/dictionary';

/**
 * RACI rules (docs/domain.md practice 1): exactly one Accountable, at least one Responsible,
 * nobody both Consulted and Informed, and the Accountable doing the work too is worth flagging.
 */
export interface RaciAssignment {
  responsible: readonly string[];
  accountable: string | null;
  consulted: readonly string[];
  informed: readonly string[];
}

export type RaciFinding =
  | 'NO_ACCOUNTABLE'
  | 'NO_RESPONSIBLE'
  | 'ACCOUNTABLE_ALSO_RESPONSIBLE'
  | 'DUPLICATE_CONSULTED_INFORMED';

export function raciFindings(raci: RaciAssignment): RaciFinding[] {
  const findings: RaciFinding[] = [];
  if (!raci.accountable) findings.push('NO_ACCOUNTABLE');
  if (raci.responsible.length === 0) findings.push('NO_RESPONSIBLE');
  if (raci.accountable && raci.responsible.includes(raci.accountable)) findings.push('ACCOUNTABLE_ALSO_RESPONSIBLE');
  const consulted = new Set(raci.consulted);
  if (raci.informed.some((id) => consulted.has(id))) findings.push('DUPLICATE_CONSULTED_INFORMED');
  return findings;
}

/** Complete means someone answers for it and someone does it; flags alone do not make it incomplete. */
export function isRaciComplete(raci: RaciAssignment): boolean {
  return raci.accountable !== null && raci.responsible.length > 0;
}

/** Removes duplicates within each role, and from Informed anyone already Consulted (they hear anyway). */
export function normalizeRaci(raci: RaciAssignment): RaciAssignment {
  const uniq = (ids: readonly string[]) => [...new Set(ids)];
  const consulted = uniq(raci.consulted);
  const consultedSet = new Set(consulted);
  return {
    responsible: uniq(raci.responsible),
    accountable: raci.accountable,
    consulted,
    informed: uniq(raci.informed).filter((id) => !consultedSet.has(id)),
  };
}

/** Every account id named in any role, once. */
export function raciParticipants(raci: RaciAssignment): string[] {
  const ids = [
    ...raci.responsible,
    ...(raci.accountable ? [raci.accountable] : []),
    ...raci.consulted,
    ...raci.informed,
  ];
  return [...new Set(ids)];
}

/** The RACI problems that refuse an edit outright (the findings above only warn). */
export type RaciEditProblem = { kind: 'TWO_ACCOUNTABLES'; accountIds: string[] };

/**
 * An edit as sent (Accountable as a list, so that two of them reach this rule instead of being cut to one),
 * normalised: duplicates within a role and people both Consulted and Informed are removed (they stay
 * Consulted). More than one distinct Accountable is refused: "exactly one" cannot be repaired by guessing.
 */
export function normalizeRaciEdit(edit: {
  responsible: readonly string[];
  accountable: readonly string[];
  consulted: readonly string[];
  informed: readonly string[];
}): { ok: true; raci: RaciAssignment } | { ok: false; problem: RaciEditProblem } {
  const accountables = [...new Set(edit.accountable)];
  if (accountables.length > 1) return { ok: false, problem: { kind: 'TWO_ACCOUNTABLES', accountIds: accountables } };
  return {
    ok: true,
    raci: normalizeRaci({
      responsible: edit.responsible,
      accountable: accountables[0] ?? null,
      consulted: edit.consulted,
      informed: edit.informed,
    }),
  };
}

/** Department ids per role, as assigned explicitly on an issue. */
export interface RaciDepartmentAssignment {
  responsible: readonly string[];
  accountable: readonly string[];
  consulted: readonly string[];
  informed: readonly string[];
}

const ROLES = ['responsible', 'accountable', 'consulted', 'informed'] as const;

export function normalizeDepartments(d: RaciDepartmentAssignment): { [R in (typeof ROLES)[number]]: string[] } {
  return {
    responsible: [...new Set(d.responsible)],
    accountable: [...new Set(d.accountable)],
    consulted: [...new Set(d.consulted)],
    informed: [...new Set(d.informed)],
  };
}

/** FNV-1a, 52 bits, as base 36: a short, stable fingerprint (not a security hash). */
function fingerprint(text: string): string {
  let h = 0xcbf29ce484222325n;
  const prime = 0x100000001b3n;
  for (let i = 0; i < text.length; i++) {
    h ^= BigInt(text.charCodeAt(i));
    h = (h * prime) & 0xfffffffffffffn;
  }
  return h.toString(36);
}

/**
 * The version of an issue's RACI as read: a fingerprint of the four roles and the department assignments,
 * order-insensitive within a role. Jira keeps no version of field values; comparing this fingerprint before
 * writing is how an edit made from an older state is detected (see app/set-raci).
 */
export function raciVersion(raci: RaciAssignment, departments: RaciDepartmentAssignment): string {
  const sorted = (xs: readonly string[]) => [...new Set(xs)].sort();
  const canonical = JSON.stringify([
    sorted(raci.responsible),
    raci.accountable ?? '',
    sorted(raci.consulted),
    sorted(raci.informed),
    ...ROLES.map((r) => sorted(departments[r])),
  ]);
  return fingerprint(canonical);
}

export interface DepartmentRoleEntry {
  departmentId: string;
  viaPeople: boolean;
  explicit: boolean;
}

/**
 * Department-level RACI: per role, the departments of the people in it, plus the departments assigned
 * explicitly; each once, people-derived ones first in the order the people are listed.
 */
export function departmentRaci(
  raci: RaciAssignment,
  assigned: RaciDepartmentAssignment,
  departmentOf: Readonly<Record<string, string>>,
): Record<(typeof ROLES)[number], DepartmentRoleEntry[]> {
  const people: Record<(typeof ROLES)[number], readonly string[]> = {
    responsible: raci.responsible,
    accountable: raci.accountable ? [raci.accountable] : [],
    consulted: raci.consulted,
    informed: raci.informed,
  };
  const out = {} as Record<(typeof ROLES)[number], DepartmentRoleEntry[]>;
  for (const role of ROLES) {
    const entries = new Map<string, DepartmentRoleEntry>();
    for (const id of people[role]) {
      const dept = own(departmentOf, id);
      if (dept && !entries.has(dept)) entries.set(dept, { departmentId: dept, viaPeople: true, explicit: false });
    }
    for (const dept of assigned[role]) {
      const e = entries.get(dept);
      if (e) e.explicit = true;
      else entries.set(dept, { departmentId: dept, viaPeople: false, explicit: true });
    }
    out[role] = [...entries.values()];
  }
  return out;
}

/** People Consulted after an edit who were not before, except the person who made it (they know). */
export function newlyConsulted(before: RaciAssignment, after: RaciAssignment, actorId: string | null): string[] {
  const had = new Set(before.consulted);
  return [...new Set(after.consulted)].filter((id) => !had.has(id) && id !== actorId);
}
