import * as tf from '@tensorflow/tfjs-core';
import { MixzooError } from '@mixzoo/core';
import { conv2dFilterGradientIm2col, conv2dInputGradient } from './conv2d-grads.js';
import { findGradient } from './overrides.js';
import { findKernel } from '@mixzoo/kernels';
import { TYPED_BACKENDS } from './typed-io.js';

export const KERNEL_CONV2D_BIAS_RELU = 'MixzooConv2DBiasRelu';

interface Attrs {
  strides: [number, number];
  pad: 'valid' | 'same';
}

/**
 * relu(conv2d(x, filter) + bias) (NHWC, no dilation) as ONE op for training: its forward pass is the
 * backend's FusedConv2D kernel, which tfjs only runs outside a gradient tape (under one, a conv
 * layer's relu runs as conv2d + add + relu, three kernels and three kept copies). Its gradient:
 * dy·step(y), then the conv gradients of conv2d-grads and the bias sum.
 */
const gradient: tf.GradConfig = {
  kernelName: KERNEL_CONV2D_BIAS_RELU,
  inputsToSave: ['x', 'filter'],
  outputsToSave: [true],
  gradFunc: (dy, saved, attrs) => {
    const [x, filter, y] = saved as [tf.Tensor4D, tf.Tensor4D, tf.Tensor4D];
    const { strides, pad } = attrs as unknown as Attrs;
    const info = tf.backend_util.computeConv2DInfo(x.shape, filter.shape, strides, 1, pad);
    // kept until the end of the backward pass, which tfjs runs inside one tidy; y is float32: no cast
    const d = tf.mul<tf.Tensor4D>(dy as tf.Tensor, tf.step(y));
    return {
      x: () => conv2dInputGradient(d, filter, info),
      filter: () => conv2dFilterGradientIm2col(x, d, info),
      // a sum over one leading axis: wasm transposes less than for a sum over three
      bias: () => tf.sum(tf.reshape(d, [-1, d.shape[3]]), 0),
    };
  },
};

/** Registers the op's kernel (cpu, wasm: their FusedConv2D with a relu) and its gradient; idempotent. */
export function registerConv2dBiasRelu(): void {
  for (const backendName of TYPED_BACKENDS) {
    if (findKernel(KERNEL_CONV2D_BIAS_RELU, backendName) !== undefined) continue;
    const fused = findKernel(tf.FusedConv2D, backendName)?.kernelFunc;
    if (fused === undefined) throw new MixzooError('E_BACKEND', `registerConv2dBiasRelu: backend '${backendName}' has no ${tf.FusedConv2D} kernel to build on.`);
    tf.registerKernel({
      kernelName: KERNEL_CONV2D_BIAS_RELU,
      backendName,
      kernelFunc: ({ inputs, backend, attrs }) =>
        fused({ inputs, backend, attrs: { ...attrs, dataFormat: 'NHWC', dilations: 1, activation: 'relu' } }),
    });
  }
  if (findGradient(KERNEL_CONV2D_BIAS_RELU) === undefined) tf.registerGradient(gradient);
}

/** relu(conv2d(x, filter, strides, pad) + bias) through the op above (call registerConv2dBiasRelu first). */
export function conv2dBiasRelu(x: tf.Tensor4D, filter: tf.Tensor4D, bias: tf.Tensor1D, strides: [number, number], pad: 'valid' | 'same'): tf.Tensor4D {
  return tf.engine().runKernel<tf.Tensor4D>(KERNEL_CONV2D_BIAS_RELU, { x, filter, bias }, { strides, pad });
}
