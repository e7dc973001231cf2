import type * as tf from '@tensorflow/tfjs-core';
import type { LayersModel } from '@tensorflow/tfjs-layers';
import { modelNeedsOf, type Mixer, type ModelContext } from '@mixzoo/core';
import { modelContext } from '../model-context/index.js';

/**
 * What a model-aware mixer needs for this batch (`modelNeedsOf(mixer)`), computed from the model
 * being trained on the batch it is about to mix; undefined, with no extra pass, for every other mixer.
 */
export function stepModelContext(model: LayersModel, mixer: Mixer | undefined, inputs: tf.Tensor, labels: tf.Tensor, numClasses: number): ModelContext | undefined {
  const needs = mixer ? modelNeedsOf(mixer) : [];
  return needs.length === 0 ? undefined : modelContext(model, { inputs, labels, numClasses }, needs);
}
