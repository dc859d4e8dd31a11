import type { Deps, TransactionOp } from './ports';
import { ENTITY, INDEX, KEY } from './storage-keys';
import { mergeRollups, normalizeRollup, shardOf, type GraphEdit, type ProjectRollup } from '../../domain/rollup/core';
import { retryOnConflict } from './retry';
import { graphShardOf, graphWrites, ownEntry, type GraphShardRecord, type GraphShards } from './graph-store';

/** Shards per project rollup; the page reads them all in one query page (at most 100). */
export const ROLLUP_SHARDS = 16;

/** Forge's limit on the operations of one transaction. */
const MAX_TRANSACTION_OPS = 25;

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

/** The graph edits a planned rollup carries, taken out of it: they are written to the graph, not with the counts. */
function takeGraphEdits(rollup: ProjectRollup, into: Map<string, GraphEdit>): ProjectRollup {
  if (!rollup.graphEdits) return rollup;
  for (const [id, edit] of Object.entries(rollup.graphEdits)) into.set(id, edit);
  const { graphEdits: _e, ...data } = rollup;
  return data;
}

function rollupOp(projectKey: string, shard: number, prev: RollupRecord | undefined, data: ProjectRollup) {
  const value: RollupRecord = { projectKey, shard, version: (prev?.version ?? 0) + 1, data };
  const op: TransactionOp = {
    kind: 'set',
    entity: ENTITY.projectRollup,
    key: KEY.rollupShard(projectKey, shard),
    value,
    ifVersion: prev ? prev.version : 'absent',
  };
  return { op, value };
}

/** The graph shards a dependency write touches: its upstream issue's, in the projects that hold its entry. */
export interface GraphHint {
  upstream: string;
  projects: readonly string[];
}

/**
 * Read-modify-write of the rollup shards that `subjectId` contributes to (one per project touched),
 * together with the records that changed them, in one KVS transaction conditioned on each shard's
 * version. `plan` gets the attempt number: on the first it may use what the caller read just before; after
 * a conflict it runs again with fresh shards and must read the records it changes afresh. It returns null
 * when nothing is to be done. Returns false when nothing was written. The dependency graph entries the plan
 * adds or removes are written in the same transaction. With `graph`, the graph shards of that dependency are
 * read in the same batch as the rollup shards, and the plan sees their entries in `depGraph` (to tell whether
 * the dependency is there already); they are not written back into the rollup.
 */
export async function commitWithRollups(
  deps: Deps,
  subjectId: string,
  projectKeys: readonly string[],
  plan: (
    rollups: Map<string, ProjectRollup>,
    attempt: number,
  ) => Promise<{ rollups: Map<string, ProjectRollup>; ops: TransactionOp[] } | null>,
  opts: { graph?: GraphHint } = {},
): Promise<boolean> {
  const shard = shardOf(subjectId, ROLLUP_SHARDS);
  const keys = [...new Set(projectKeys)];
  const hint = opts.graph;
  const gKeys = hint ? [...new Set(hint.projects)].map((p) => KEY.graphShard(p, graphShardOf(hint.upstream))) : [];
  return retryOnConflict(async (attempt, write) => {
    const got = await deps.store.getMany([
      ...keys.map((k) => ({ key: KEY.rollupShard(k, shard), entity: ENTITY.projectRollup })),
      ...gKeys.map((key) => ({ key, entity: ENTITY.dependencyGraph })),
    ]);
    const records = keys.map((_, i) => got[i] as RollupRecord | undefined);
    const known: GraphShards = new Map(gKeys.map((k, i) => [k, got[keys.length + i] as GraphShardRecord | undefined]));
    const current = new Map(keys.map((k, i) => [k, normalizeRollup(k, records[i]?.data)]));
    const legacy = new Map(keys.map((k) => [k, new Set(Object.keys(current.get(k)!.depGraph ?? {}))]));
    const seen = hint ? withGraphEntries(current, known) : current;
    const result = await plan(seen, attempt);
    if (!result) return false;
    const edits = new Map<string, GraphEdit>();
    const rollupOps: TransactionOp[] = keys.map((k, i) => {
      const data = takeGraphEdits(result.rollups.get(k) ?? current.get(k)!, edits);
      return rollupOp(k, shard, records[i], hint ? onlyLegacy(data, legacy.get(k)!) : data).op;
    });
    const graphOps = await graphWrites(deps, edits, known);
    await write(() => deps.store.transact([...result.ops, ...rollupOps, ...graphOps]));
    return true;
  });
}

