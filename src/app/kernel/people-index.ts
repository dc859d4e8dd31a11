import type { CalendarSettings, Department, DepartmentRef } from '../../contract';
import { departmentByAccount, type PeopleIndexData } from '../../domain/directory/departments';
import type { Deps } from './ports';
import { ENTITY, KEY } from './storage-keys';
import { setOwn } from '../../domain/shared/dictionary';

// The directory's reads, which every feature needs (who belongs to which department, its calendar and
// contacts); the writes stay with the directory feature (app/directory).

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
const PEOPLE_INDEX_ITEMS = [
  { key: KEY.peopleIndex },
  { key: KEY.calendars, entity: ENTITY.escalationSettings },
] as const;

function peopleIndexOf(stored: StoredPeopleIndex | undefined, calendarRecord: unknown): PeopleIndex {
  const calendars = (calendarRecord as { data?: CalendarSettings } | undefined)?.data;
  if (!stored) return { departments: [], byAccount: {}, routing: {}, ...(calendars ? { calendars } : {}) };
  const routing: Record<string, DepartmentRouting> = {};
  stored.departments.forEach((d, i) => {
    const r = stored.routing?.[i];
    if (r) setOwn(routing, d.id, r);
  });
  return {
    departments: stored.departments,
    byAccount: departmentByAccount(stored),
    routing,
    ...(calendars ? { calendars } : {}),
  };
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
export async function readPeopleIndexWith(
  deps: Pick<Deps, 'store'>,
  items: ReadonlyArray<{ key: string; entity?: string }>,
): Promise<{ people: PeopleIndex; extra: unknown[] }> {
  const [index, calendarRecord, ...extra] = await deps.store.getMany([...PEOPLE_INDEX_ITEMS, ...items]);
  return { people: peopleIndexOf(index as StoredPeopleIndex | undefined, calendarRecord), extra };
}

export function readDirectory(deps: Pick<Deps, 'store'>): Promise<DirectoryRecord | undefined> {
  return deps.store.getEntity<DirectoryRecord>(ENTITY.departmentDirectory, KEY.departmentDirectory);
}

export function readStoredPeopleIndex(deps: Pick<Deps, 'store'>): Promise<StoredPeopleIndex | undefined> {
  return deps.store.get<StoredPeopleIndex>(KEY.peopleIndex);
}
