import type {
  Department,
  DepartmentDelete,
  DepartmentInput,
  DepartmentSaved,
  DepartmentUpdate,
  DirectoryView,
  PeopleIndexSummary,
  Person,
} from '../../contract';
import { namedAccountIds } from '../../domain/directory/departments';
import type { ActingContext, Deps, JiraUser } from '../kernel/ports';
import { AppError } from '../kernel/errors';
import {
  departmentFields,
  groupMembersCache,
  indexSummary,
  toDepartmentRecord,
  writeDirectory,
  type GroupMembers,
} from './departments';
import { readDirectory, readPeopleIndexHead, type StoredDepartment } from '../kernel/people-index';

/** How many people the user picker offers per search. */
const USER_SEARCH_LIMIT = 20;

function person(u: JiraUser): Person {
  return {
    accountId: u.accountId,
    displayName: u.displayName,
    active: u.active,
    ...(u.avatarUrl ? { avatarUrl: u.avatarUrl } : {}),
  };
}

/**
 * Changing the directory is for Jira admins: Jira's global ADMINISTER permission, asked as the user
 * (`GET /rest/api/3/mypermissions?permissions=ADMINISTER`). The admin page itself is shown only to admins,
 * but its resolver can be called by anyone who can load it, so every write checks.
 */
async function isAdmin(deps: Deps, ctx: ActingContext): Promise<boolean> {
  if (!ctx.accountId) return false;
  const held = await deps.jira.hasPermissions('user', {}, ['ADMINISTER']);
  return held.ADMINISTER;
}

async function requireAdmin(deps: Deps, ctx: ActingContext): Promise<string> {
  if (!ctx.accountId || !(await isAdmin(deps, ctx))) throw new AppError('FORBIDDEN', 'forbidden.admin');
  return ctx.accountId;
}

/** Every account id the department names must be a Jira user; the first that is not is named in the error. */
async function checkPeople(deps: Deps, d: Department): Promise<JiraUser[]> {
  const refs = namedAccountIds(d);
  if (refs.length === 0) return [];
  const users = await deps.jira.getUsers(
    'user',
    refs.map((r) => r.accountId),
  );
  const found = new Set(users.map((u) => u.accountId));
  const unknown = refs.find((r) => !found.has(r.accountId));
  if (unknown)
    throw new AppError(
      'VALIDATION',
      'validation.unknownUser',
      { field: unknown.field, accountId: unknown.accountId },
      unknown.field,
    );
  return users;
}

/** The department's Jira group must exist; its members are fetched once and reused for the people index. */
async function checkGroup(groups: GroupMembers, d: Department): Promise<void> {
  if (!d.jiraGroup) return;
  if ((await groups(d.jiraGroup)) === null)
    throw new AppError(
      'VALIDATION',
      'validation.unknownGroup',
      { field: 'jiraGroup', group: d.jiraGroup },
      'jiraGroup',
    );
}

/**
 * The directory for the admin page: two KVS reads (the directory, the people index's head), the
 * viewer's admin right and the names of the heads and interface persons (one Jira call per 90, in parallel):
 * two Jira calls up to 45 departments, however many people they list. The names of a department's listed
 * members come when its form is opened (departmentPeople).
 */
export async function listDepartments(deps: Deps, ctx: ActingContext): Promise<DirectoryView> {
  const [record, head, canEdit] = await Promise.all([
    readDirectory(deps),
    readPeopleIndexHead(deps),
    isAdmin(deps, ctx),
  ]);
  const departments = record?.departments ?? [];
  const ids = [
    ...new Set(departments.flatMap((d) => [d.headAccountId, d.interfaceAccountId].filter((x): x is string => !!x))),
  ];
  const users = ids.length > 0 ? await deps.jira.getUsers('user', ids) : [];
  return {
    asOf: new Date(deps.clock.now()).toISOString(),
    departments: departments.map(toDepartmentRecord),
    people: users.map(person),
    index: indexSummary(head),
    viewer: { accountId: ctx.accountId ?? '', canEdit },
  };
}

