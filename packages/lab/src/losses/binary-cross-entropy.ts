import * as tf from '@tensorflow/tfjs-core';
import { checkLogitsAndTargets } from './check.js';
import { bceTargets } from './targets.js';

export interface BinaryCrossEntropyOptions {
  /** timm's `--bce-target-thresh`: targets above it become 1, the others 0 (bceTargets). Default: the targets as given. */
  threshold?: number;
  /** timm's `--bce-sum`: sum over classes, mean over the batch. Default false: mean over B × C. */
  sum?: boolean;
}

/**
 * Per-sample binary cross-entropy with logits [B]: each class an independent sigmoid,
 * `softplus(z) − y·z` summed over classes (`sum`) or averaged over them (timm's default).
 */
export function perSampleBinaryCrossEntropy(logits: tf.Tensor, targets: tf.Tensor, options: BinaryCrossEntropyOptions = {}): tf.Tensor1D {
  checkLogitsAndTargets('perSampleBinaryCrossEntropy', logits, { targets });
  return tf.tidy(() => {
    const y = bceTargets(targets, options.threshold);
    const perClass = tf.sub(tf.softplus(logits), tf.mul(y, logits));
    return options.sum ? tf.sum(perClass, 1) : tf.mean(perClass, 1);
  });
}

/** timm's BinaryCrossEntropy on (mixed, smoothed) dense targets: the batch mean of perSampleBinaryCrossEntropy. */
export function binaryCrossEntropy(logits: tf.Tensor, targets: tf.Tensor, options: BinaryCrossEntropyOptions = {}): tf.Scalar {
  return tf.tidy(() => tf.mean(perSampleBinaryCrossEntropy(logits, targets, options)));
}
