import type { Department, DepartmentRecord, PeopleIndexSummary } from '../../contract';
import { buildPeopleIndex } from '../../domain/directory/departments';
import {
  readDirectory,
  type DirectoryRecord,
  type StoredDepartment,
  type StoredPeopleIndex,
} from '../kernel/people-index';
import type { Deps } from '../kernel/ports';
import { AppError } from '../kernel/errors';
import { retryOnConflict } from '../kernel/retry';
import { ENTITY, KEY, MAX_VALUE_BYTES } from '../kernel/storage-keys';
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

export function indexSummary(index: StoredPeopleIndex | undefined): PeopleIndexSummary {
  if (!index) return { builtAt: null, people: 0, byDepartment: {} };
  const byDepartment: Record<string, number> = {};
  index.departments.forEach((d, i) => {
    setOwn(byDepartment, d.id, index.members[i]?.length ?? 0);
  });
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
  const exhausted = () => new AppError('CONFLICT', 'conflict.version', { what: 'department directory' });
  return retryOnConflict(
    async (_attempt, write) => {
      const record = await readDirectory(deps);
      const now = deps.clock.now();
      const departments = change(record?.departments ?? [], now);
      const version = (record?.version ?? 0) + 1;
      const index = await indexOf(deps, departments, groups, now, version);
      const next: DirectoryRecord = { version, departments, updatedAt: now, updatedBy: actorId };
      ensureFits(next);
      ensureFits(index);
      await write(() =>
        deps.store.transact([
          {
            kind: 'set',
            entity: ENTITY.departmentDirectory,
            key: KEY.departmentDirectory,
            value: next,
            ifVersion: record ? record.version : 'absent',
          },
          { kind: 'set', key: KEY.peopleIndex, value: index },
        ]),
      );
      return { departments, index };
    },
    { exhausted },
  );
}

async function indexOf(
  deps: Deps,
  departments: readonly Department[],
  groups: GroupMembers,
  now: number,
  directoryVersion: number,
): Promise<StoredPeopleIndex> {
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
