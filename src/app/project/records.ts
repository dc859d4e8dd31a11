import type { Noun } from '../../contract';
import type { Deps } from '../kernel/ports';
import { AppError } from '../kernel/errors';
import { KEY } from '../kernel/storage-keys';
import { commitWithRollups } from '../kernel/rollups';
import { readAll } from '../kernel/paging';
import type { ProjectRollup } from '../../domain/rollup/core';
import { newRecordId } from './project-access';

// The project page's records (risks, retrospectives, action items) share one way to be stored and saved.

/** A project page record as stored: indexable attributes beside its data. */
export interface StoredRecord<D> {
  id: string;
  projectKey: string;
  status?: string;
  createdAt: number;
  updatedAt: number;
  version: number;
  data: D;
  /** Where the record sorts in its project's list (risks and action items): see `riskRank` and `actionRank`. */
  rank?: string;
}

/** A long list's page as the resolvers take it: after the cursor, this many rows. */
export interface ListPage {
  cursor?: string | undefined;
  limit: number;
}

export interface RecordSpec<D, C> {
  entity: string;
  kind: string;
  what: Noun;
  projectKey: string;
  id: string | undefined;
  expectedVersion: number | null;
  make: (prev: StoredRecord<D> | undefined, now: number) => { status?: string; data: D };
  contribution: (r: StoredRecord<D>) => C;
  /** The list position of a record kept in a ranked list; records without one are listed by creation only. */
  rank?: (r: StoredRecord<D>) => string;
  apply: (rollup: ProjectRollup, before: C | null, after: C | null, at: number) => ProjectRollup;
}

/**
 * Creates or updates one record and moves its contribution in the project rollup, in one KVS transaction
 * conditioned on both: a stale edit (someone saved since the editor opened it) is refused, not merged.
 */
export async function saveRecord<D, C>(deps: Deps, s: RecordSpec<D, C>): Promise<StoredRecord<D>> {
  const id = s.id ?? newRecordId(s.kind);
  const key = KEY.projectRecord(s.projectKey, id);
  let saved: StoredRecord<D> | undefined;
  await commitWithRollups(deps, id, [s.projectKey], async (rollups) => {
    const prev = await deps.store.getEntity<StoredRecord<D>>(s.entity, key);
    if (s.id !== undefined && !prev) throw new AppError('NOT_FOUND', 'project.notFound.record', { what: s.what });
    if (s.id === undefined && prev) throw new AppError('CONFLICT', 'project.conflict.stale', { what: s.what });
    if (prev && prev.version !== s.expectedVersion)
      throw new AppError('CONFLICT', 'project.conflict.stale', { what: s.what }, 'expectedVersion');
    const now = deps.clock.now();
    const { status, data } = s.make(prev, now);
    const next: StoredRecord<D> = {
      id,
      projectKey: s.projectKey,
      ...(status !== undefined ? { status } : {}),
      createdAt: prev?.createdAt ?? now,
      updatedAt: now,
      version: (prev?.version ?? 0) + 1,
      data,
    };
    if (s.rank) next.rank = s.rank(next);
    saved = next;
    const rollup = s.apply(rollups.get(s.projectKey)!, prev ? s.contribution(prev) : null, s.contribution(next), now);
    return {
      rollups: new Map([[s.projectKey, rollup]]),
      ops: [{ kind: 'set', entity: s.entity, key, value: next, ifVersion: prev ? prev.version : 'absent' }],
    };
  });
  return saved!;
}

export function listRecords<D>(
  deps: Deps,
  entity: string,
  index: string,
  projectKey: string,
): Promise<Array<StoredRecord<D>>> {
  return readAll<StoredRecord<D>>(deps, { entity, index, partition: [projectKey], sort: 'ASC', limit: 100 });
}

export const iso = (t: number) => new Date(t).toISOString();

export async function requireVersion(
  deps: Deps,
  projectKey: string,
  versionId: string | null,
  field: string,
): Promise<void> {
  if (versionId === null) return;
  const versions = await deps.jira.getVersions('user', projectKey);
  if (!versions.some((v) => v.id === versionId))
    throw new AppError('VALIDATION', 'project.validation.unknownVersion', { field, id: versionId }, field);
}
