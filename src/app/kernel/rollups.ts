import type { Deps, TransactionOp } from './ports';
import { ENTITY, INDEX, KEY } from './storage-keys';
import { mergeRollups, normalizeRollup, shardOf, type ProjectRollup } from '../../domain/rollup/core';
import { retryOnConflict } from './retry';

/** Shards per project rollup; the page reads them all in one query page (at most 100). */
export const ROLLUP_SHARDS = 16;

interface RollupRecord {
  projectKey: string;
  shard: number;
  version: number;
  data: ProjectRollup;
}

/** The project's rollup: one index query over its shards, whatever the size of the project. */
export async function readRollup(deps: Deps, projectKey: string): Promise<ProjectRollup> {
  const page = await deps.store.queryEntity<RollupRecord>({
    entity: ENTITY.projectRollup,
    index: INDEX.rollupByProject,
    partition: [projectKey],
    limit: ROLLUP_SHARDS,
  });
  return mergeRollups(
    projectKey,
    page.items.map((i) => i.value.data),
  );
}

/**
 * Read-modify-write of the rollup shards that `subjectId` contributes to (one per project touched),
 * together with the records that changed them, in one KVS transaction conditioned on each shard's
 * version. `plan` gets the attempt number: on the first it may use what the caller read just before; after
 * a conflict it runs again with fresh shards and must read the records it changes afresh. It returns null
 * when nothing is to be done. Returns false when nothing was written.
 */
export async function commitWithRollups(
  deps: Deps,
  subjectId: string,
  projectKeys: readonly string[],
  plan: (
    rollups: Map<string, ProjectRollup>,
    attempt: number,
  ) => Promise<{ rollups: Map<string, ProjectRollup>; ops: TransactionOp[] } | null>,
): Promise<boolean> {
  const shard = shardOf(subjectId, ROLLUP_SHARDS);
  const keys = [...new Set(projectKeys)];
  return retryOnConflict(async (attempt, write) => {
    const records = await Promise.all(
      keys.map((k) => deps.store.getEntity<RollupRecord>(ENTITY.projectRollup, KEY.rollupShard(k, shard))),
    );
    const current = new Map(keys.map((k, i) => [k, normalizeRollup(k, records[i]?.data)]));
    const result = await plan(current, attempt);
    if (!result) return false;
    const rollupOps: TransactionOp[] = keys.map((k, i) => {
      const prev = records[i];
      const data = result.rollups.get(k) ?? current.get(k)!;
      return {
        kind: 'set',
        entity: ENTITY.projectRollup,
        key: KEY.rollupShard(k, shard),
        value: { projectKey: k, shard, version: (prev?.version ?? 0) + 1, data } satisfies RollupRecord,
        ifVersion: prev ? prev.version : 'absent',
      };
    });
    await write(() => deps.store.transact([...result.ops, ...rollupOps]));
    return true;
  });
}
