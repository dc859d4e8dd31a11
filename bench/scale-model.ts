import { contribution } from '../src/app/dependencies/dependency-records';
import { ROLLUP_SHARDS } from '../src/app/kernel/rollups';
import { graphShardOf } from '../src/app/kernel/graph-store';
import { emptyRollup, mergeRollups, shardOf, type GraphEdit, type ProjectRollup } from '../src/domain/rollup/core';
import { applyDependencyChange } from '../src/domain/rollup/dependencies';
import { applyIssueChange } from '../src/domain/rollup/issues';
import type { DependencyRecord } from '../src/domain/dependencies/dependency';
import type { DependencyStatus } from '../src/contract/views';
import { random } from './scale-support';

const DAY = 86_400_000;
const START = Date.parse('2026-03-09T00:00:00Z');
const date = (d: number) => new Date(START + d * DAY).toISOString().slice(0, 10);
const DEPTS = ['product', 'rnd', 'design', 'qa', 'ops', 'marketing', 'sales', 'legal'];
const OPEN: DependencyStatus[] = ['requested', 'acknowledged', 'countered', 'committed', 'requested'];

/**
 * What the page rollup and the dependency graph hold for a project of 10,000 issues (40 versions, due dates over
 * three years) with `openDeps` open dependencies, built with the app's own write functions (the contribution of
 * each record, applied to the shard it lands in), then measured as the JSON the store would hold.
 */
export function rollupModel(openDeps: number) {
  const rnd = random(openDeps);
  const shards: ProjectRollup[] = Array.from({ length: ROLLUP_SHARDS }, () => emptyRollup('BIG'));
  const issues = 10_000;
  for (let i = 0; i < issues; i++) {
    const s = shardOf(`${100_000 + i}`, ROLLUP_SHARDS);
    const category = i % 3 === 0 ? 'done' : i % 3 === 1 ? 'indeterminate' : 'new';
    shards[s] = applyIssueChange(
      shards[s]!,
      null,
      {
        projectKey: 'BIG',
        category,
        dueDate: date(-365 + Math.floor(rnd() * 1095)),
        raciComplete: i % 4 !== 0,
        versionIds: [`${10_000 + (i % 40)}`],
        createdOn: date(-400 + Math.floor(rnd() * 400)),
        categorySince: date(-200 + Math.floor(rnd() * 200)),
      },
      0,
    );
  }
  // Dependencies go into shards of their own, added to the issues' shards at the end (the counts add up the
  // same; copying the issues' due dates at every step would only make the model slow).
  const depShards: ProjectRollup[] = Array.from({ length: ROLLUP_SHARDS }, () => emptyRollup('BIG'));
  const graph = new Map<string, Record<string, unknown>>();
  for (let k = 0; k < openDeps; k++) {
    const up = 100_000 + Math.floor(rnd() * issues);
    const down = 100_000 + Math.floor(rnd() * issues);
    const dep = {
      id: `l${200_000 + k}`,
      projectKey: 'BIG',
      downstreamIssueId: `${down}`,
      upstreamIssueId: `${up}`,
      downstreamProjectKey: 'BIG',
      upstreamProjectKey: 'BIG',
      downstreamKey: `BIG-${down - 100_000}`,
      upstreamKey: `BIG-${up - 100_000}`,
      requestingDept: DEPTS[k % DEPTS.length]!,
      providingDept: DEPTS[(k * 3 + 1) % DEPTS.length]!,
      deliverable: `接口文档 API document for release step ${k}`,
      needBy: date(Math.floor(rnd() * 700) - 100),
      status: OPEN[k % OPEN.length]!,
      late: k % 11 === 0,
      upstreamDueDate: date(Math.floor(rnd() * 700) - 100),
      downstreamVersionIds: [`${10_000 + (down % 40)}`],
      proposedDate: k % 5 === 2 ? date(Math.floor(rnd() * 700)) : '',
      createdAt: START - Math.floor(rnd() * 300) * DAY,
      updatedAt: START,
    } as unknown as DependencyRecord;
    const s = shardOf(dep.id, ROLLUP_SHARDS);
    const next = applyDependencyChange(depShards[s]!, null, contribution(dep), START);
    for (const [id, edit] of Object.entries(next.graphEdits ?? {}) as Array<[string, GraphEdit]>) {
      const g = `${graphShardOf(edit.upstream)}`;
      const edges = graph.get(g) ?? {};
      edges[id] = edit.edge;
      graph.set(g, edges);
    }
    const { graphEdits: _e, ...stored } = next;
    depShards[s] = stored;
  }
  for (let s = 0; s < ROLLUP_SHARDS; s++) shards[s] = mergeRollups('BIG', [shards[s]!, depShards[s]!]);
  const size = (v: unknown) => Buffer.byteLength(JSON.stringify(v));
  const rollupSizes = shards.map((data, shard) => size({ projectKey: 'BIG', shard, version: 1, data }));
  const graphSizes = [...graph].map(([shard, edges]) => size({ projectKey: 'BIG', shard, version: 1, edges }));
  return {
    rollupBytes: rollupSizes.reduce((a, b) => a + b, 0),
    largestRollupShard: Math.max(...rollupSizes),
    graphBytes: graphSizes.reduce((a, b) => a + b, 0),
    largestGraphShard: Math.max(...graphSizes),
    graphShards: graphSizes.length,
  };
}
