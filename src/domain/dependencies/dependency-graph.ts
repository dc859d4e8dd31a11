/**
 * The dependency graph: issues are nodes, a dependency is an edge from the upstream issue (it provides) to
 * the downstream one (it needs), so an edge reads "must come before". Pure and synchronous; the app feeds it.
 */
export interface GraphEdge {
  id: string;
  /** Upstream issue: provides. */
  from: string;
  /** Downstream issue: needs. */
  to: string;
  /** Working days the hop takes; the critical path is the chain with the largest sum. */
  weight: number;
}

export type Successors = (node: string) => Iterable<string>;

export function successorsOf(edges: Iterable<Pick<GraphEdge, 'from' | 'to'>>): Successors {
  const out = new Map<string, string[]>();
  for (const e of edges) {
    const list = out.get(e.from);
    if (list) list.push(e.to);
    else out.set(e.from, [e.to]);
  }
  return (n) => out.get(n) ?? [];
}

/**
 * The cycle a new edge `from → to` would close, or null. Only what is reachable from `to` is visited
 * (breadth first, so the cycle shown is a shortest one): the edge closes a cycle exactly when `to` already
 * reaches `from`. Returned as the issues around the loop, starting and ending with `from`.
 */
export function cycleIfAdded(successors: Successors, from: string, to: string): string[] | null {
  if (from === to) return [from, from];
  const parent = new Map<string, string>([[to, to]]);
  let frontier = [to];
  while (frontier.length > 0) {
    const next: string[] = [];
    for (const n of frontier) {
      for (const s of successors(n)) {
        if (parent.has(s)) continue;
        parent.set(s, n);
        if (s === from) return [from, ...chainBack(parent, from, to).reverse()];
        next.push(s);
      }
    }
    frontier = next;
  }
  return null;
}

/** The BFS tree's chain from `from` back to `to`, both included. */
function chainBack(parent: Map<string, string>, from: string, to: string): string[] {
  const out = [from];
  for (let n = from; n !== to; ) {
    n = parent.get(n)!;
    out.push(n);
  }
  return out;
}

export interface CriticalPath {
  /** Sum of the weights along the path, in working days. */
  length: number;
  /** The issues in order, upstream first; empty when there are no edges. */
  nodes: string[];
  /** The dependencies along the path, in the same order. */
  edges: string[];
  /** Issues left out because they sit on a cycle (the graph should have none; the create path refuses them). */
  onCycle: string[];
}

/**
 * The longest chain by summed weight: Kahn's topological order, then one relaxation pass, O(V + E).
 * Ties go to the first edge seen, so the answer is stable for the same input.
 */
export function criticalPath(edges: readonly GraphEdge[]): CriticalPath {
  const index = new Map<string, number>();
  const names: string[] = [];
  const idOf = (n: string) => {
    let i = index.get(n);
    if (i === undefined) {
      i = names.length;
      index.set(n, i);
      names.push(n);
    }
    return i;
  };
  const from = new Int32Array(edges.length);
  const to = new Int32Array(edges.length);
  edges.forEach((e, k) => {
    from[k] = idOf(e.from);
    to[k] = idOf(e.to);
  });
  const n = names.length;
  // Compressed adjacency: outgoing edge indexes of node i are order[start[i] .. start[i+1]).
  const start = new Int32Array(n + 1);
  const indeg = new Int32Array(n);
  for (let k = 0; k < edges.length; k++) {
    start[from[k]! + 1]!++;
    indeg[to[k]!]!++;
  }
  for (let i = 0; i < n; i++) start[i + 1]! += start[i]!;
  const fill = start.slice(0, n);
  const out = new Int32Array(edges.length);
  for (let k = 0; k < edges.length; k++) out[fill[from[k]!]!++] = k;

  const dist = new Float64Array(n);
  const via = new Int32Array(n).fill(-1);
  const queue = new Int32Array(n);
  let head = 0;
  let tail = 0;
  for (let i = 0; i < n; i++) if (indeg[i] === 0) queue[tail++] = i;
  while (head < tail) {
    const u = queue[head++]!;
    for (let j = start[u]!; j < start[u + 1]!; j++) {
      const k = out[j]!;
      const v = to[k]!;
      const d = dist[u]! + edges[k]!.weight;
      if (via[v] === -1 || d > dist[v]!) {
        dist[v] = d;
        via[v] = k;
      }
      if (--indeg[v]! === 0) queue[tail++] = v;
    }
  }
  const onCycle: string[] = [];
  for (let i = 0; i < n; i++) if (indeg[i]! > 0) onCycle.push(names[i]!);
  let end = -1;
  for (let q = 0; q < tail; q++) {
    const i = queue[q]!;
    if (via[i] !== -1 && (end === -1 || dist[i]! > dist[end]!)) end = i;
  }
  if (end === -1) return { length: 0, nodes: [], edges: [], onCycle };
  const pathEdges: string[] = [];
  const nodes = [names[end]!];
  for (let v = end; via[v] !== -1; ) {
    const k = via[v]!;
    // A node on a cycle is never dequeued, so the walk back stays inside the acyclic part.
    pathEdges.push(edges[k]!.id);
    v = from[k]!;
    nodes.push(names[v]!);
  }
  return { length: dist[end]!, nodes: nodes.reverse(), edges: pathEdges.reverse(), onCycle };
}
