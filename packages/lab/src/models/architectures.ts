import * as tfl from '@tensorflow/tfjs-layers';

// Every convolution carries its ReLU: tfjs computes the gradient of a *linear* (fused) conv2d
// without the gradient registry, through the Conv2DBackpropFilter kernel that wasm lacks, while
// ReLU convolutions go through the Conv2D gradient that registerConv2dFilterGradient replaces.
// Kernels start at zero and are then drawn by seedKernels.
const conv = (filters: number, strides = 1) =>
  tfl.layers.conv2d({ filters, kernelSize: 3, strides, padding: 'same', activation: 'relu', kernelInitializer: 'zeros' });
const dense = (units: number, activation: 'relu' | 'softmax') => tfl.layers.dense({ units, activation, kernelInitializer: 'zeros' });

/** Two hidden layers of 64 ReLU units (images are flattened). */
export function mlp(inputShape: number[], numClasses: number): tfl.Sequential {
  const model = tfl.sequential();
  model.add(inputShape.length > 1 ? tfl.layers.flatten({ inputShape }) : tfl.layers.inputLayer({ inputShape }));
  model.add(dense(64, 'relu'));
  model.add(dense(64, 'relu'));
  model.add(dense(numClasses, 'softmax'));
  return model;
}

/** conv 16 → pool → conv 32 → pool → dense 64 → softmax (3×3 convolutions, 'same' padding). */
export function cnn(inputShape: number[], numClasses: number): tfl.Sequential {
  const model = tfl.sequential();
  model.add(tfl.layers.inputLayer({ inputShape }));
  model.add(conv(16));
  model.add(tfl.layers.maxPooling2d({ poolSize: 2 }));
  model.add(conv(32));
  model.add(tfl.layers.maxPooling2d({ poolSize: 2 }));
  model.add(tfl.layers.flatten());
  model.add(dense(64, 'relu'));
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

/** A small ResNet: strided stem 16 → block → strided conv 32 → block → global average pool → softmax. */
export function resnet(inputShape: number[], numClasses: number): tfl.LayersModel {
  const input = tfl.input({ shape: inputShape });
  let h = residual(convBn(input, 16, 2), 16);
  h = residual(convBn(h, 32, 2), 32);
  h = tfl.layers.globalAveragePooling2d({}).apply(h) as tfl.SymbolicTensor;
  const output = dense(numClasses, 'softmax').apply(h) as tfl.SymbolicTensor;
  return tfl.model({ inputs: input, outputs: output });
}
