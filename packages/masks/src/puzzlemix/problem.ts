import { binomialPrior, type Labelling } from './labelling.js';
import { edgeCells, edgeGap, type PooledImage } from './smoothness.js';

/** What one sample's labelling is built from. */
export interface ProblemInput {
  /** Blocks per side (K). */
  k: number;
  /** Saliency shares per block of the own image (S1) and of the partner (S2), each summing to 1. */
  ownShares: Float64Array;
  partnerShares: Float64Array;
  /** Pooled own and partner images and [cells per block along rows, along columns]; absent when γ = 0. */
  pixels?: { own: PooledImage; partner: PooledImage; perBlock: readonly [number, number] };
  lambda: number;
  labels: number;
  beta: number;
  gamma: number;
  eta: number;
}

/**
 * The labelling of one sample (follows snu-mllab/PuzzleMix mixup.py `mixup_graph`). Showing x1 at
 * p loses the partner's saliency there, so A starts at S2 and B at S1. Each edge p~q has the
 * smoothness cost E^{uv} = β_n·γ·D^{uv} of p showing source u and q showing v (β_n = β/(16K)),
 * folded exactly (up to a constant) into the unaries and one weight:
 *   A_p += (E¹²+E¹¹)/2, B_p += (E²¹+E²²)/2, A_q += (E²¹+E¹¹)/2, B_q += (E¹²+E²²)/2,
 *   w_pq = (E¹²+E²¹−E¹¹−E²²)/2 + β_n.
 * With pixels in [0, 1] and γ <= 1 every |D| <= 1, so w >= β_n·(1 − γ) >= 0: the energy is
 * submodular and the cuts are exact.
 */
export function buildLabelling(input: ProblemInput): Labelling {
  const { k, pixels, gamma } = input;
  const betaN = input.beta / (16 * k);
  const costOwn = input.partnerShares.slice();
  const costPartner = input.ownShares.slice();
  const down = new Float64Array((k - 1) * k);
  const right = new Float64Array(k * (k - 1));
  const fold = (p: number, q: number, direction: 'down' | 'right'): number => {
    if (!pixels || gamma === 0) return betaN;
    const cells = edgeCells(pixels.own, Math.floor(p / k), p % k, direction, pixels.perBlock);
    const { own: x1, partner: x2 } = pixels;
    const e = (u: PooledImage, v: PooledImage) => betaN * gamma * edgeGap(u, v, cells);
    const [e11, e12, e21, e22] = [e(x1, x1), e(x1, x2), e(x2, x1), e(x2, x2)];
    costOwn[p] += (e12 + e11) / 2;
    costPartner[p] += (e21 + e22) / 2;
    costOwn[q] += (e21 + e11) / 2;
    costPartner[q] += (e12 + e22) / 2;
    return (e12 + e21 - e11 - e22) / 2 + betaN;
  };
  for (let r = 0; r < k; r++) {
    for (let c = 0; c < k; c++) {
      const p = r * k + c;
      if (r + 1 < k) down[p] = fold(p, p + k, 'down');
      if (c + 1 < k) right[r * (k - 1) + c] = fold(p, p + 1, 'right');
    }
  }
  return { k, costOwn, costPartner, down, right, prior: binomialPrior(input.lambda, input.labels, input.eta, k) };
}
