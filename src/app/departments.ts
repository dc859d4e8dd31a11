import type { CalendarSettings, Department, DepartmentRecord, DepartmentRef, PeopleIndexSummary } from '../contract';
import { buildPeopleIndex, departmentByAccount, type PeopleIndexData } from '../domain/departments';
import type { Deps } from './ports';
import { AppError, isAppError } from './errors';
import { ENTITY, KEY, MAX_VALUE_BYTES } from './storage-keys';
import { setOwn } from '../domain/dictionary';

/** A department as stored: the contract's Department, its own version, and who changed it last. */
export interface StoredDepartment extends Department {
  version: number;
  updatedAt: number;
  updatedBy: string;
}

/**
 * The directory: one `department-directory` record holding every department. One record keeps listing and
 * rebuilding the people index strongly consistent (an index query could miss a department just written);
 * its record-level `version` serialises writes, each department's own `version` detects stale edits.
 */
export interface DirectoryRecord {
  version: number;
  departments: StoredDepartment[];
  updatedAt: number;
  updatedBy: string;
}

/** The people index as stored under one KVS key, rewritten in the same transaction as the directory. */
export interface StoredPeopleIndex extends PeopleIndexData {
  v: 1;
  builtAt: number;
  directoryVersion: number;
  /** Per department, in `departments` order: its response time and the people who answer for it (head, interface person). */
  routing?: DepartmentRouting[];
}

export interface DepartmentRouting {
  responseHours: number;
  contacts: string[];
}

/** What other use cases get: the departments to name, and each person's department id. */
export interface PeopleIndex {
  departments: DepartmentRef[];
  byAccount: Record<string, string>;
  /** By department id; a department missing here (an index written before routing existed) answers in the default time. */
  routing: Record<string, DepartmentRouting>;
  /** The working-time calendars and which department works by which (issue 5), read in the same batch. */
  calendars?: CalendarSettings;
}

/** What `readPeopleIndex` reads: the index and the department calendars that response deadlines count in. */
const PEOPLE_INDEX_ITEMS = [{ key: KEY.peopleIndex }, { key: KEY.calendars, entity: ENTITY.escalationSettings }] as const;

function peopleIndexOf(stored: StoredPeopleIndex | undefined, calendarRecord: unknown): PeopleIndex {
  const calendars = (calendarRecord as { data?: CalendarSettings } | undefined)?.data;
  if (!stored) return { departments: [], byAccount: {}, routing: {}, ...(calendars ? { calendars } : {}) };
  const routing: Record<string, DepartmentRouting> = {};
  stored.departments.forEach((d, i) => {
    const r = stored.routing?.[i];
    if (r) setOwn(routing, d.id, r);
  });
  return { departments: stored.departments, byAccount: departmentByAccount(stored), routing, ...(calendars ? { calendars } : {}) };
}

/**
 * The department of every person the directory reaches, in ONE KVS read, whatever the number of people:
 * heads and interface persons, people listed by hand, and members of each department's Jira group as of the
 * last directory change or rebuild. A person in several departments resolves to one (see domain/departments).
 */
export async function readPeopleIndex(deps: Pick<Deps, 'store'>): Promise<PeopleIndex> {
  return (await readPeopleIndexWith(deps, [])).people;
}

/** The people index and other records in the same batch read (still ONE KVS operation); `extra` in the order asked. */
export async function readPeopleIndexWith(deps: Pick<Deps, 'store'>, items: ReadonlyArray<{ key: string; entity?: string }>): Promise<{ people: PeopleIndex; extra: unknown[] }> {
  const [index, calendarRecord, ...extra] = await deps.store.getMany([...PEOPLE_INDEX_ITEMS, ...items]);
  return { people: peopleIndexOf(index as StoredPeopleIndex | undefined, calendarRecord), extra };
}

export function readDirectory(deps: Pick<Deps, 'store'>): Promise<DirectoryRecord | undefined> {
  return deps.store.getEntity<DirectoryRecord>(ENTITY.departmentDirectory, KEY.departmentDirectory);
}

export function readStoredPeopleIndex(deps: Pick<Deps, 'store'>): Promise<StoredPeopleIndex | undefined> {
  return deps.store.get<StoredPeopleIndex>(KEY.peopleIndex);
}

/** A department's own fields, without what storage adds (version, who and when). */
export function departmentFields(d: Department): Department {
  return {
    id: d.id,
    nameZh: d.nameZh,
    nameEn: d.nameEn,
    headAccountId: d.headAccountId,
    interfaceAccountId: d.interfaceAccountId,
    memberAccountIds: d.memberAccountIds,
    jiraGroup: d.jiraGroup,
    responseHours: d.responseHours,
  };
}

