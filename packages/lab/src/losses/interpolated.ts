import * as tf from '@tensorflow/tfjs-core';
import { describeValue, MixzooError } from '@mixzoo/core';
import { checkLogitsAndTargets } from './check.js';

/** A per-sample loss [B] of logits [B, C] against targets [B, C] (perSampleCrossEntropy, perSampleBinaryCrossEntropy...). */
export type PerSampleLoss = (logits: tf.Tensor, targets: tf.Tensor) => tf.Tensor1D;

/** One source of a mixed target: its targets [B, C] and its weight, per sample [B] or one for the batch. */
export interface InterpolatedTerm {
  targets: tf.Tensor;
  weight: tf.Tensor | number;
}

/**
 * The interpolated loss of mixup-cifar10's `mixup_criterion`: `mean_i Σ_k w_ik · L(z_i, y_k,i)`,
 * e.g. `λ·L(z, y_a) + (1 − λ)·L(z, y_b)` with two terms. For cross-entropy (and unthresholded
 * BCE) it equals the loss on the mixed target `Σ_k w_k y_k`, since those losses are linear in the
 * target; it differs for a non-linear target map such as thresholded BCE.
 */
export function interpolatedLoss(loss: PerSampleLoss, logits: tf.Tensor, terms: readonly InterpolatedTerm[]): tf.Scalar {
  if (typeof loss !== 'function') throw new MixzooError('E_OPTION', `interpolatedLoss: 'loss' must be a per-sample loss function, got ${describeValue(loss)}.`);
  const given: unknown = terms; // checked apart, so that `terms` keeps its element type
  if (!Array.isArray(given) || given.length === 0) throw new MixzooError('E_OPTION', `interpolatedLoss: 'terms' must list at least one { targets, weight }, got ${describeValue(terms)}.`);
  terms.forEach((term, k) => {
    checkLogitsAndTargets('interpolatedLoss', logits, { [`terms[${k}].targets`]: term.targets });
    const w = term.weight;
    const fits = typeof w === 'number' ? Number.isFinite(w) : w instanceof tf.Tensor && w.rank === 1 && w.shape[0] === logits.shape[0];
    if (!fits) throw new MixzooError('E_SHAPE', `interpolatedLoss: 'terms[${k}].weight' must be a number or a [${logits.shape[0]}] tensor, got ${describeValue(w)}.`);
  });
  return tf.tidy(() => tf.mean(tf.addN(terms.map((term) => tf.mul(loss(logits, term.targets), term.weight)))));
}
