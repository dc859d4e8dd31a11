import type { Deps, TransactionOp } from './ports';
import { ENTITY, INDEX, KEY } from './storage-keys';
import { shardOf, type DependencyEdgeEntry, type GraphEdit } from '../../domain/rollup/core';

/**
 * Shards per project graph, by upstream issue. At ~250 bytes an entry, 100,000 dependencies make ~125 KB a shard,
 * half of Forge's 240 KiB value limit; the whole graph is two query pages whatever its size.
 */
export const GRAPH_SHARDS = 200;

export interface GraphShardRecord {
  projectKey: string;
  shard: number;
  version: number;
  edges: Record<string, DependencyEdgeEntry>;
}

export const graphShardOf = (upstreamIssueId: string): number => shardOf(upstreamIssueId, GRAPH_SHARDS);

/**
 * Every entry a project's graph holds, by dependency id: its own dependencies, and copies of other projects'
 * dependencies its issues provide for (so that what waits on an issue is found in the issue's own project).
 * At most two index query pages.
 */
export async function readGraph(
  deps: Pick<Deps, 'store'>,
  projectKey: string,
): Promise<Map<string, DependencyEdgeEntry>> {
  const out = new Map<string, DependencyEdgeEntry>();
  let cursor: string | undefined;
  do {
    const page = await deps.store.queryEntity<GraphShardRecord>({
      entity: ENTITY.dependencyGraph,
      index: INDEX.graphByProject,
      partition: [projectKey],
      limit: 100,
      ...(cursor ? { cursor } : {}),
    });
    for (const { value } of page.items) for (const [id, e] of Object.entries(value.edges)) out.set(id, e);
    cursor = page.cursor;
  } while (cursor);
  return out;
}

/** Whether an entry held in `projectKey`'s graph is one of that project's own dependencies (not a copy). */
export const ownEntry = (projectKey: string, e: DependencyEdgeEntry): boolean => !e.dp || e.dp === projectKey;

/** The project an entry's upstream / downstream issue is in, as seen from the graph that holds it. */
export const upstreamProject = (holder: string, e: DependencyEdgeEntry): string => e.up ?? holder;
export const downstreamProject = (holder: string, e: DependencyEdgeEntry): string => e.dp ?? holder;

/** Graph shard records as read (undefined: absent), by key: a writer that writes again reuses what it wrote. */
export type GraphShards = Map<string, GraphShardRecord | undefined>;

/** The graph shard keys `edits` touch. */
export function graphKeys(edits: ReadonlyMap<string, GraphEdit>): string[] {
  const keys = new Set<string>();
  for (const edit of edits.values())
    for (const p of edit.projects) keys.add(KEY.graphShard(p, graphShardOf(edit.upstream)));
  return [...keys];
}

/**
 * The writes that put `edits` into the graph shards they belong to, each conditioned on the version read, for
 * the caller's transaction. Shards not in `known` are read in one batch (at most 25 keys) and added to it;
 * `known` then holds what the writes will have written.
 */
export async function graphWrites(
  deps: Pick<Deps, 'store'>,
  edits: ReadonlyMap<string, GraphEdit>,
  known: GraphShards = new Map(),
): Promise<TransactionOp[]> {
  if (edits.size === 0) return [];
  const keys = graphKeys(edits);
  const missing = keys.filter((k) => !known.has(k));
  if (missing.length > 0) {
    const read = await deps.store.getMany(missing.map((key) => ({ key, entity: ENTITY.dependencyGraph })));
    for (const [i, k] of missing.entries()) known.set(k, read[i] as GraphShardRecord | undefined);
  }
  return keys.map((key): TransactionOp => {
    const prev = known.get(key);
    const [projectKey, shard] = [key.slice(0, key.lastIndexOf(':')), Number(key.slice(key.lastIndexOf(':') + 1))];
    const edges = { ...prev?.edges };
    for (const [id, edit] of edits) {
      if (KEY.graphShard(projectKey, graphShardOf(edit.upstream)) !== key || !edit.projects.includes(projectKey))
        continue;
      if (edit.edge) edges[id] = edit.edge;
      else delete edges[id];
    }
    const value: GraphShardRecord = { projectKey, shard, version: (prev?.version ?? 0) + 1, edges };
    known.set(key, value);
    return { kind: 'set', entity: ENTITY.dependencyGraph, key, value, ifVersion: prev ? prev.version : 'absent' };
  });
}
