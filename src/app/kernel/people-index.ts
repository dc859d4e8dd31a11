import type { CalendarSettings, Department, DepartmentRef } from '../../contract';
import { departmentByAccount, type PeopleIndexData } from '../../domain/directory/departments';
import { shardsFor } from '../../domain/directory/people-shards';
import type { Deps } from './ports';
import { ENTITY, KEY, MAX_TRANSACTION_OPS } from './storage-keys';
import { own, setOwn } from '../../domain/shared/dictionary';

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

/**
 * The whole people index under one KVS key, for readers that do not say whom they look up. Written while it
 * fits one value; beyond (~8,000 people) it keeps departments and routing and `truncated` says the people
 * are only in the shards.
 */
export interface StoredPeopleIndex extends PeopleIndexData {
  v: 1;
  builtAt: number;
  directoryVersion: number;
  /** Per department, in `departments` order: its response time and the people who answer for it (head, interface person). */
  routing?: DepartmentRouting[];
  truncated?: boolean;
}

/** The people index's head: everything but the people, a few hundred bytes a department. */
export interface PeopleIndexHead {
  v: 2;
  builtAt: number;
  directoryVersion: number;
  departments: DepartmentRef[];
  routing: DepartmentRouting[];
  /** People per department, in `departments` order. */
  counts: number[];
  /** The shards that hold anyone: the next write clears those that no longer do. */
  filled: number[];
}

/** One shard of the people index by account (domain/directory/people-shards). */
export interface PeopleShard {
  v: 2;
  directoryVersion: number;
  byAccount: Record<string, string>;
}

export interface DepartmentRouting {
  responseHours: number;
  contacts: string[];
}

/** What other use cases get: the departments to name, and each person's department id. */
export interface PeopleIndex {
  departments: DepartmentRef[];
  /** The people asked for (all of them, for a reader that asked for nobody in particular) -> department id. */
  byAccount: Record<string, string>;
  /** By department id; a department missing here (an index written before routing existed) answers in the default time. */
  routing: Record<string, DepartmentRouting>;
  /** The working-time calendars and which department works by which (issue 5), read in the same batch. */
  calendars?: CalendarSettings;
  /** Read from a one-record index too large to hold its people: `byAccount` is empty, see `withPeople`. */
  partial?: boolean;
}

const CALENDARS_ITEM = { key: KEY.calendars, entity: ENTITY.escalationSettings } as const;

function routingOf(departments: readonly DepartmentRef[], routes: readonly DepartmentRouting[] | undefined) {
  const routing: Record<string, DepartmentRouting> = {};
  departments.forEach((d, i) => {
    const r = routes?.[i];
    if (r) setOwn(routing, d.id, r);
  });
  return routing;
}

const calendarsOf = (record: unknown) => {
  const calendars = (record as { data?: CalendarSettings } | undefined)?.data;
  return calendars ? { calendars } : {};
};

function peopleIndexOf(stored: StoredPeopleIndex | undefined, calendarRecord: unknown): PeopleIndex {
  if (!stored) return { departments: [], byAccount: {}, routing: {}, ...calendarsOf(calendarRecord) };
  return {
    departments: stored.departments,
    byAccount: departmentByAccount(stored),
    routing: routingOf(stored.departments, stored.routing),
    ...calendarsOf(calendarRecord),
  };
}

/**
 * The departments, routing and calendars, and the department of each person in `accounts`: the index's
 * head and only the shards those people fall in, in ONE KVS batch read while they fit one batch (25 keys;
 * beyond, the rest in parallel batches). Without `accounts`, the whole index in one record (see
 * StoredPeopleIndex): a reader that knows whom it looks up should say so.
 */
export async function readPeopleIndex(
  deps: Pick<Deps, 'store'> & Partial<Pick<Deps, 'log'>>,
  accounts?: readonly string[],
): Promise<PeopleIndex> {
  return (await readPeopleIndexWith(deps, [], accounts)).people;
}

