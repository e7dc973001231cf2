import { forEachEdge, unaryCost, type Labelling } from './labelling.js';
import { minCut } from './min-cut.js';

/**
 * The exact minimum of a labelling, for any number of labels: the pairwise term
 * w·(m_p − m_q)² = w/(n−1)²·(l_p − l_q)² is convex in the label difference, so one minimum cut on
 * Ishikawa's layered graph solves it (Ishikawa, PAMI 2003). Block p gets binaries x_pj = [l_p >= j],
 * j = 1..n−1, with x_pj >= x_p(j+1) enforced by an infinite cost, so l_p = Σ_j x_pj and
 *   D_p(l_p) = D_p(0) + Σ_j x_pj·(D_p(j) − D_p(j−1)),
 *   (l_p − l_q)² = Σ_j (2j − 1)(x_pj + x_qj) − 2·Σ_ij x_pi·x_qj,
 * where each −2c·x·y = −2c·x + 2c·x·(1 − y) is a unary plus a submodular pair.
 */
export function exactLabels(problem: Labelling): Uint8Array {
  const layers = problem.prior.length - 1;
  const nodes = problem.k * problem.k;
  const at = (p: number, j: number) => p * layers + j - 1;
  const cost0 = new Float64Array(nodes * layers);
  const cost1 = new Float64Array(nodes * layers);
  const a: number[] = [];
  const b: number[] = [];
  const forward: number[] = [];
  const backward: number[] = [];
  const pair = (u: number, v: number, zeroOne: number, oneZero: number) => {
    a.push(u);
    b.push(v);
    forward.push(zeroOne);
    backward.push(oneZero);
  };
  for (let p = 0; p < nodes; p++) {
    for (let j = 1; j <= layers; j++) {
      cost1[at(p, j)] = unaryCost(problem, p, j) - unaryCost(problem, p, j - 1);
      // x_pj = 0 with x_p(j+1) = 1 is no labelling.
      if (j < layers) pair(at(p, j), at(p, j + 1), Infinity, 0);
    }
  }
  forEachEdge(problem, (p, q, w) => {
    const c = w / (layers * layers);
    for (let i = 1; i <= layers; i++) {
      cost1[at(p, i)] += c * (2 * i - 1) - 2 * c * layers;
      cost1[at(q, i)] += c * (2 * i - 1);
      for (let j = 1; j <= layers; j++) pair(at(p, i), at(q, j), 0, 2 * c);
    }
  });
  const cut = minCut({ cost0, cost1, a: Int32Array.from(a), b: Int32Array.from(b), forward: Float64Array.from(forward), backward: Float64Array.from(backward) });
  return Uint8Array.from({ length: nodes }, (_, p) => {
    let l = 0;
    for (let j = 1; j <= layers; j++) l += cut[at(p, j)];
    return l;
  });
}
