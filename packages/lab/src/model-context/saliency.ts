import * as tf from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';
import type { ModelMaps } from '@mixzoo/core';
import { toMaps } from './labels.js';
import { outputsProbabilities } from './structure.js';

/** Probabilities are clipped here before the log, as Keras' categorical cross-entropy does. */
const EPSILON = 1e-7;

/**
 * Input-gradient saliency (PuzzleMix's, snu-mllab/PuzzleMix main.py): g = ∂L/∂x of the mean
 * cross-entropy L = mean_i CE(f(x_i), y_i) with the model in inference mode (dropout off, batch
 * norm on its moving statistics), then s(h, w) = sqrt(mean_c g(h, w, c)²). One forward and one
 * backward pass; the parameters get no gradient. `rows` are soft label rows [B, K]; the model
 * may output probabilities (a softmax head) or logits.
 */
export function inputSaliency(model: tfl.LayersModel, inputs: tf.Tensor4D, rows: tf.Tensor2D): ModelMaps {
  const probabilities = outputsProbabilities(model);
  const maps = tf.tidy(() => {
    const loss = (x: tf.Tensor): tf.Scalar => {
      const out = model.apply(x, { training: false }) as tf.Tensor2D;
      const logp = probabilities ? tf.log(tf.clipByValue(out, EPSILON, 1)) : tf.logSoftmax(out);
      return tf.mean(tf.neg(tf.sum(tf.mul(rows, logp), -1)));
    };
    const g = tf.grad(loss)(inputs.dtype === 'float32' ? inputs : tf.cast(inputs, 'float32'));
    return tf.sqrt(tf.mean(tf.square(g), -1));
  });
  try {
    return toMaps(maps);
  } finally {
    maps.dispose();
  }
}
