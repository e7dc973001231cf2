import * as tf from '@tensorflow/tfjs-core';
import { checkTensor, MixzooError, shapeText } from '@mixzoo/core';

/**
 * Marks a class as not supervised in an encoded target. Labels live in [0, 1], so a negative
 * value is free to carry the validity inside `yTrue` itself: tfjs-layers' fit() and
 * trainOnBatch() require targets of the output's shape, which rules out concatenating a mask.
 */
export const IGNORED_CLASS = -1;

/** tfjs-layers' epsilon, so probabilities are clipped as its own cross-entropies clip them. */
const EPSILON = 1e-7;
/** Stands for −∞ on masked logits while keeping 0 · logit finite (no NaN, also in gradients). */
const MASKED_LOGIT = -1e9;

/** A tfjs-layers-compatible loss: per-sample values, reduced over the last (class) axis. */
export type LossFunction = (yTrue: tf.Tensor, yPred: tf.Tensor) => tf.Tensor;

export interface MaskedLossOptions {
  /** `yPred` are logits (default false: probabilities, e.g. after a softmax/sigmoid layer). */
  fromLogits?: boolean;
}

function checkPair(where: string, a: unknown, b: unknown, names: [string, string]): void {
  const x = checkTensor(where, names[0], a, ['float32', 'int32']);
  const y = checkTensor(where, names[1], b, ['float32', 'int32']);
  if (x.rank < 1 || x.shape.join() !== y.shape.join()) {
    throw new MixzooError('E_SHAPE', `${where}: '${names[0]}' and '${names[1]}' must have the same shape [..., classes], got ${shapeText(x.shape)} and ${shapeText(y.shape)}.`);
  }
}

/**
 * Encodes validity into the labels: `labels` where `validity` > 0, `IGNORED_CLASS` elsewhere.
 * The result is the `yTrue` of the masked losses (same shape as the model's output).
 */
export function maskTargets(labels: tf.Tensor, validity: tf.Tensor): tf.Tensor {
  checkPair('maskTargets', labels, validity, ['labels', 'validity']);
  return tf.tidy(() => tf.where(tf.greater(validity, 0), tf.cast(labels, 'float32'), tf.fill(labels.shape, IGNORED_CLASS)));
}

/**
 * A masked loss: checks the pair, then (inside tidy) splits the encoded `yTrue` into the
 * supervised mask and the non-negative soft target and hands them to `perRow`.
 */
function maskedLoss(
  name: string, options: MaskedLossOptions, perRow: (yPred: tf.Tensor, valid: tf.Tensor, target: tf.Tensor, fromLogits: boolean) => tf.Tensor,
): LossFunction {
  const fromLogits = options.fromLogits ?? false;
  return (yTrue, yPred) => {
    checkPair(name, yTrue, yPred, ['yTrue', 'yPred']);
    return tf.tidy(() => {
      const y = tf.cast(yTrue, 'float32');
      return perRow(yPred, tf.greaterEqual(y, 0), tf.relu(y), fromLogits);
    });
  };
}

/**
 * Soft cross-entropy over the supervised classes only: the prediction is renormalised over them
 * (a softmax restricted to them, for logits) and `loss = −Σ_valid t_c · log p̃_c`. Targets are
 * not renormalised: label mass on ignored classes is dropped, and a row with no supervised class
 * costs 0 (with zero, finite gradients). `yTrue` comes from `maskTargets(labels, validity)`.
 */
export function maskedSoftCrossEntropy(options: MaskedLossOptions = {}): LossFunction {
  return maskedLoss('maskedSoftCrossEntropy', options, (yPred, valid, target, fromLogits) => {
    let logP: tf.Tensor;
    if (fromLogits) {
      const logits = tf.where(valid, yPred, tf.fill(yPred.shape, MASKED_LOGIT));
      logP = tf.sub(logits, tf.logSumExp(logits, -1, true));
    } else {
      const p = tf.where(valid, tf.clipByValue(yPred, EPSILON, 1), tf.zerosLike(yPred));
      const total = tf.maximum(tf.sum(p, -1, true), EPSILON);
      logP = tf.log(tf.clipByValue(tf.div(p, total), EPSILON, 1));
    }
    return tf.sum(tf.mul(target, tf.neg(logP)), -1);
  });
}

/**
 * Binary cross-entropy (multi-label) averaged over the supervised classes of each row; a row with
 * no supervised class costs 0. `yTrue` comes from `maskTargets(labels, validity)`.
 */
export function maskedBinaryCrossEntropy(options: MaskedLossOptions = {}): LossFunction {
  return maskedLoss('maskedBinaryCrossEntropy', options, (yPred, valid, target, fromLogits) => {
    let perClass: tf.Tensor;
    if (fromLogits) {
      // max(z, 0) − z·t + log(1 + e^−|z|): stable for large |z| (as tf.nn's sigmoid cross-entropy).
      perClass = tf.add(tf.sub(tf.relu(yPred), tf.mul(yPred, target)), tf.log1p(tf.exp(tf.neg(tf.abs(yPred)))));
    } else {
      const p = tf.clipByValue(yPred, EPSILON, 1 - EPSILON);
      perClass = tf.neg(tf.add(tf.mul(target, tf.log(p)), tf.mul(tf.sub(1, target), tf.log(tf.sub(1, p)))));
    }
    const mask = tf.cast(valid, 'float32');
    const count = tf.maximum(tf.sum(mask, -1), 1);
    return tf.div(tf.sum(tf.mul(perClass, mask), -1), count);
  });
}
