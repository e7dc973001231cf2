import { MixzooError } from '@mixzoo/core';

/** Each sample's largest class probability (rows of `probs`, [N, K] row-major): the maximum-softmax score of Hendrycks & Gimpel (2017). */
export function maxSoftmax(probs: Float32Array, numClasses: number): Float64Array {
  const count = probs.length / numClasses;
  const scores = new Float64Array(count);
  for (let i = 0; i < count; i++) {
    let best = -Infinity;
    for (let k = 0; k < numClasses; k++) best = Math.max(best, probs[i * numClasses + k]);
    scores[i] = best;
  }
  return scores;
}

/**
 * Area under the ROC curve of telling `positives` from `negatives` by score (higher = positive):
 * the Mann–Whitney U of the positives over n₁·n₂, i.e. the chance that a random positive scores
 * above a random negative, a tie counting ½. Computed from mid-ranks of the pooled scores.
 */
export function auroc(positives: ArrayLike<number>, negatives: ArrayLike<number>): number {
  const n1 = positives.length;
  const n2 = negatives.length;
  if (n1 === 0 || n2 === 0) throw new MixzooError('E_OPTION', `auroc: needs at least one positive and one negative score, got ${n1} and ${n2}.`);
  const pooled = [...Array.from(positives, (s) => ({ s, positive: true })), ...Array.from(negatives, (s) => ({ s, positive: false }))];
  if (pooled.some((p) => Number.isNaN(p.s))) throw new MixzooError('E_OPTION', 'auroc: scores must be numbers, got NaN.');
  pooled.sort((a, b) => a.s - b.s);
  let rankSum = 0;
  for (let i = 0; i < pooled.length; ) {
    let j = i;
    while (j < pooled.length && pooled[j].s === pooled[i].s) j++;
    const midRank = (i + 1 + j) / 2; // ranks i+1..j share their mean
    for (let k = i; k < j; k++) if (pooled[k].positive) rankSum += midRank;
    i = j;
  }
  return (rankSum - (n1 * (n1 + 1)) / 2) / (n1 * n2);
}
