import * as tf from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';
import { MixzooError, type ModelMaps } from '@mixzoo/core';
import { toMaps } from './labels.js';
import { classifierDense, findCamHead, hasSpatialOutput, lastIndex, submodel } from './structure.js';

/** The last spatial feature map: what a pooling → dense head pools, else the last layer with a 4-D output. */
function lastFeatureMap(model: tfl.LayersModel): tfl.SymbolicTensor {
  const head = findCamHead(model);
  if (head) return head.features;
  const layer = model.layers[lastIndex(model.layers, hasSpatialOutput)] as tfl.layers.Layer | undefined;
  if (!layer) throw new MixzooError('E_USAGE', `modelContext: 'activation' needs a model with a spatial (4-D) feature map; '${model.name}' has none.`);
  const output = layer.output;
  if (Array.isArray(output)) throw new MixzooError('E_USAGE', `modelContext: layer '${layer.name}' has several outputs.`);
  return output;
}

/**
 * The class-agnostic activation map (Attentive CutMix's, in OpenMixup's form): the channel mean of
 * the last spatial feature map, in inference mode, on its grid.
 */
export function activationMaps(model: tfl.LayersModel, inputs: tf.Tensor4D): ModelMaps {
  const maps = tf.tidy(() => tf.mean(submodel(model, lastFeatureMap(model)).predict(inputs) as tf.Tensor4D, -1));
  try {
    return toMaps(maps);
  } finally {
    maps.dispose();
  }
}

/** One feature vector per sample: the input of the model's dense classifier (flattened), in inference mode. */
export function penultimateFeatures(model: tfl.LayersModel, inputs: tf.Tensor): number[][] {
  const dense = classifierDense(model);
  const input = dense?.input;
  if (!dense || !input || Array.isArray(input)) throw new MixzooError('E_USAGE', `modelContext: 'features' needs a model ending in a dense classifier; '${model.name}' does not.`);
  const features = tf.tidy(() => {
    const f = submodel(model, input).predict(inputs) as tf.Tensor;
    return tf.reshape(f, [f.shape[0], -1]);
  });
  try {
    return features.arraySync() as number[][];
  } finally {
    features.dispose();
  }
}
