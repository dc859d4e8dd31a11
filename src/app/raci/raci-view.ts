import type { Person, RaciView } from '../../contract';
import {
  departmentRaci,
  isRaciComplete,
  normalizeDepartments,
  raciFindings,
  raciParticipants,
  raciVersion,
  type RaciAssignment,
  type RaciDepartmentAssignment,
} from '../../domain/raci/raci';
import type { PeopleIndex } from '../kernel/people-index';
import type { JiraUser } from '../kernel/ports';
import { own, setOwn } from '../../domain/shared/dictionary';

export function toPerson(u: JiraUser | undefined, accountId: string): Person {
  return u
    ? { accountId, displayName: u.displayName, active: u.active, ...(u.avatarUrl ? { avatarUrl: u.avatarUrl } : {}) }
    : { accountId, displayName: accountId };
}

const NONE: RaciDepartmentAssignment = { responsible: [], accountable: [], consulted: [], informed: [] };

/**
 * The panel's RACI section from what one issue read and one people-index read give: the people with their
 * departments, the findings, department-level RACI and the version an edit must name.
 */
export function raciView(
  raci: RaciAssignment,
  assigned: RaciDepartmentAssignment | undefined,
  people: ReadonlyMap<string, JiraUser>,
  index: PeopleIndex,
): RaciView {
  const departments = normalizeDepartments(assigned ?? NONE);
  const departmentOf: Record<string, string> = {};
  for (const id of raciParticipants(raci)) {
    const dept = own(index.byAccount, id);
    if (dept) setOwn(departmentOf, id, dept);
  }
  const p = (id: string) => toPerson(people.get(id), id);
  return {
    responsible: raci.responsible.map(p),
    accountable: raci.accountable ? p(raci.accountable) : null,
    consulted: raci.consulted.map(p),
    informed: raci.informed.map(p),
    findings: raciFindings(raci),
    complete: isRaciComplete(raci),
    version: raciVersion(raci, departments),
    directory: index.departments,
    departmentOf,
    assignedDepartments: departments,
    departmentRaci: departmentRaci(raci, departments, departmentOf),
  };
}
