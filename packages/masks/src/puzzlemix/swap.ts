import { forEachEdge, labellingEnergy, maskLevel, unaryCost, type Labelling } from './labelling.js';
import { minCut } from './min-cut.js';

/**
 * The best α-β swap move from `labels`: the nodes labelled α or β may exchange those two labels,
 * everything else stays. With the others fixed this is a binary problem (α = 0, β = 1) whose
 * pairwise term w·(m_α − m_β)² is >= 0 when the two differ and 0 when not: submodular, so one
 * minimum cut solves the move exactly (Boykov, Veksler, Zabih, PAMI 2001).
 */
export function swapMove(problem: Labelling, labels: Uint8Array, alpha: number, beta: number): Uint8Array {
  const n = problem.prior.length;
  const active = Int32Array.from({ length: labels.length }, () => -1);
  const nodes: number[] = [];
  labels.forEach((l, p) => {
    if (l === alpha || l === beta) active[p] = nodes.push(p) - 1;
  });
  const moved = labels.slice();
  if (nodes.length === 0) return moved;
  const cost0 = Float64Array.from(nodes, (p) => unaryCost(problem, p, alpha));
  const cost1 = Float64Array.from(nodes, (p) => unaryCost(problem, p, beta));
  const a: number[] = [];
  const b: number[] = [];
  const weight: number[] = [];
  const mA = maskLevel(alpha, n);
  const mB = maskLevel(beta, n);
  forEachEdge(problem, (p, q, w) => {
    const [ip, iq] = [active[p], active[q]];
    if (ip >= 0 && iq >= 0) {
      a.push(ip);
      b.push(iq);
      weight.push(w * (mA - mB) ** 2);
      return;
    }
    // One end fixed: its pair cost depends on the free end's label only (a unary).
    const [free, fixed] = ip >= 0 ? [ip, q] : iq >= 0 ? [iq, p] : [-1, -1];
    if (free < 0) return;
    const m = maskLevel(labels[fixed], n);
    cost0[free] += w * (mA - m) ** 2;
    cost1[free] += w * (mB - m) ** 2;
  });
  const symmetric = Float64Array.from(weight);
  const cut = minCut({ cost0, cost1, a: Int32Array.from(a), b: Int32Array.from(b), forward: symmetric, backward: symmetric });
  nodes.forEach((p, i) => (moved[p] = cut[i] === 0 ? alpha : beta));
  return moved;
}

/**
 * α-β swap (gco's `swap`, which the reference calls): from every block on label 0 (as gco
 * starts), sweep all label pairs α < β, keep each move that lowers the energy, until a whole sweep
 * lowers nothing. For two labels the first move is the global minimum cut. Returns the labels.
 */
export function alphaBetaSwap(problem: Labelling): Uint8Array {
  const n = problem.prior.length;
  let labels: Uint8Array = new Uint8Array(problem.k * problem.k);
  let energy = labellingEnergy(problem, labels);
  for (let improved = true; improved; ) {
    improved = false;
    for (let alpha = 0; alpha < n; alpha++) {
      for (let beta = alpha + 1; beta < n; beta++) {
        const moved = swapMove(problem, labels, alpha, beta);
        const movedEnergy = labellingEnergy(problem, moved);
        // A relative margin: a move that only reshuffles rounding is no improvement (and could cycle).
        if (movedEnergy < energy - 1e-12 * Math.max(1, Math.abs(energy))) {
          [labels, energy] = [moved, movedEnergy];
          improved = true;
        }
      }
    }
  }
  return labels;
}