/** The people index and other records in the same batch read; `extra` in the order asked. */
export async function readPeopleIndexWith(
  deps: Pick<Deps, 'store'> & Partial<Pick<Deps, 'log'>>,
  items: ReadonlyArray<{ key: string; entity?: string }>,
  accounts?: readonly string[],
): Promise<{ people: PeopleIndex; extra: unknown[] }> {
  if (accounts) {
    const scoped = await readScoped(deps, items, accounts);
    if (scoped) return scoped;
  }
  const [index, calendarRecord, ...extra] = await deps.store.getMany([
    { key: KEY.peopleIndex },
    CALENDARS_ITEM,
    ...items,
  ]);
  const stored = index as StoredPeopleIndex | undefined;
  const people = peopleIndexOf(stored, calendarRecord);
  return { people: stored?.truncated ? { ...people, partial: true } : people, extra };
}

/**
 * `people` with the departments of `accounts` looked up in the shards, when it was read whole from a record
 * too large to hold its people (beyond ~8,000 people): one more batch read then, none otherwise.
 */
export async function withPeople(
  deps: Pick<Deps, 'store'>,
  people: PeopleIndex,
  accounts: ReadonlyArray<string | null | undefined>,
): Promise<PeopleIndex> {
  if (!people.partial) return people;
  const asked = accounts.filter((a): a is string => !!a);
  const scoped = await readScoped(deps, [], asked);
  return scoped ? { ...people, byAccount: scoped.people.byAccount, partial: false } : people;
}

/** undefined when no head has been written yet (a directory last saved before the index had shards). */
async function readScoped(
  deps: Pick<Deps, 'store'>,
  items: ReadonlyArray<{ key: string; entity?: string }>,
  accounts: readonly string[],
): Promise<{ people: PeopleIndex; extra: unknown[] } | undefined> {
  const fixed = [{ key: KEY.peopleIndexHead }, CALENDARS_ITEM, ...items];
  const keys = [...fixed, ...shardsFor(accounts).map((n) => ({ key: KEY.peopleShard(n) }))];
  const batches: Array<typeof keys> = [];
  for (let i = 0; i < keys.length; i += MAX_TRANSACTION_OPS) batches.push(keys.slice(i, i + MAX_TRANSACTION_OPS));
  const values = (await Promise.all(batches.map((b) => deps.store.getMany(b)))).flat();
  const head = values[0] as PeopleIndexHead | undefined;
  if (!head) return undefined;
  const shards = values.slice(fixed.length) as Array<PeopleShard | undefined>;
  const byAccount: Record<string, string> = {};
  for (const accountId of accounts) {
    for (const shard of shards) {
      const dept = own(shard?.byAccount, accountId);
      if (dept) {
        setOwn(byAccount, accountId, dept);
        break;
      }
    }
  }
  return {
    people: {
      departments: head.departments,
      byAccount,
      routing: routingOf(head.departments, head.routing),
      ...calendarsOf(values[1]),
    },
    extra: values.slice(2, fixed.length),
  };
}

export function readDirectory(deps: Pick<Deps, 'store'>): Promise<DirectoryRecord | undefined> {
  return deps.store.getEntity<DirectoryRecord>(ENTITY.departmentDirectory, KEY.departmentDirectory);
}

/** The index's head: what the admin page reports (when built, how many people), without reading the people. */
export async function readPeopleIndexHead(deps: Pick<Deps, 'store'>): Promise<PeopleIndexHead | undefined> {
  const head = await deps.store.get<PeopleIndexHead>(KEY.peopleIndexHead);
  if (head) return head;
  // A directory last saved before the index had shards: its one record says the same, at a higher price.
  const old = await deps.store.get<StoredPeopleIndex>(KEY.peopleIndex);
  if (!old) return undefined;
  return {
    v: 2,
    builtAt: old.builtAt,
    directoryVersion: old.directoryVersion,
    departments: old.departments,
    routing: old.routing ?? [],
    counts: old.members.map((m) => m.length),
    filled: [],
  };
}
