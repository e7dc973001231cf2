/**
 * PuzzleMix's labelling energy on a K×K block grid (Kim, Choo, Song, ICML 2020, eq. 3; follows
 * snu-mllab/PuzzleMix mixup.py `graphcut_multi`). Label l ∈ {0..n−1} gives block p the mask
 * value m_l = 1 − l/(n−1) (1 = the own image x1, 0 = the partner x2), and
 *
 *   E = Σ_p [m_l·A_p + (1 − m_l)·B_p + prior_l] + Σ_{p~q} w_pq·(m_{l_p} − m_{l_q})²
 *
 * with A_p / B_p the costs of showing x1 / x2 there (saliency lost, smoothness folded in),
 * prior_l = (η/K²)·(−log(π_l + 1e−8)), π = Binomial(n−1, λ) over the count of x1, and w_pq >= 0.
 */
export interface Labelling {
  /** Blocks per side (K). */
  k: number;
  /** A_p: cost of block p showing the own image (row-major). */
  costOwn: Float64Array;
  /** B_p: cost of block p showing the partner. */
  costPartner: Float64Array;
  /** Edge weights of vertical pairs (r, c)–(r+1, c), index r·K + c. */
  down: Float64Array;
  /** Edge weights of horizontal pairs (r, c)–(r, c+1), index r·(K−1) + c. */
  right: Float64Array;
  /** prior_l per label. */
  prior: Float64Array;
}

/** Mask value of label l of n: 1 − l/(n−1). */
export const maskLevel = (l: number, n: number) => 1 - l / (n - 1);

/** n!/(j!(n−j)!) for small n. */
function choose(n: number, j: number): number {
  let c = 1;
  for (let i = 1; i <= j; i++) c = (c * (n - j + i)) / i;
  return c;
}

/**
 * The binomial prior of each label: label l keeps x1 on n−1−l of n−1 "draws", so
 * π_l = C(n−1, l)·λ^(n−1−l)·(1−λ)^l (n = 2: λ, 1−λ; n = 3: λ², 2λ(1−λ), (1−λ)²), then
 * (η/K²)·(−log(π_l + 1e−8)).
 */
export function binomialPrior(lambda: number, n: number, eta: number, k: number): Float64Array {
  return Float64Array.from({ length: n }, (_, l) => {
    const pi = choose(n - 1, l) * lambda ** (n - 1 - l) * (1 - lambda) ** l;
    return (eta / (k * k)) * -Math.log(pi + 1e-8);
  });
}

/** D_p(l): the unary cost of label l at block p. */
export function unaryCost(problem: Labelling, p: number, l: number): number {
  const m = maskLevel(l, problem.prior.length);
  return m * problem.costOwn[p] + (1 - m) * problem.costPartner[p] + problem.prior[l];
}

/** Calls `visit(p, q, w)` for every grid edge. */
export function forEachEdge(problem: Labelling, visit: (p: number, q: number, w: number) => void): void {
  const { k, down, right } = problem;
  for (let r = 0; r < k; r++) {
    for (let c = 0; c < k; c++) {
      const p = r * k + c;
      if (r + 1 < k) visit(p, p + k, down[p]);
      if (c + 1 < k) visit(p, p + 1, right[r * (k - 1) + c]);
    }
  }
}

/** E(labels). */
export function labellingEnergy(problem: Labelling, labels: ArrayLike<number>): number {
  const n = problem.prior.length;
  let energy = 0;
  for (let p = 0; p < labels.length; p++) energy += unaryCost(problem, p, labels[p]);
  forEachEdge(problem, (p, q, w) => {
    energy += w * (maskLevel(labels[p], n) - maskLevel(labels[q], n)) ** 2;
  });
  return energy;
}
