import * as tf from '@tensorflow/tfjs-core';
import { checkLogitsAndTargets } from './check.js';

/** Per-sample soft-target cross-entropy [B]: `−Σ_c y_c · log softmax(z)_c`. */
export function perSampleCrossEntropy(logits: tf.Tensor, targets: tf.Tensor): tf.Tensor1D {
  checkLogitsAndTargets('perSampleCrossEntropy', logits, { targets });
  return tf.tidy(() => tf.neg(tf.sum(tf.mul(targets, tf.logSoftmax(logits)), 1)));
}

/** Soft-target cross-entropy (timm's SoftTargetCrossEntropy), the batch mean of perSampleCrossEntropy: a scalar. */
export function softTargetCrossEntropy(logits: tf.Tensor, targets: tf.Tensor): tf.Scalar {
  return tf.tidy(() => tf.mean(perSampleCrossEntropy(logits, targets)));
}
