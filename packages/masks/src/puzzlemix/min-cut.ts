/**
 * A binary labelling problem: each node takes label 0 or 1 at cost `cost0[p]` / `cost1[p]`, and
 * each pair `(a[e], b[e])` costs `forward[e]` when a = 0 and b = 1, `backward[e]` when a = 1 and
 * b = 0, nothing when they agree (all >= 0; Infinity forbids). Such energies are submodular, so
 * one s–t minimum cut gives an exact minimiser.
 */
export interface BinaryProblem {
  cost0: Float64Array;
  cost1: Float64Array;
  a: Int32Array;
  b: Int32Array;
  forward: Float64Array;
  backward: Float64Array;
}

/** A residual graph in arrays: edge e goes to `to[e]`, its reverse is e ^ 1. */
class FlowGraph {
  private readonly head: Int32Array;
  private next: number[] = [];
  to: number[] = [];
  residual: number[] = [];

  constructor(readonly nodes: number) {
    this.head = new Int32Array(nodes).fill(-1);
  }

  /** An edge u→v of capacity `forward` and its reverse v→u of capacity `backward`. */
  add(u: number, v: number, forward: number, backward: number): void {
    for (const [from, to, capacity] of [[u, v, forward], [v, u, backward]]) {
      this.to.push(to);
      this.residual.push(capacity);
      this.next.push(this.head[from]);
      this.head[from] = this.to.length - 1;
    }
  }

  edges(u: number): number[] {
    const out: number[] = [];
    for (let e = this.head[u]; e !== -1; e = this.next[e]) out.push(e);
    return out;
  }
}

/** BFS levels from `s` over edges with residual above `eps` (-1 = unreachable). */
function levels(g: FlowGraph, adjacency: number[][], s: number, eps: number): Int32Array {
  const level = new Int32Array(g.nodes).fill(-1);
  level[s] = 0;
  const queue = [s];
  for (let k = 0; k < queue.length; k++) {
    const u = queue[k];
    for (const e of adjacency[u]) {
      const v = g.to[e];
      if (level[v] < 0 && g.residual[e] > eps) {
        level[v] = level[u] + 1;
        queue.push(v);
      }
    }
  }
  return level;
}

/** One augmenting path s→t along increasing levels (Dinic's blocking-flow step); returns the flow pushed. */
function augment(g: FlowGraph, adjacency: number[][], level: Int32Array, cursor: Int32Array, u: number, t: number, limit: number, eps: number): number {
  if (u === t) return limit;
  for (; cursor[u] < adjacency[u].length; cursor[u]++) {
    const e = adjacency[u][cursor[u]];
    const v = g.to[e];
    if (level[v] !== level[u] + 1 || g.residual[e] <= eps) continue;
    const pushed = augment(g, adjacency, level, cursor, v, t, Math.min(limit, g.residual[e]), eps);
    if (pushed > 0) {
      g.residual[e] -= pushed;
      g.residual[e ^ 1] += pushed;
      return pushed;
    }
  }
  return 0;
}

/**
 * An exact minimiser of a binary problem (label per node), by Dinic's maximum flow on the usual
 * graph: s→p costs label 1, p→t costs label 0, a→b the pair's cost of (0, 1) and b→a that of
 * (1, 0); nodes still reachable from s after the maximum flow take label 0. Capacities are floats: residuals at or below a relative
 * 1e-13 count as saturated, far below any cost difference the energy resolves.
 */
export function minCut(problem: BinaryProblem): Uint8Array {
  const { cost0, cost1, a, b, forward, backward } = problem;
  const n = cost0.length;
  const s = n;
  const t = n + 1;
  const g = new FlowGraph(n + 2);
  let scale = 0;
  for (let p = 0; p < n; p++) {
    // Only the difference of the two costs matters: one terminal edge per node.
    const d = cost1[p] - cost0[p];
    if (d > 0) g.add(s, p, d, 0);
    else if (d < 0) g.add(p, t, -d, 0);
    scale = Math.max(scale, Math.abs(d));
  }
  for (let e = 0; e < a.length; e++) {
    if (forward[e] > 0 || backward[e] > 0) g.add(a[e], b[e], forward[e], backward[e]);
    for (const w of [forward[e], backward[e]]) if (w < Infinity) scale = Math.max(scale, w);
  }
  const eps = scale * 1e-13;
  const adjacency = Array.from({ length: n + 2 }, (_, u) => g.edges(u));
  for (;;) {
    const level = levels(g, adjacency, s, eps);
    if (level[t] < 0) break;
    const cursor = new Int32Array(n + 2);
    while (augment(g, adjacency, level, cursor, s, t, Infinity, eps) > 0);
  }
  const reachable = levels(g, adjacency, s, eps);
  return Uint8Array.from({ length: n }, (_, p) => (reachable[p] >= 0 ? 0 : 1));
}
