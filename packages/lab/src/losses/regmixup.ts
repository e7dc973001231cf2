import * as tf from '@tensorflow/tfjs-core';
import { describeValue, MixzooError } from '@mixzoo/core';
import { checkNumber } from './check.js';
import { softTargetCrossEntropy } from './cross-entropy.js';

/**
 * RegMixup (Pinto et al., NeurIPS 2022): the clean batch and its mixed copy go through the model in
 * ONE forward on `concat([x, x̃])` (batch norm sees both), and the loss is
 * `½·(CE(z_clean, y) + η·CE(z_mixed, ỹ))`. With η = 1 this is the reference's mean over the 2B
 * rows (FrancescoPinto/RegMixup models/regmixup.py); η weighs the mixup term as in the paper.
 * `logits` are those of the concatenated batch [2B, C]: the first B rows clean, the last B mixed.
 */
export function regmixupLoss(logits: tf.Tensor, cleanTargets: tf.Tensor, mixedTargets: tf.Tensor, eta = 1): tf.Scalar {
  checkNumber('regmixupLoss', 'eta', eta, 0, Number.MAX_VALUE);
  const b = cleanTargets.shape[0];
  if (!(logits instanceof tf.Tensor) || logits.rank !== 2 || logits.shape[0] !== 2 * b) {
    throw new MixzooError('E_SHAPE', `regmixupLoss: 'logits' must be the [2B, C] logits of concat([clean, mixed]) with B = ${b} targets, got ${describeValue(logits)}.`);
  }
  return tf.tidy(() => {
    const [clean, mixed] = tf.split(logits, 2, 0);
    return tf.mul(tf.add(softTargetCrossEntropy(clean, cleanTargets), tf.mul(softTargetCrossEntropy(mixed, mixedTargets), eta)), 0.5);
  });
}
