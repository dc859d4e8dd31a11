import { describe, expect, it } from 'vitest';
import type { Deps } from '../../../src/app/kernel/ports';
import { commitWithRollups, readRollup, ROLLUP_SHARDS } from '../../../src/app/kernel/rollups';
import { INDEX } from '../../../src/app/kernel/storage-keys';
import { shardOf } from '../../../src/domain/rollup/core';
import { applyRiskChange } from '../../../src/domain/rollup/project';
import { memoryStore } from '../../support/memory-store';

const deps = (): Deps => {
  const store = memoryStore(() => 0, {
    [INDEX.rollupByProject]: {
      partition: (v: { projectKey: string }) => [v.projectKey],
      range: (v: { shard: number }) => v.shard,
    },
  });
  return { store, clock: { now: () => 1_000 } } as unknown as Deps;
};

/** Two record ids whose contributions land in the same rollup shard, so their writes contend. */
function sameShardIds(): [string, string] {
  const first = 'risk-0';
  for (let i = 1; ; i++)
    if (shardOf(`risk-${i}`, ROLLUP_SHARDS) === shardOf(first, ROLLUP_SHARDS)) return [first, `risk-${i}`];
}

const addRisk = (d: Deps, id: string, seen: number[]) =>
  commitWithRollups(d, id, ['PAY'], async (rollups, attempt) => {
    seen.push(attempt);
    return {
      rollups: new Map([
        [
          'PAY',
          applyRiskChange(
            rollups.get('PAY')!,
            null,
            { projectKey: 'PAY', open: true, probability: 4, impact: 4 },
            1_000,
          ),
        ],
      ]),
      ops: [{ kind: 'set', entity: 'risk', key: id, value: { id }, ifVersion: 'absent' }],
    };
  });

describe('commitWithRollups on the shared in-memory store', () => {
  it('counts both of two writers that collide on one shard: the loser runs again on the fresh shard', async () => {
    const d = deps();
    const [a, b] = sameShardIds();
    const seenA: number[] = [];
    const seenB: number[] = [];
    await Promise.all([addRisk(d, a, seenA), addRisk(d, b, seenB)]);
    expect([...seenA, ...seenB].sort()).toEqual([1, 1, 2]);
    const rollup = await readRollup(d, 'PAY');
    expect(rollup.risks).toMatchObject({ open: 2, high: 2, cells: { '4:4': 2 } });
  });

  it('writes nothing when the plan says there is nothing to do', async () => {
    const d = deps();
    expect(await commitWithRollups(d, 'x', ['PAY'], async () => null)).toBe(false);
    expect((await readRollup(d, 'PAY')).risks.open).toBe(0);
  });
});
