import * as tf from '@tensorflow/tfjs-core';
import { checkLogitsAndTargets, checkNumber } from './check.js';
import { softTargetCrossEntropy } from './cross-entropy.js';

/**
 * AugMix's Jensen–Shannon consistency loss (Hendrycks et al., ICLR 2020; google-research/augmix
 * cifar.py, timm loss/jsd.py): `CE(z_clean, y) + weight·(1/3)·Σ_k KL(p_k ‖ M)` over the clean and
 * the two augmented views, `M = clamp((p_clean + p_aug1 + p_aug2)/3, 1e−7, 1)`, KL summed over
 * classes and averaged over the batch. `labels` are soft rows [B, C] (one-hot, or smoothed as timm
 * does with 0.1). `weight` defaults to the reference's 12.
 */
export function jsdConsistencyLoss(logitsClean: tf.Tensor, logitsAug1: tf.Tensor, logitsAug2: tf.Tensor, labels: tf.Tensor, weight = 12): tf.Scalar {
  checkLogitsAndTargets('jsdConsistencyLoss', logitsClean, { logitsAug1, logitsAug2, labels });
  checkNumber('jsdConsistencyLoss', 'weight', weight, 0, Number.MAX_VALUE);
  return tf.tidy(() => {
    const logP = [logitsClean, logitsAug1, logitsAug2].map((z) => tf.logSoftmax(z));
    const p = logP.map((l) => tf.exp(l));
    const logM = tf.log(tf.clipByValue(tf.div(tf.addN(p), 3), 1e-7, 1));
    const batch = logitsClean.shape[0];
    const kl = p.map((pk, k) => tf.div(tf.sum(tf.mul(pk, tf.sub(logP[k], logM))), batch));
    return tf.add(softTargetCrossEntropy(logitsClean, labels), tf.mul(tf.addN(kl), weight / 3));
  });
}
