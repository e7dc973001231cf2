import * as tf from '@tensorflow/tfjs-core';
import { checkLogitsAndTargets, checkNumber } from './check.js';
import { perSampleCrossEntropy } from './cross-entropy.js';
import { smoothTargets } from './targets.js';

export interface DecoupledMixupOptions {
  /** Weight of the decoupled terms; default 0.1 (OpenMixup's CIFAR config). */
  eta?: number;
  /** Label smoothing of the cross-entropy part; default 0. */
  labelSmoothing?: number;
}

/** Stands in for −∞ in a log-sum-exp over no classes (finite: −∞ − −∞ would give NaN). */
const NONE = -1e9;

/**
 * Decoupled mixup (Liu et al., arXiv 2203.10761; OpenMixup `soft_mix_cross_entropy`, mode 'both'):
 * `L = CE(z, ỹ) + η·Σ_{j mixed} ỹ_j · −log(e^{z_j} / (e^{z_j} + Σ_{c not mixed} e^{z_c}))`, the
 * mixed classes being those with ỹ_j > 0 in the (unsmoothed) mixed target `mixedTargets` [B, C],
 * so η·λ goes with y_a and η·(1 − λ) with y_b. A row gets the decoupled terms only when it mixes two
 * or more classes with unequal weights: a row whose sources share a class, and a row of equal
 * weights (λ = 0.5, where the reference skips the terms), is plain cross-entropy. Batch mean.
 */
export function decoupledMixupLoss(logits: tf.Tensor, mixedTargets: tf.Tensor, options: DecoupledMixupOptions = {}): tf.Scalar {
  checkLogitsAndTargets('decoupledMixupLoss', logits, { mixedTargets });
  const eta = checkNumber('decoupledMixupLoss', 'eta', options.eta ?? 0.1, 0, Number.MAX_VALUE);
  const smoothing = checkNumber('decoupledMixupLoss', 'labelSmoothing', options.labelSmoothing ?? 0, 0, 1);
  return tf.tidy(() => {
    const y = mixedTargets;
    const mixed = tf.greater(y, 0);
    // log Σ_{c not mixed} e^{z_c}; each mixed class j then costs softplus(that − z_j) = −log(e^{z_j} / (e^{z_j} + Σ ...)).
    const others = tf.logSumExp(tf.where(mixed, tf.fill(logits.shape, NONE), logits), 1, true);
    const terms = tf.sum(tf.mul(y, tf.softplus(tf.sub(others, logits))), 1);
    const count = tf.sum(tf.cast(mixed, 'float32'), 1);
    const spread = tf.sub(tf.max(y, 1), tf.min(tf.where(mixed, y, tf.onesLike(y)), 1));
    const active = tf.cast(tf.logicalAnd(tf.greaterEqual(count, 2), tf.greater(spread, 1e-6)), 'float32');
    const target = smoothing > 0 ? smoothTargets(y, smoothing) : y;
    return tf.mean(tf.add(perSampleCrossEntropy(logits, target), tf.mul(tf.mul(terms, active), eta)));
  });
}
