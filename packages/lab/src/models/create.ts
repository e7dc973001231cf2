import * as tf from '@tensorflow/tfjs-core';
import type { LayersModel } from '@tensorflow/tfjs-layers';
import { describeValue, MixzooError, type Seed } from '@mixzoo/core';
import type { ChannelNormalization, ModelName } from '../types.js';
import { cnn, MIX_DEPTHS, mlp, resnet } from './architectures.js';
import { seedKernels } from './seeded-weights.js';
import { vit } from './vit/model.js';

export const MODEL_NAMES: readonly ModelName[] = ['mlp', 'cnn', 'resnet', 'vit'];

/** The (base) learning rate when none is given. */
export const DEFAULT_LEARNING_RATE = 0.001;

export interface ModelOptions {
  /** The learning rate of the default optimizer (Adam); default 0.001. */
  learningRate?: number;
  /** Depths that get a MixLayer (manifold mixup), 0 = the input; see MIX_DEPTHS. Default none. The initial weights do not depend on them. */
  manifoldLayers?: readonly number[];
  /** Per-channel statistics the model standardises its inputs with (a first Standardize layer); default none. */
  normalization?: ChannelNormalization;
  /** The optimizer to compile with (the model then owns it: disposeModel disposes it); default Adam at `learningRate`. */
  optimizer?: tf.Optimizer;
}

function checkManifoldLayers(name: ModelName, layers: unknown): readonly number[] {
  if (layers === undefined) return [];
  const allowed: readonly unknown[] = MIX_DEPTHS[name];
  const depths: readonly unknown[] = Array.isArray(layers) ? layers : [];
  const ok = Array.isArray(layers) && depths.every((d) => allowed.includes(d)) && new Set(depths).size === depths.length;
  if (!ok) {
    throw new MixzooError('E_OPTION', `createModel: 'manifoldLayers' must be distinct depths among [${allowed.join(', ')}] for '${name}', got ${describeValue(layers)}.`);
  }
  return depths as readonly number[];
}

/**
 * A small compiled model: softmax outputs, categorical cross-entropy (soft labels welcome), Adam.
 * Same name, shapes and seed → same initial weights. Dispose it with disposeModel (the optimizer too).
 */
export function createModel(name: ModelName, inputShape: number[], numClasses: number, seed: Seed, options: ModelOptions = {}): LayersModel {
  if (!MODEL_NAMES.includes(name)) {
    throw new MixzooError('E_OPTION', `createModel: model must be one of ${MODEL_NAMES.join(', ')}, got ${describeValue(name)}.`);
  }
  if (!Array.isArray(inputShape) || inputShape.length === 0 || !inputShape.every((d) => Number.isInteger(d) && d > 0)) {
    throw new MixzooError('E_SHAPE', `createModel: 'inputShape' must be positive integers, got ${describeValue(inputShape)}.`);
  }
  if (name !== 'mlp' && inputShape.length !== 3) {
    throw new MixzooError('E_SHAPE', `createModel: '${name}' needs images [H, W, C], got inputShape ${describeValue(inputShape)}; use 'mlp' for feature vectors.`);
  }
  if (!Number.isInteger(numClasses) || numClasses < 2) {
    throw new MixzooError('E_OPTION', `createModel: 'numClasses' must be an integer >= 2, got ${describeValue(numClasses)}.`);
  }
  const learningRate = options.learningRate ?? DEFAULT_LEARNING_RATE;
  if (!(learningRate > 0 && Number.isFinite(learningRate))) {
    throw new MixzooError('E_OPTION', `createModel: 'learningRate' must be a finite number > 0, got ${describeValue(learningRate)}.`);
  }
  const mixAt = checkManifoldLayers(name, options.manifoldLayers);
  const model = { mlp, cnn, resnet, vit }[name](inputShape, numClasses, mixAt, options.normalization);
  seedKernels(model, seed);
  model.compile({ optimizer: options.optimizer ?? tf.train.adam(learningRate), loss: 'categoricalCrossentropy' });
  return model;
}

/** Disposes a model made by createModel and its optimizer (tfjs-layers keeps an optimizer it did not create). */
export function disposeModel(model: LayersModel): void {
  const optimizer = model.optimizer as tf.Optimizer | undefined; // none on a model never compiled
  model.dispose();
  optimizer?.dispose();
}
