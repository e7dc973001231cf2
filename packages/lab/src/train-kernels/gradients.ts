import * as tf from '@tensorflow/tfjs-core';
import { windowGeometry } from './geometry.js';
import { registerConv2dBiasRelu } from './conv2d-bias-relu.js';
import { conv2dFilterGradientIm2col, conv2dInputGradient } from './conv2d-grads.js';
import { im2colTKernel, KERNEL_IM2COL_T } from './im2col.js';
import { KERNEL_MAX_POOL_GRAD, maxPoolGrad, maxPoolGradKernel } from './max-pool-grad.js';
import { builtinGradient, gradientReplaced, replaceGradient, restoreGradient } from './overrides.js';
import { registerTypedKernel, TYPED_BACKENDS } from './typed-io.js';

const pair = (v: number | [number, number]): [number, number] => (typeof v === 'number' ? [v, v] : v);

/** Whether the active backend runs the typed-array kernels on float32 `tensors`. */
const typedBackend = (...tensors: tf.Tensor[]) =>
  (TYPED_BACKENDS as readonly string[]).includes(tf.getBackend()) && tensors.every((t) => t.dtype === 'float32');

/** The Conv2D gradient through conv2d-grads (NHWC, no dilation; the filter half on cpu and wasm); other cases keep the built-in one. */
const conv2dGradient: tf.GradConfig = {
  kernelName: tf.Conv2D,
  inputsToSave: ['x', 'filter'],
  gradFunc: (dy, saved, attrs) => {
    const { strides, pad, dataFormat, dilations, dimRoundingMode } = attrs as unknown as tf.Conv2DAttrs;
    const [x, filter] = saved as [tf.Tensor4D, tf.Tensor4D];
    const [dh, dw] = pair(dilations);
    if (dataFormat !== 'NHWC' || dh !== 1 || dw !== 1) return builtinGradient(tf.Conv2D).gradFunc(dy, saved, attrs);
    const info = tf.backend_util.computeConv2DInfo(x.shape, filter.shape, strides, 1, pad, dimRoundingMode);
    const builtinFilter = () => builtinGradient(tf.Conv2D).gradFunc(dy, saved, attrs).filter();
    return {
      x: () => conv2dInputGradient(dy as tf.Tensor4D, filter, info),
      filter: typedBackend(x, dy as tf.Tensor) ? () => conv2dFilterGradientIm2col(x, dy as tf.Tensor4D, info) : builtinFilter,
    };
  },
};

/** The MaxPool gradient through the typed-array kernel on cpu and wasm; the built-in one elsewhere. */
const maxPoolGradient: tf.GradConfig = {
  kernelName: tf.MaxPool,
  // The output is not kept (tfjs copies every kept tensor, on wasm a real copy): the fallback recomputes it.
  inputsToSave: ['x'],
  gradFunc: (dy, saved, attrs) => {
    const [x] = saved as [tf.Tensor4D];
    const { filterSize, strides, pad, dimRoundingMode } = attrs as unknown as tf.MaxPoolAttrs;
    if (!typedBackend(x, dy as tf.Tensor)) {
      const builtin = () => builtinGradient(tf.MaxPool).gradFunc(dy, [x, tf.maxPool(x, filterSize, strides, pad, dimRoundingMode)], attrs).x();
      return { x: () => tf.tidy(builtin) };
    }
    const info = tf.backend_util.computePool2DInfo(x.shape, filterSize, strides, 1, pad, dimRoundingMode);
    return { x: () => maxPoolGrad(dy as tf.Tensor4D, x, windowGeometry(info)) };
  },
};

/** Swaps the last two axes. */
const swap = (t: tf.Tensor) => tf.transpose(t, [...t.shape.keys()].map((i, _, all) => (i < all.length - 2 ? i : 2 * all.length - 3 - i)));

/**
 * The BatchMatMul gradient (tfjs's formulas) with every transposed operand transposed explicitly:
 * wasm's matMul runs ~10× slower when told to transpose an operand than on a transposed copy.
 */
const batchMatMulGradient: tf.GradConfig = {
  kernelName: tf.BatchMatMul,
  inputsToSave: ['a', 'b'],
  gradFunc: (dy, saved, attrs) => {
    const [a, b] = saved;
    const { transposeA, transposeB } = attrs as unknown as tf.BatchMatMulAttrs;
    const mm = (p: () => tf.Tensor, q: () => tf.Tensor) => () => tf.tidy(() => tf.matMul(p(), q()));
    const [A, B, D] = [() => a, () => b, () => dy as tf.Tensor];
    const [At, Bt, Dt] = [() => swap(a), () => swap(b), () => swap(dy as tf.Tensor)];
    if (!transposeA && !transposeB) return { a: mm(D, Bt), b: mm(At, D) };
    if (!transposeA && transposeB) return { a: mm(D, B), b: mm(Dt, A) };
    if (transposeA && !transposeB) return { a: mm(B, Dt), b: mm(A, D) };
    return { a: mm(Bt, Dt), b: mm(Dt, At) };
  },
};

const FAST_GRADIENTS = [conv2dGradient, maxPoolGradient, batchMatMulGradient];

/**
 * Replaces the gradients of Conv2D, MaxPool and BatchMatMul with faster ones for training on wasm
 * and cpu: the conv filter gradient as im2col + matMul (wasm has no Conv2DBackpropFilter kernel), the
 * conv input gradient as a forward conv2d, the max-pool gradient as one typed-array pass, matMul
 * gradients without transposed operands. Same results as the built-in gradients up to float
 * rounding; deterministic. Idempotent; registers the typed-array kernels on first use. While they
 * are registered, the lab's relu convolutions (models/relu-conv2d) train through one fused
 * conv2d + bias + relu op (conv2dBiasRelu) on cpu and wasm.
 * Note: tfjs computes *fused* linear convolutions' gradients without the registry (they call
 * Conv2DBackpropFilter directly); the lab's models give every convolution a ReLU for that reason.
 */
export function registerTrainingGradients(): void {
  registerTypedKernel(KERNEL_IM2COL_T, im2colTKernel);
  registerTypedKernel(KERNEL_MAX_POOL_GRAD, maxPoolGradKernel);
  registerConv2dBiasRelu();
  for (const config of FAST_GRADIENTS) replaceGradient(config);
}

/** Puts the built-in Conv2D, MaxPool and BatchMatMul gradients back (benchmarks and tests compare both). */
export function unregisterTrainingGradients(): void {
  for (const config of FAST_GRADIENTS) restoreGradient(config.kernelName);
}

/** Whether registerTrainingGradients' gradients are active. */
export function trainingGradientsRegistered(): boolean {
  return FAST_GRADIENTS.every((config) => gradientReplaced(config.kernelName) && tf.getGradient(config.kernelName) === config);
}
