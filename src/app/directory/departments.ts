import type { Department, DepartmentRecord, PeopleIndexSummary } from '../../contract';
import { buildPeopleIndex } from '../../domain/directory/departments';
import { shardPeople } from '../../domain/directory/people-shards';
import type {
  DirectoryRecord,
  PeopleIndexHead,
  PeopleShard,
  StoredDepartment,
  StoredPeopleIndex,
} from '../kernel/people-index';
import type { Deps, TransactionOp } from '../kernel/ports';
import { AppError } from '../kernel/errors';
import { retryOnConflict } from '../kernel/retry';
import { ENTITY, KEY, MAX_TRANSACTION_OPS, MAX_VALUE_BYTES } from '../kernel/storage-keys';
import { setOwn } from '../../domain/shared/dictionary';

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

export function indexSummary(index: PeopleIndexHead | undefined): PeopleIndexSummary {
  if (!index) return { builtAt: null, people: 0, byDepartment: {} };
  const byDepartment: Record<string, number> = {};
  index.departments.forEach((d, i) => {
    setOwn(byDepartment, d.id, index.counts[i] ?? 0);
  });
  return {
    builtAt: new Date(index.builtAt).toISOString(),
    people: index.counts.reduce((n, c) => n + c, 0),
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

/** Jira groups read at once when the index is rebuilt (each reads its own pages in parallel). */
const GROUPS_AT_ONCE = 4;

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
): Promise<{ departments: StoredDepartment[]; index: PeopleIndexHead }> {
  const exhausted = () => new AppError('CONFLICT', 'conflict.version', { what: 'department directory' });
  return retryOnConflict(
    async (_attempt, write) => {
      const [stored, storedHead] = await deps.store.getMany([
        { key: KEY.departmentDirectory, entity: ENTITY.departmentDirectory },
        { key: KEY.peopleIndexHead },
      ]);
      const record = stored as DirectoryRecord | undefined;
      const now = deps.clock.now();
      const departments = change(record?.departments ?? [], now);
      const version = (record?.version ?? 0) + 1;
      const { full, head, shards } = await indexOf(deps, departments, groups, now, version);
      const next: DirectoryRecord = { version, departments, updatedAt: now, updatedBy: actorId };
      ensureFits(next);
      shards.forEach(ensureFits);
      const shardOps = shardWrites(shards, (storedHead as PeopleIndexHead | undefined)?.filled ?? []);
      const last = shardOps.splice(0, MAX_TRANSACTION_OPS - 3);
      // Shards beyond the directory's own transaction go first: a reader that sees the new head finds its
      // people. Should the directory's transaction then fail, the run again rewrites them from the
      // directory that won. A small directory is written in that one transaction alone.
      for (let i = 0; i < shardOps.length; i += MAX_TRANSACTION_OPS)
        await deps.store.transact(shardOps.slice(i, i + MAX_TRANSACTION_OPS));
      await write(() =>
        deps.store.transact([
          {
            kind: 'set',
            entity: ENTITY.departmentDirectory,
            key: KEY.departmentDirectory,
            value: next,
            ifVersion: record ? record.version : 'absent',
          },
          { kind: 'set', key: KEY.peopleIndex, value: fits(full) },
          { kind: 'set', key: KEY.peopleIndexHead, value: head },
          ...last,
        ]),
      );
      return { departments, index: head };
    },
    { exhausted },
  );
}

/** The whole index while it fits one value; beyond, its departments and routing only (readers then name people). */
function fits(full: StoredPeopleIndex): StoredPeopleIndex {
  if (bytes(full) < MAX_VALUE_BYTES) return full;
  return { ...full, members: full.members.map(() => []), truncated: true };
}

/** A set for every shard with people, a delete for every shard that had people and has none now. */
function shardWrites(shards: readonly PeopleShard[], filledBefore: readonly number[]): TransactionOp[] {
  const ops: TransactionOp[] = [];
  shards.forEach((value, n) => {
    if (Object.keys(value.byAccount).length > 0) ops.push({ kind: 'set', key: KEY.peopleShard(n), value });
  });
  const filled = new Set(filledOf(shards));
  for (const n of filledBefore) if (!filled.has(n)) ops.push({ kind: 'delete', key: KEY.peopleShard(n) });
  return ops;
}

const filledOf = (shards: readonly PeopleShard[]) =>
  shards.flatMap((s, n) => (Object.keys(s.byAccount).length > 0 ? [n] : []));

async function indexOf(
  deps: Deps,
  departments: readonly Department[],
  groups: GroupMembers,
  now: number,
  directoryVersion: number,
): Promise<{ full: StoredPeopleIndex; head: PeopleIndexHead; shards: PeopleShard[] }> {
  const names = [...new Set(departments.flatMap((d) => (d.jiraGroup ? [d.jiraGroup] : [])))];
  const members: Array<string[] | null> = [];
  // A few groups at a time, each in parallel pages: tens of requests in flight, not hundreds.
  for (let i = 0; i < names.length; i += GROUPS_AT_ONCE)
    members.push(...(await Promise.all(names.slice(i, i + GROUPS_AT_ONCE).map((g) => groups(g)))));
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
  const data = buildPeopleIndex(departments, byGroup);
  const shards: PeopleShard[] = shardPeople(data).map((byAccount) => ({ v: 2, directoryVersion, byAccount }));
  return {
    full: { v: 1, builtAt: now, directoryVersion, ...data, routing },
    head: {
      v: 2,
      builtAt: now,
      directoryVersion,
      departments: data.departments,
      routing,
      counts: data.members.map((m) => m.length),
      filled: filledOf(shards),
    },
    shards,
  };
}
