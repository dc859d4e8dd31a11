import type { Deps, TransactionOp } from './ports';
import { ENTITY } from './storage-keys';
import { emptyRollup, type ProjectRollup } from '../domain/rollup';
import { isAppError } from './errors';

interface RollupRecord {
  projectKey: string;
  version: number;
  data: ProjectRollup;
}

export async function readRollup(deps: Deps, projectKey: string): Promise<ProjectRollup> {
  const rec = await deps.store.getEntity<RollupRecord>(ENTITY.projectRollup, projectKey);
  return rec?.data ?? emptyRollup(projectKey);
}

/**
 * Read-modify-write of one or more project rollups together with the records that changed them, in one
 * KVS transaction conditioned on each rollup's version. After a conflict `plan` runs again with fresh
 * rollups, so it reads the records it changes afresh inside itself; it returns null when nothing is to be done.
 * Returns false when nothing was written.
 */
export async function commitWithRollups(
  deps: Deps,
  projectKeys: readonly string[],
  plan: (rollups: Map<string, ProjectRollup>) => Promise<{ rollups: Map<string, ProjectRollup>; ops: TransactionOp[] } | null>,
  attempts = 5,
): Promise<boolean> {
  const keys = [...new Set(projectKeys)];
  for (let attempt = 1; ; attempt++) {
    const records = await Promise.all(keys.map((k) => deps.store.getEntity<RollupRecord>(ENTITY.projectRollup, k)));
    const current = new Map(keys.map((k, i) => [k, records[i]?.data ?? emptyRollup(k)]));
    const result = await plan(current);
    if (!result) return false;
    const rollupOps: TransactionOp[] = keys.map((k, i) => {
      const prev = records[i];
      const data = result.rollups.get(k) ?? current.get(k)!;
      return {
        kind: 'set',
        entity: ENTITY.projectRollup,
        key: k,
        value: { projectKey: k, version: (prev?.version ?? 0) + 1, data } satisfies RollupRecord,
        ifVersion: prev ? prev.version : 'absent',
      };
    });
    try {
      await deps.store.transact([...result.ops, ...rollupOps]);
      return true;
    } catch (e) {
      if (!(isAppError(e) && e.code === 'CONFLICT') || attempt >= attempts) throw e;
      deps.log.warn('rollup write conflicted; retrying', { projectKeys: keys, attempt });
    }
  }
}