/** The rollups as a plan sees them with a graph hint: their own entries of the graph shards read beside them. */
function withGraphEntries(rollups: Map<string, ProjectRollup>, known: GraphShards): Map<string, ProjectRollup> {
  return new Map(
    [...rollups].map(([k, r]) => {
      const graph = { ...r.depGraph };
      for (const rec of known.values())
        if (rec)
          for (const [id, e] of Object.entries(rec.edges)) if (ownEntry(k, e) && rec.projectKey === k) graph[id] = e;
      return [k, Object.keys(graph).length > 0 ? { ...r, depGraph: graph } : r];
    }),
  );
}

/** A rollup to store: of the graph entries it carries, only those it held before the graph had records. */
function onlyLegacy(r: ProjectRollup, legacy: ReadonlySet<string>): ProjectRollup {
  if (!r.depGraph) return r;
  const graph = Object.fromEntries(Object.entries(r.depGraph).filter(([id]) => legacy.has(id)));
  const { depGraph: _g, ...rest } = r;
  return Object.keys(graph).length > 0 ? { ...rest, depGraph: graph } : rest;
}

/**
 * Many changes of the same kind (every dependency of one issue), written in as few transactions as fit in
 * Forge's 25 operations: the rollup shards (one per project, chosen by `subjectId`) and the graph shards are
 * read once, and each transaction is conditioned on what the one before it wrote, so a fan-out over 100
 * records costs a read, then one transaction per handful of records. Only a conflict reads afresh; `plan`
 * then gets `fresh` and must read its item again. `plan` returns null for an item with nothing to do.
 * Returns how many items were written.
 */
export async function commitMany<T>(
  deps: Deps,
  subjectId: string,
  projectKeys: readonly string[],
  items: readonly T[],
  plan: (
    rollups: Map<string, ProjectRollup>,
    item: T,
    fresh: boolean,
  ) => Promise<{ rollups: Map<string, ProjectRollup>; ops: TransactionOp[] } | null>,
): Promise<number> {
  const shard = shardOf(subjectId, ROLLUP_SHARDS);
  const keys = [...new Set(projectKeys)];
  const readShards = async () => {
    const got = await deps.store.getMany(
      keys.map((k) => ({ key: KEY.rollupShard(k, shard), entity: ENTITY.projectRollup })),
    );
    return new Map(keys.map((k, i) => [k, got[i] as RollupRecord | undefined]));
  };
  let records = items.length > 0 ? await readShards() : new Map<string, RollupRecord | undefined>();
  const graph: GraphShards = new Map();
  let next = 0;
  let written = 0;
  while (next < items.length) {
    const from = next;
    const done = await retryOnConflict(async (attempt, write) => {
      const fresh = attempt > 1;
      if (fresh) {
        records = await readShards();
        graph.clear();
      }
      let rollups = new Map(keys.map((k) => [k, normalizeRollup(k, records.get(k)?.data)]));
      const ops: TransactionOp[] = [];
      const edits = new Map<string, GraphEdit>();
      const touched = new Set<string>();
      let taken = 0;
      let applied = 0;
      for (let j = from; j < items.length; j++) {
        const r = await plan(rollups, items[j]!, fresh);
        if (r) {
          const itemEdits = new Map(edits);
          const nextRollups = new Map(rollups);
          const nextTouched = new Set(touched);
          for (const [k, roll] of r.rollups) {
            nextRollups.set(k, takeGraphEdits(roll, itemEdits));
            nextTouched.add(k);
          }
          const graphCount = new Set(
            [...itemEdits.values()].flatMap((e) => e.projects.map((p) => `${p}:${e.upstream}`)),
          ).size;
          const total = ops.length + r.ops.length + nextTouched.size + graphCount;
          // Always at least one item a transaction; the rest wait for the next one.
          if (applied > 0 && total > MAX_TRANSACTION_OPS) break;
          ops.push(...r.ops);
          rollups = nextRollups;
          for (const [id, e] of itemEdits) edits.set(id, e);
          for (const k of nextTouched) touched.add(k);
          applied += 1;
        }
        taken += 1;
      }
      if (applied === 0) return { taken, applied };
      const writes = [...touched].map((k) => ({ k, ...rollupOp(k, shard, records.get(k), rollups.get(k)!) }));
      const graphOps = await graphWrites(deps, edits, graph);
      await write(() => deps.store.transact([...ops, ...writes.map((w) => w.op), ...graphOps]));
      for (const w of writes) records.set(w.k, w.value);
      return { taken, applied };
    });
    next = from + done.taken;
    written += done.applied;
  }
  return written;
}
