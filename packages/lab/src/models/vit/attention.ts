import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { MixzooError, type ModelMaps } from '@mixzoo/core';
import { Patchify, ScaledDotAttention } from './layers.js';

// One attention reader per model: building a tfjs-layers model per call would be wasted work.
const readers = new WeakMap<tfl.LayersModel, { reader: tfl.LayersModel; grid: [number, number] }>();

function readerOf(model: tfl.LayersModel): { reader: tfl.LayersModel; grid: [number, number] } {
  const known = readers.get(model);
  if (known) return known;
  const attention = model.layers.filter((l) => l instanceof ScaledDotAttention).pop();
  const patchify = model.layers.find((l): l is Patchify => l instanceof Patchify);
  if (!attention || !patchify) {
    throw new MixzooError('E_OPTION', `vitAttention: the model has no ScaledDotAttention and Patchify layers (the lab's 'vit' model has both), got layers ${model.layers.map((l) => l.getClassName()).join(', ')}.`);
  }
  const [, height, width] = model.inputs[0].shape as number[];
  const outputs = attention.output as tfl.SymbolicTensor[];
  const entry = { reader: tfl.model({ inputs: model.inputs, outputs: outputs[1] }), grid: [height / patchify.patchSize, width / patchify.patchSize] as [number, number] };
  readers.set(model, entry);
  return entry;
}

/**
 * The last attention layer's class-token attention over the patches, averaged over heads, for
 * each image of `inputs`: one gh×gw map per sample (what TransMix reads). Inference only (no
 * gradient); leaves no tensors behind; `inputs` is not disposed.
 */
export function vitAttention(model: tfl.LayersModel, inputs: tf.Tensor): ModelMaps {
  const { reader, grid } = readerOf(model);
  const rows = tf.tidy(() => {
    const probs = reader.predict(inputs) as tf.Tensor4D; // [B, heads, T, T]
    const [b, , t] = probs.shape;
    return tf.reshape(tf.slice(tf.mean(probs, 1), [0, 0, 1], [b, 1, t - 1]), [b, t - 1]);
  });
  const data = rows.arraySync() as number[][];
  rows.dispose();
  return { height: grid[0], width: grid[1], data };
}