export function toDepartmentRecord(d: StoredDepartment): DepartmentRecord {
  return {
    ...departmentFields(d),
    version: d.version,
    updatedAt: new Date(d.updatedAt).toISOString(),
    updatedBy: d.updatedBy,
  };
}

export function indexSummary(index: StoredPeopleIndex | undefined): PeopleIndexSummary {
  if (!index) return { builtAt: null, people: 0, byDepartment: {} };
  const byDepartment: Record<string, number> = {};
  index.departments.forEach((d, i) => setOwn(byDepartment, d.id, index.members[i]?.length ?? 0));
  return {
    builtAt: new Date(index.builtAt).toISOString(),
    people: index.members.reduce((n, list) => n + list.length, 0),
    byDepartment,
  };
}

/** Members of Jira groups, fetched as the app at most once per group per invocation (and across retries). */
export function groupMembersCache(deps: Pick<Deps, 'jira'>) {
  const cache = new Map<string, Promise<string[] | null>>();
  return (group: string): Promise<string[] | null> => {
    let p = cache.get(group);
    if (!p) {
      p = deps.jira.getGroupMembers('app', group);
      p.catch(() => cache.delete(group));
      cache.set(group, p);
    }
    return p;
  };
}
export type GroupMembers = ReturnType<typeof groupMembersCache>;

const bytes = (value: unknown) => new TextEncoder().encode(JSON.stringify(value)).length;

function ensureFits(value: unknown): void {
  const size = bytes(value);
  if (size >= MAX_VALUE_BYTES) {
    throw new AppError('VALIDATION', 'validation.tooLarge', {
      what: 'department directory',
      size: Math.ceil(size / 1024),
      limit: MAX_VALUE_BYTES / 1024,
    });
  }
}

const MAX_ATTEMPTS = 6;
const pause = (attempt: number) => new Promise((r) => setTimeout(r, Math.random() * 20 * attempt));

/**
 * Read-modify-write of the directory and its people index, in one KVS transaction conditioned on the
 * directory's version: both change, or neither. `change` sees the current departments and returns the new
 * list, or throws (NOT_FOUND, CONFLICT, ...) before anything is written. A concurrent write of another
 * department makes the transaction fail; it is then run again on fresh data, so only a stale edit of the
 * same department (which `change` detects by its version) reaches the user as CONFLICT.
 */
export async function writeDirectory(
  deps: Deps,
  actorId: string,
  groups: GroupMembers,
  change: (current: readonly StoredDepartment[], now: number) => StoredDepartment[],
): Promise<{ departments: StoredDepartment[]; index: StoredPeopleIndex }> {
  for (let attempt = 1; ; attempt++) {
    const record = await readDirectory(deps);
    const now = deps.clock.now();
    const departments = change(record?.departments ?? [], now);
    const version = (record?.version ?? 0) + 1;
    const index = await indexOf(deps, departments, groups, now, version);
    const next: DirectoryRecord = { version, departments, updatedAt: now, updatedBy: actorId };
    ensureFits(next);
    ensureFits(index);
    try {
      await deps.store.transact([
        { kind: 'set', entity: ENTITY.departmentDirectory, key: KEY.departmentDirectory, value: next, ifVersion: record ? record.version : 'absent' },
        { kind: 'set', key: KEY.peopleIndex, value: index },
      ]);
      return { departments, index };
    } catch (e) {
      if (!(isAppError(e) && e.code === 'CONFLICT')) throw e;
      if (attempt >= MAX_ATTEMPTS) throw new AppError('CONFLICT', 'conflict.version', { what: 'department directory' });
      await pause(attempt);
    }
  }
}

async function indexOf(deps: Deps, departments: readonly Department[], groups: GroupMembers, now: number, directoryVersion: number): Promise<StoredPeopleIndex> {
  const names = [...new Set(departments.flatMap((d) => (d.jiraGroup ? [d.jiraGroup] : [])))];
  const members = await Promise.all(names.map((g) => groups(g)));
  const byGroup = new Map<string, string[]>();
  names.forEach((g, i) => {
    const list = members[i];
    // A group deleted in Jira since its department was saved contributes nobody; the department keeps its name.
    if (list === null || list === undefined) deps.log.warn('people index: Jira group not found', { group: g });
    else byGroup.set(g, list);
  });
  const routing = departments.map((d) => ({
    responseHours: d.responseHours,
    contacts: [d.headAccountId, d.interfaceAccountId].filter((x): x is string => !!x),
  }));
  return { v: 1, builtAt: now, directoryVersion, ...buildPeopleIndex(departments, byGroup), routing };
}
