import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  criticalPath,
  cycleIfAdded,
  successorsOf,
  type GraphEdge,
} from '../../../src/domain/dependencies/dependency-graph';

/** Brute force: is there any path a → … → b (plain recursive search over every edge)? */
function reaches(edges: readonly GraphEdge[], a: string, b: string, seen = new Set<string>()): boolean {
  if (a === b) return true;
  seen.add(a);
  return edges.some((e) => e.from === a && !seen.has(e.to) && reaches(edges, e.to, b, seen));
}

/** Brute force: every simple path, the heaviest one's weight (graphs here are acyclic). */
function longestBrute(edges: readonly GraphEdge[]): number {
  let best = 0;
  const walk = (node: string, sum: number, seen: Set<string>) => {
    best = Math.max(best, sum);
    for (const e of edges) if (e.from === node && !seen.has(e.to)) walk(e.to, sum + e.weight, new Set([...seen, e.to]));
  };
  for (const n of new Set(edges.map((e) => e.from))) walk(n, 0, new Set([n]));
  return best;
}

const nodes = ['A', 'B', 'C', 'D', 'E', 'F', 'G'];
const edgesArb = fc.array(
  fc.record({ from: fc.constantFrom(...nodes), to: fc.constantFrom(...nodes), weight: fc.integer({ min: 1, max: 9 }) }),
  { maxLength: 14 },
);

/** A DAG: edges only go from a lower to a higher node index. */
const dagArb = edgesArb.map((es) =>
  es
    .filter((e) => e.from !== e.to)
    .map((e, i): GraphEdge => {
      const [a, b] = [nodes.indexOf(e.from), nodes.indexOf(e.to)].sort();
      return { id: `e${i}`, from: nodes[a!]!, to: nodes[b!]!, weight: e.weight };
    }),
);

describe('cycle check', () => {
  it('refuses exactly the edges whose target already reaches their source (vs brute force)', () => {
    fc.assert(
      fc.property(dagArb, fc.constantFrom(...nodes), fc.constantFrom(...nodes), (edges, from, to) => {
        const cycle = cycleIfAdded(successorsOf(edges), from, to);
        expect(cycle !== null).toBe(reaches(edges, to, from));
        if (cycle) {
          // The loop shown is real: it starts and ends at `from`, its first hop is the new edge, every other hop exists.
          expect(cycle[0]).toBe(from);
          expect(cycle[cycle.length - 1]).toBe(from);
          if (from !== to) expect(cycle[1]).toBe(to);
          for (let i = 1; i < cycle.length - 1; i++)
            expect(edges.some((e) => e.from === cycle[i] && e.to === cycle[i + 1])).toBe(true);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('names a self-dependency as a loop of one', () => {
    expect(cycleIfAdded(successorsOf([]), 'A', 'A')).toEqual(['A', 'A']);
  });

  it('shows the cycle in order', () => {
    const edges = [
      { id: '1', from: 'PAY-1', to: 'PAY-2', weight: 1 },
      { id: '2', from: 'PAY-2', to: 'AICS-3', weight: 1 },
    ];
    expect(cycleIfAdded(successorsOf(edges), 'AICS-3', 'PAY-1')).toEqual(['AICS-3', 'PAY-1', 'PAY-2', 'AICS-3']);
    expect(cycleIfAdded(successorsOf(edges), 'PAY-1', 'AICS-3')).toBeNull();
  });
});

describe('critical path', () => {
  it('is the heaviest chain (vs brute force over every path) and its edges connect', () => {
    fc.assert(
      fc.property(dagArb, (edges) => {
        const cp = criticalPath(edges);
        expect(cp.length).toBe(longestBrute(edges));
        expect(cp.onCycle).toEqual([]);
        const byId = new Map(edges.map((e) => [e.id, e]));
        expect(cp.edges.reduce((s, id) => s + byId.get(id)!.weight, 0)).toBe(cp.length);
        cp.edges.forEach((id, i) => {
          expect(byId.get(id)!.from).toBe(cp.nodes[i]);
          expect(byId.get(id)!.to).toBe(cp.nodes[i + 1]);
        });
        if (edges.length === 0) expect(cp.nodes).toEqual([]);
      }),
      { numRuns: 500 },
    );
  });

  it('leaves out issues on a cycle and still answers for the rest', () => {
    const cp = criticalPath([
      { id: 'a', from: 'X', to: 'Y', weight: 3 },
      { id: 'b', from: 'Y', to: 'X', weight: 3 },
      { id: 'c', from: 'P', to: 'Q', weight: 2 },
    ]);
    expect(cp.onCycle.sort()).toEqual(['X', 'Y']);
    expect(cp).toMatchObject({ length: 2, nodes: ['P', 'Q'], edges: ['c'] });
  });
});
