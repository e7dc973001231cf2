import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { MixzooError, type ModelMaps } from '@mixzoo/core';
import { toMaps } from './labels.js';
import { classifierDense, denseWeights, findCamHead, hasSpatialOutput, lastIndex, submodel } from './structure.js';

/**
 * Class activation maps (Zhou et al., CVPR 2016) of each sample's class `classes[i]`, on the last
 * feature map's grid. A model ending in global average pooling → dense (found by structure) gets
 * the exact CAM `M_i = Σ_d F_i[., ., d]·W[d, y_i] + b[y_i]`, whose mean over the grid is the class
 * logit. SnapMix's reference applies ReLU to F first, a no-op for its backbones (their last block
 * ends in ReLU); here F is what the model pools, so the map decomposes the model's own logit.
 * Other Sequential models get Grad-CAM (Selvaraju et al., ICCV 2017) without its final ReLU:
 * `M_i = Σ_d α_d F_i[., ., d]`, α_d = mean over the grid of ∂z_{y_i}/∂F_i[., ., d], z the logits,
 * F the last 4-D layer output; on a pooling → dense head it equals the CAM up to scale and shift.
 */
export function classActivationMaps(model: tfl.LayersModel, inputs: tf.Tensor4D, classes: readonly number[]): ModelMaps {
  const head = findCamHead(model);
  const maps = head ? exactCam(model, head.features, head.dense, inputs, classes) : gradCam(model, inputs, classes);
  try {
    return toMaps(maps);
  } finally {
    maps.dispose();
  }
}

function exactCam(model: tfl.LayersModel, features: tfl.SymbolicTensor, dense: tfl.layers.Layer, inputs: tf.Tensor4D, classes: readonly number[]): tf.Tensor {
  const { kernel, bias } = denseWeights(dense);
  return tf.tidy(() => {
    const f = submodel(model, features).predict(inputs) as tf.Tensor4D;
    const y = tf.tensor1d(Array.from(classes), 'int32');
    const [b, , , d] = f.shape;
    const w = tf.reshape(tf.gather(tf.transpose(kernel), y), [b, 1, 1, d]);
    const cam = tf.sum(tf.mul(f, w), -1);
    return bias ? tf.add(cam, tf.reshape(tf.gather(bias, y), [b, 1, 1])) : cam;
  });
}

function gradCam(model: tfl.LayersModel, inputs: tf.Tensor4D, classes: readonly number[]): tf.Tensor {
  const dense = classifierDense(model);
  const layers = model instanceof tfl.Sequential ? model.layers : [];
  const last4d = lastIndex(layers, hasSpatialOutput);
  const classifier = dense ? layers.indexOf(dense) : -1;
  if (last4d < 0 || classifier <= last4d || !dense) {
    throw new MixzooError(
      'E_USAGE',
      `modelContext: 'cam' needs a model ending in global average pooling → dense, or a Sequential model with a 4-D feature map before its dense classifier; got ${model.name} (output layer '${model.layers[model.layers.length - 1]?.getClassName() ?? 'none'}').`,
    );
  }
  const { kernel, bias } = denseWeights(dense);
  return tf.tidy(() => {
    const f = submodel(model, layers[last4d].output as tfl.SymbolicTensor).predict(inputs) as tf.Tensor4D;
    const y = tf.oneHot(tf.tensor1d(Array.from(classes), 'int32'), kernel.shape[1] ?? 1);
    // Σ_i z_{i, y_i}: the samples are independent in inference mode, so one gradient gives every ∂z_{y_i}/∂F_i.
    const score = (features: tf.Tensor): tf.Scalar => {
      let h = features;
      for (const layer of layers.slice(last4d + 1, classifier)) h = layer.apply(h, { training: false }) as tf.Tensor;
      const logits = tf.matMul(tf.reshape(h, [h.shape[0], -1]), kernel);
      return tf.sum(tf.mul(bias ? tf.add(logits, bias) : logits, y));
    };
    const alpha = tf.mean(tf.grad(score)(f), [1, 2], true);
    return tf.sum(tf.mul(alpha, f), -1);
  });
}
