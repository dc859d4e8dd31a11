import type { Department, DepartmentRef } from '../../contract';
import { setOwn } from '../shared/dictionary';

/**
 * Why a person belongs to a department, strongest first. A person may be named in one department and sit in
 * another's Jira group (a head of Technology who is also in `dept-rnd`); the people index gives each person
 * one department, so the strongest tie wins: named as head or interface person, then listed by hand, then a
 * member of the department's Jira group. Between equal ties the department listed first in the directory wins.
 */
const TIE = { named: 0, listed: 1, group: 2 } as const;

/** The people index as stored: departments in directory order, and the people resolved to each. */
export interface PeopleIndexData {
  departments: DepartmentRef[];
  /** `members[i]`: account ids whose department is `departments[i]`, sorted; each person appears once overall. */
  members: string[][];
}

/**
 * Resolves every person the directory reaches to one department. `groupMembers` holds the members of each
 * department's Jira group by group name; a group missing from it contributes nobody.
 */
export function buildPeopleIndex(
  departments: readonly Department[],
  groupMembers: ReadonlyMap<string, readonly string[]>,
): PeopleIndexData {
  const best = new Map<string, { tie: number; at: number }>();
  const offer = (accountId: string, tie: number, at: number) => {
    const current = best.get(accountId);
    if (!current || tie < current.tie) best.set(accountId, { tie, at });
  };
  departments.forEach((d, at) => {
    for (const id of [d.headAccountId, d.interfaceAccountId]) if (id) offer(id, TIE.named, at);
    for (const id of d.memberAccountIds) offer(id, TIE.listed, at);
    for (const id of (d.jiraGroup ? groupMembers.get(d.jiraGroup) : undefined) ?? []) offer(id, TIE.group, at);
  });
  const members: string[][] = departments.map(() => []);
  for (const [accountId, { at }] of best) members[at]!.push(accountId);
  for (const list of members) list.sort();
  return { departments: departments.map(({ id, nameZh, nameEn }) => ({ id, nameZh, nameEn })), members };
}

/** accountId -> department id, the shape other use cases look people up in. */
export function departmentByAccount(index: PeopleIndexData): Record<string, string> {
  const out: Record<string, string> = {};
  index.members.forEach((list, i) => {
    const id = index.departments[i]?.id;
    if (id) for (const accountId of list) setOwn(out, accountId, id);
  });
  return out;
}

/** Every account id a department names, with the input field that names it (for errors that point at it). */
export function namedAccountIds(
  d: Pick<Department, 'headAccountId' | 'interfaceAccountId' | 'memberAccountIds'>,
): Array<{ field: string; accountId: string }> {
  return [
    ...(d.headAccountId ? [{ field: 'headAccountId', accountId: d.headAccountId }] : []),
    ...(d.interfaceAccountId ? [{ field: 'interfaceAccountId', accountId: d.interfaceAccountId }] : []),
    ...d.memberAccountIds.map((accountId, i) => ({ field: `memberAccountIds.${i}`, accountId })),
  ];
}
