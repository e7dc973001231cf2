import { describeValue, MixzooError } from '@mixzoo/core';
import type { Metrics } from '../types.js';

/** Probabilities are clipped to [EPSILON, 1] under the log (as Keras' cross-entropy, so NLL stays finite). */
export const NLL_EPSILON = 1e-7;
export const ECE_BINS = 15;

export type Reliability = Metrics['reliability'];

/** Index of the largest of `k` values at `offset` (the first one on ties). */
export function argmaxRow(probs: ArrayLike<number>, offset: number, k: number): number {
  let best = 0;
  for (let c = 1; c < k; c++) if (probs[offset + c] > probs[offset + best]) best = c;
  return best;
}

function check(probs: Float32Array, labels: Int32Array, numClasses: number): void {
  if (!Number.isInteger(numClasses) || numClasses < 1 || probs.length !== labels.length * numClasses || labels.length === 0) {
    throw new MixzooError('E_SHAPE', `metrics: expected ${describeValue(labels.length)} × numClasses (${describeValue(numClasses)}) probabilities for a non-empty set, got ${probs.length}.`);
  }
  for (const y of labels) {
    if (!(y >= 0 && y < numClasses)) throw new MixzooError('E_LABELS', `metrics: labels must be in [0, ${numClasses - 1}], got ${describeValue(y)}.`);
  }
}

/**
 * Held-out metrics of predicted class probabilities (row-major [N, K]) against labels: accuracy
 * (argmax), mean NLL (nats), multi-class Brier (Σ_k (p_k − y_k)², averaged), and the expected
 * calibration error over `bins` equal-width confidence bins [i/bins, (i+1)/bins) (confidence 1
 * goes in the last bin): ECE = Σ_b (n_b / N) · |accuracy_b − confidence_b|.
 */
export function classificationMetrics(probs: Float32Array, labels: Int32Array, numClasses: number, bins = ECE_BINS): Omit<Metrics, 'noisyAccuracy'> {
  check(probs, labels, numClasses);
  const n = labels.length;
  const binCount = new Float64Array(bins);
  const binConfidence = new Float64Array(bins);
  const binCorrect = new Float64Array(bins);
  let correct = 0;
  let nll = 0;
  let brier = 0;
  for (let i = 0; i < n; i++) {
    const o = i * numClasses;
    const y = labels[i];
    const top = argmaxRow(probs, o, numClasses);
    const confidence = probs[o + top];
    const hit = top === y ? 1 : 0;
    correct += hit;
    nll -= Math.log(Math.min(1, Math.max(NLL_EPSILON, probs[o + y])));
    for (let c = 0; c < numClasses; c++) {
      const d = probs[o + c] - (c === y ? 1 : 0);
      brier += d * d;
    }
    const b = Math.min(bins - 1, Math.max(0, Math.floor(confidence * bins)));
    binCount[b]++;
    binConfidence[b] += confidence;
    binCorrect[b] += hit;
  }
  let ece = 0;
  const reliability: Reliability = [];
  for (let b = 0; b < bins; b++) {
    const count = binCount[b];
    const confidence = count ? binConfidence[b] / count : 0;
    const accuracy = count ? binCorrect[b] / count : 0;
    ece += (count / n) * Math.abs(accuracy - confidence);
    reliability.push({ lo: b / bins, hi: (b + 1) / bins, count, confidence, accuracy });
  }
  return { accuracy: correct / n, nll: nll / n, ece, brier: brier / n, reliability };
}

/** Fraction of rows whose argmax is the label. */
export function accuracyOf(probs: Float32Array, labels: Int32Array, numClasses: number): number {
  check(probs, labels, numClasses);
  let correct = 0;
  for (let i = 0; i < labels.length; i++) if (argmaxRow(probs, i * numClasses, numClasses) === labels[i]) correct++;
  return correct / labels.length;
}