/**
 * Everyone a department names (head, interface person, listed members), for its edit form: one Jira call
 * per 90 people, in parallel. Anyone who can open the page reads it, as the listing.
 */
export async function departmentPeople(deps: Deps, id: string): Promise<{ people: Person[] }> {
  const record = await readDirectory(deps);
  const department = record?.departments.find((d) => d.id === id);
  if (!department) throw new AppError('NOT_FOUND', 'notFound.department', { id });
  const ids = namedAccountIds(department).map((r) => r.accountId);
  const users = ids.length > 0 ? await deps.jira.getUsers('user', ids) : [];
  return { people: users.map(person) };
}

async function save(
  deps: Deps,
  ctx: ActingContext,
  input: Department,
  change: (current: readonly StoredDepartment[], next: StoredDepartment) => StoredDepartment[],
  version: number,
): Promise<DepartmentSaved> {
  const actorId = await requireAdmin(deps, ctx);
  const groups = groupMembersCache(deps);
  const [users] = await Promise.all([checkPeople(deps, input), checkGroup(groups, input)]);
  let saved: StoredDepartment | undefined;
  const { index } = await writeDirectory(deps, actorId, groups, (current, now) => {
    saved = { ...departmentFields(input), version, updatedAt: now, updatedBy: actorId };
    return change(current, saved);
  });
  return { department: toDepartmentRecord(saved!), people: users.map(person), index: indexSummary(index) };
}

/** A new department; its id must not be taken (CONFLICT). */
export function createDepartment(deps: Deps, ctx: ActingContext, input: DepartmentInput): Promise<DepartmentSaved> {
  return save(
    deps,
    ctx,
    input,
    (current, next) => {
      if (current.some((d) => d.id === input.id))
        throw new AppError('CONFLICT', 'conflict.departmentExists', { id: input.id });
      return [...current, next];
    },
    1,
  );
}

/** An edit of the department `input.id`, refused with CONFLICT when someone saved it since `input.version`. */
export function updateDepartment(deps: Deps, ctx: ActingContext, input: DepartmentUpdate): Promise<DepartmentSaved> {
  return save(
    deps,
    ctx,
    input,
    (current, next) => {
      const existing = current.find((d) => d.id === input.id);
      if (!existing) throw new AppError('NOT_FOUND', 'notFound.department', { id: input.id });
      if (existing.version !== input.version)
        throw new AppError('CONFLICT', 'conflict.version', { what: 'department' });
      return current.map((d) => (d.id === input.id ? next : d));
    },
    input.version + 1,
  );
}

export async function deleteDepartment(
  deps: Deps,
  ctx: ActingContext,
  input: DepartmentDelete,
): Promise<{ id: string; index: PeopleIndexSummary }> {
  const actorId = await requireAdmin(deps, ctx);
  const { index } = await writeDirectory(deps, actorId, groupMembersCache(deps), (current) => {
    const existing = current.find((d) => d.id === input.id);
    if (!existing) throw new AppError('NOT_FOUND', 'notFound.department', { id: input.id });
    if (existing.version !== input.version) throw new AppError('CONFLICT', 'conflict.version', { what: 'department' });
    return current.filter((d) => d.id !== input.id);
  });
  return { id: input.id, index: indexSummary(index) };
}

/** Jira groups change without an event the app could listen to: an admin re-reads them into the index. */
export async function rebuildPeopleIndex(deps: Deps, ctx: ActingContext): Promise<{ index: PeopleIndexSummary }> {
  const actorId = await requireAdmin(deps, ctx);
  const { index } = await writeDirectory(deps, actorId, groupMembersCache(deps), (current) => [...current]);
  return { index: indexSummary(index) };
}

/** The user picker: Jira's user search as the viewer, so it finds whom the viewer may see. */
export async function searchUsers(deps: Deps, ctx: ActingContext, query: string): Promise<{ users: Person[] }> {
  if (!ctx.accountId) throw new AppError('FORBIDDEN', 'forbidden.browse', { what: 'department directory' });
  const users = await deps.jira.searchUsers('user', query, USER_SEARCH_LIMIT);
  return { users: users.map(person) };
}
