import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { checkTensor, describeValue, isObject, MixzooError, MODEL_CONTEXT_KINDS, shapeText, type ModelContext, type ModelContextKind } from '@mixzoo/core';
import { attentionMaps } from './attention.js';
import { classActivationMaps } from './cam.js';
import { activationMaps, penultimateFeatures } from './features.js';
import { labelRows } from './labels.js';
import { inputSaliency } from './saliency.js';

export { ATTENTION_LAYER_MARK } from './attention.js';

/** The batch a model context is computed on: the unmixed inputs and, for 'saliency' and 'cam', their labels. */
export interface ModelContextBatch {
  /** NHWC images [B, H, W, C] ('attention' and 'features' also take other inputs the model accepts). */
  inputs: tf.Tensor;
  /** int32 class indices [B] (with numClasses) or float32 one-hot/soft rows [B, K]. */
  labels?: tf.Tensor;
  numClasses?: number;
}

const WHERE = 'modelContext';

/**
 * Computes what a model-aware strategy needs from a tfjs-layers model, as plain data for
 * `mixer.mix({ ..., model })`: only the kinds in `needs` (pass `modelNeedsOf(mixer)`; nothing is
 * computed for an empty list). 'saliency': |∂CE/∂x| per pixel, one forward and backward pass
 * (any differentiable model); 'cam': class activation maps of each sample's label (a model ending
 * in global average pooling → dense, else Grad-CAM on a Sequential model); 'activation': channel
 * mean of the last spatial feature map; 'features': the classifier's input vector; 'attention':
 * the output of the layer named with ATTENTION_LAYER_MARK. Inference mode throughout; the
 * model's weights are not changed, the inputs are neither modified nor disposed, and every
 * intermediate tensor is disposed.
 */
export function modelContext(model: tfl.LayersModel, batch: ModelContextBatch, needs: readonly ModelContextKind[]): ModelContext {
  if (!(model instanceof tfl.LayersModel)) throw new MixzooError('E_USAGE', `${WHERE}: 'model' must be a tfjs-layers model (tf.sequential, tf.model or loaded), got ${describeValue(model)}.`);
  if (!isObject(batch)) throw new MixzooError('E_SHAPE', `${WHERE}: 'batch' must be { inputs, labels?, numClasses? }, got ${describeValue(batch)}.`);
  const inputs = checkTensor(WHERE, 'inputs', batch.inputs);
  if (!Array.isArray(needs) || needs.some((k) => !(MODEL_CONTEXT_KINDS as readonly unknown[]).includes(k))) {
    throw new MixzooError('E_OPTION', `${WHERE}: 'needs' must be an array of ${MODEL_CONTEXT_KINDS.map((k) => `'${k}'`).join(', ')}, got ${describeValue(needs)}.`);
  }
  const kinds = new Set(needs);
  const spatial = ['saliency', 'cam', 'activation'].filter((k) => kinds.has(k as ModelContextKind));
  if (spatial.length > 0 && inputs.rank !== 4) {
    throw new MixzooError('E_SHAPE', `${WHERE}: ${spatial.map((k) => `'${k}'`).join(', ')} need NHWC images [B, H, W, C], got 'inputs' ${shapeText(inputs.shape)}.`);
  }
  const images = inputs as tf.Tensor4D;
  const context: ModelContext = {};
  if (kinds.has('saliency') || kinds.has('cam')) {
    if (batch.labels === undefined) throw new MixzooError('E_LABELS', `${WHERE}: 'saliency' and 'cam' need the batch's 'labels' (the loss and the class to explain).`);
    const { rows, classes } = labelRows(WHERE, batch.labels, inputs.shape[0], batch.numClasses);
    try {
      if (kinds.has('saliency')) context.saliency = inputSaliency(model, images, rows);
      if (kinds.has('cam')) context.cam = classActivationMaps(model, images, classes);
    } finally {
      rows.dispose();
    }
  }
  if (kinds.has('activation')) context.activation = activationMaps(model, images);
  if (kinds.has('features')) context.features = penultimateFeatures(model, inputs);
  if (kinds.has('attention')) context.attention = attentionMaps(model, inputs);
  return context;
}
