import type * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';

type Layer = tfl.layers.Layer;

/** Layers that only pass values on (or only change the output's activation): skipped when walking from the output. */
const PASS_THROUGH = new Set(['Dropout', 'Activation', 'Softmax', 'GaussianNoise', 'GaussianDropout', 'AlphaDropout']);

/** The single layer feeding `layer` (undefined for an input or a layer with several inputs). */
function inboundLayer(layer: Layer): Layer | undefined {
  const inbound = layer.inboundNodes[0]?.inboundLayers ?? [];
  return inbound.length === 1 ? inbound[0] : undefined;
}

/** The layer producing the model's (first) output, then the first layer that is not a pass-through, walking back. */
function skipBack(layer: Layer | undefined): Layer | undefined {
  let at = layer;
  while (at && PASS_THROUGH.has(at.getClassName())) at = inboundLayer(at);
  return at;
}

export function outputLayer(model: tfl.LayersModel): Layer {
  return model.outputs[0].sourceLayer;
}

/**
 * The classifier head of a model ending in global average pooling → dense, found by structure
 * (class names and wiring, never layer names): walking back from the output over pass-through
 * layers (dropout, activation), a Dense layer whose input comes from a GlobalAveragePooling2D.
 * `features` is the pooled feature map [B, h, w, D] (the pooling's input).
 */
export interface CamHead {
  dense: Layer;
  features: tfl.SymbolicTensor;
}

export function findCamHead(model: tfl.LayersModel): CamHead | undefined {
  const dense = skipBack(outputLayer(model));
  if (dense?.getClassName() !== 'Dense') return undefined;
  const pool = skipBack(inboundLayer(dense));
  if (pool?.getClassName() !== 'GlobalAveragePooling2D') return undefined;
  const input = pool.input;
  return Array.isArray(input) || input.shape.length !== 4 ? undefined : { dense, features: input };
}

/** The last Dense layer on the way back from the output (the classifier), if any. */
export function classifierDense(model: tfl.LayersModel): Layer | undefined {
  const dense = skipBack(outputLayer(model));
  return dense?.getClassName() === 'Dense' ? dense : undefined;
}

/** Whether the model outputs probabilities (its classifier or a trailing layer applies softmax) rather than logits. */
export function outputsProbabilities(model: tfl.LayersModel): boolean {
  for (let at: Layer | undefined = outputLayer(model); at; at = inboundLayer(at)) {
    const activation = (at.getConfig() as { activation?: unknown }).activation;
    if (at.getClassName() === 'Softmax' || activation === 'softmax') return true;
    if (!PASS_THROUGH.has(at.getClassName())) return false;
  }
  return false;
}

/** The dense layer's kernel [D, K] and bias [K] (the bias is zeros when it has none): read, not copied. */
export function denseWeights(dense: Layer): { kernel: tf.Tensor; bias?: tf.Tensor } {
  const [kernel, bias] = dense.getWeights();
  return { kernel, bias };
}

/** A model from the inputs to an intermediate tensor, sharing the layers (and weights) of `model`; cached per model. */
const submodels = new WeakMap<tfl.LayersModel, Map<tfl.SymbolicTensor, tfl.LayersModel>>();
export function submodel(model: tfl.LayersModel, output: tfl.SymbolicTensor): tfl.LayersModel {
  let cache = submodels.get(model);
  if (!cache) submodels.set(model, (cache = new Map<tfl.SymbolicTensor, tfl.LayersModel>()));
  let sub = cache.get(output);
  if (!sub) cache.set(output, (sub = tfl.model({ inputs: model.inputs, outputs: output })));
  return sub;
}

/** Index of the last item passing `test`, or -1. */
export function lastIndex<T>(items: readonly T[], test: (item: T) => boolean): number {
  for (let i = items.length - 1; i >= 0; i--) if (test(items[i])) return i;
  return -1;
}

/** Whether a layer has one 4-D output (a spatial feature map [B, h, w, D]). */
export function hasSpatialOutput(layer: Layer): boolean {
  return !Array.isArray(layer.outputShape[0]) && layer.outputShape.length === 4;
}
