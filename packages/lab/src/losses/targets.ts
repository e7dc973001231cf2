import * as tf from '@tensorflow/tfjs-core';
import { checkNumber } from './check.js';

/**
 * Label smoothing of (mixed) targets [B, C]: `y·(1 − ε) + ε/C`, as timm's `mixup_target` does for
 * one-hot rows (off value ε/C, on value 1 − ε + ε/C) before mixing — mixing is linear and rows sum
 * to 1, so smoothing after mixing gives the same targets. ε = 0 returns a copy.
 */
export function smoothTargets(targets: tf.Tensor, epsilon: number): tf.Tensor {
  checkNumber('smoothTargets', 'epsilon', epsilon, 0, 1);
  const classes = targets.shape[targets.rank - 1];
  return tf.tidy(() => tf.add(tf.mul(targets, 1 - epsilon), epsilon / classes));
}

/**
 * timm's BCE target with `--bce-target-thresh t`: every class whose target exceeds t becomes 1,
 * the others 0 (a mixed row may then hold two 1s). Without a threshold, a copy of the targets.
 */
export function bceTargets(targets: tf.Tensor, threshold?: number): tf.Tensor {
  if (threshold === undefined) return tf.clone(targets);
  checkNumber('bceTargets', 'threshold', threshold, 0, 1);
  return tf.tidy(() => tf.cast(tf.greater(targets, threshold), 'float32'));
}
