import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import type { Kwargs } from '@tensorflow/tfjs-layers/dist/types.js';
import type { ConvLayerArgs } from '@tensorflow/tfjs-layers/dist/layers/convolutional.js';
import { conv2dBiasRelu } from '../train-kernels/conv2d-bias-relu.js';
import { trainingGradientsRegistered } from '../train-kernels/gradients.js';
import { TYPED_BACKENDS } from '../train-kernels/typed-io.js';

type Conv2D = ReturnType<typeof tfl.layers.conv2d>;
// tfjs-layers exports its layer classes only through their factories: take Conv2D from an instance
// (a deep import would load a second copy of tfjs-layers, with its own class registry).
const Conv2DLayer = tfl.layers.conv2d({ filters: 1, kernelSize: 1 }).constructor as new (args: ConvLayerArgs) => Conv2D;

/**
 * tfjs-layers' Conv2D (same weights, config and class name) for a relu convolution with a bias,
 * NHWC, no dilation. While registerTrainingGradients is active on cpu or wasm it runs as the fused
 * conv2dBiasRelu op: under a gradient tape tfjs would run it as conv2d + add + relu.
 */
export class ReluConv2D extends Conv2DLayer {
  override call(inputs: tf.Tensor | tf.Tensor[], kwargs: Kwargs): tf.Tensor | tf.Tensor[] {
    const x = Array.isArray(inputs) ? inputs[0] : inputs;
    const fused = trainingGradientsRegistered() && (TYPED_BACKENDS as readonly string[]).includes(tf.getBackend()) && x.dtype === 'float32' && x.rank === 4;
    if (!fused) return super.call(inputs, kwargs);
    return conv2dBiasRelu(x as tf.Tensor4D, this.kernel.read() as tf.Tensor4D, this.bias.read() as tf.Tensor1D, this.strides as [number, number], this.padding as 'valid' | 'same');
  }
}
