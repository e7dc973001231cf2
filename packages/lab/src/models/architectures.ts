import * as tfl from '@tensorflow/tfjs-layers';
import { MixLayer } from '@mixzoo/mixup';
import { ReluConv2D } from './relu-conv2d.js';
import type { ModelName } from '../types.js';

// Every convolution carries its ReLU: tfjs computes the gradient of a *linear* (fused) conv2d
// without the gradient registry, through the Conv2DBackpropFilter kernel that wasm lacks, while
// ReLU convolutions go through the replaced Conv2D gradient (or train as one fused op, ReluConv2D).
// Kernels start at zero and are then drawn by seedKernels.
const conv = (filters: number, strides = 1) =>
  new ReluConv2D({ filters, kernelSize: 3, strides, padding: 'same', activation: 'relu', kernelInitializer: 'zeros' });
const dense = (units: number, activation: 'relu' | 'softmax') => tfl.layers.dense({ units, activation, kernelInitializer: 'zeros' });

/**
 * The depths where each model can take a MixLayer (manifold mixup): 0 = the input, then after
 * each block — mlp: after each hidden layer; cnn: after each conv + pool, after the dense layer;
 * resnet: after each stage.
 */
export const MIX_DEPTHS: Readonly<Record<ModelName, readonly number[]>> = { mlp: [0, 1, 2], cnn: [0, 1, 2, 3], resnet: [0, 1, 2] };

/** Adds a MixLayer to a Sequential model at `depth` when `mixAt` lists it. */
const mixSequential = (model: tfl.Sequential, mixAt: readonly number[]) => (depth: number) => {
  if (mixAt.includes(depth)) model.add(new MixLayer({ depth }));
};

/** Two hidden layers of 64 ReLU units (images are flattened); MixLayers at the `mixAt` depths. */
export function mlp(inputShape: number[], numClasses: number, mixAt: readonly number[] = []): tfl.Sequential {
  const model = tfl.sequential();
  const mix = mixSequential(model, mixAt);
  model.add(tfl.layers.inputLayer({ inputShape }));
  mix(0);
  if (inputShape.length > 1) model.add(tfl.layers.flatten());
  model.add(dense(64, 'relu'));
  mix(1);
  model.add(dense(64, 'relu'));
  mix(2);
  model.add(dense(numClasses, 'softmax'));
  return model;
}

/** conv 16 → pool → conv 32 → pool → dense 64 → softmax (3×3 convolutions, 'same' padding); MixLayers at the `mixAt` depths. */
export function cnn(inputShape: number[], numClasses: number, mixAt: readonly number[] = []): tfl.Sequential {
  const model = tfl.sequential();
  const mix = mixSequential(model, mixAt);
  model.add(tfl.layers.inputLayer({ inputShape }));
  mix(0);
  model.add(conv(16));
  model.add(tfl.layers.maxPooling2d({ poolSize: 2 }));
  mix(1);
  model.add(conv(32));
  model.add(tfl.layers.maxPooling2d({ poolSize: 2 }));
  mix(2);
  model.add(tfl.layers.flatten());
  model.add(dense(64, 'relu'));
  mix(3);
  model.add(dense(numClasses, 'softmax'));
  return model;
}

/** Batch norm with momentum 0.9: Keras' 0.99 leaves the inference statistics unsettled after the few hundred steps of a lab run. */
const batchNorm = (x: tfl.SymbolicTensor) => tfl.layers.batchNormalization({ momentum: 0.9 }).apply(x) as tfl.SymbolicTensor;

/** conv (with its ReLU) then batch norm. */
const convBn = (x: tfl.SymbolicTensor, filters: number, strides = 1) => batchNorm(conv(filters, strides).apply(x) as tfl.SymbolicTensor);

/** Residual block: x + BN(conv(BN(conv(x)))), the ReLU inside each convolution (see above). */
function residual(x: tfl.SymbolicTensor, filters: number): tfl.SymbolicTensor {
  return tfl.layers.add().apply([x, convBn(convBn(x, filters), filters)]) as tfl.SymbolicTensor;
}

/** A small ResNet: strided stem 16 → block → strided conv 32 → block → global average pool → softmax; MixLayers at the `mixAt` depths. */
export function resnet(inputShape: number[], numClasses: number, mixAt: readonly number[] = []): tfl.LayersModel {
  const mix = (h: tfl.SymbolicTensor, depth: number) => (mixAt.includes(depth) ? (new MixLayer({ depth }).apply(h) as tfl.SymbolicTensor) : h);
  const input = tfl.input({ shape: inputShape });
  let h = mix(residual(convBn(mix(input, 0), 16, 2), 16), 1);
  h = mix(residual(convBn(h, 32, 2), 32), 2);
  h = tfl.layers.globalAveragePooling2d({}).apply(h) as tfl.SymbolicTensor;
  const output = dense(numClasses, 'softmax').apply(h) as tfl.SymbolicTensor;
  return tfl.model({ inputs: input, outputs: output });
}
