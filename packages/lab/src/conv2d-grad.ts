import * as tf from '@tensorflow/tfjs-core';
import { builtinGradient, gradientReplaced, replaceGradient, restoreGradient } from './train-kernels/overrides.js';

const pair = (v: number | [number, number]): [number, number] => (typeof v === 'number' ? [v, v] : v);

/**
 * dL/dfilter of an NHWC conv2d as one forward conv2d: the input transposed to [Cin, H, W, N]
 * convolved with the output gradient transposed to [Ho, Wo, N, Cout], dilated by the stride.
 * out[ci, a, b, co] = Σ_{n,i,j} x[n, a + i·sh, b + j·sw, ci] · dy[n, i, j, co], which is the filter
 * gradient at kernel offset (a, b). Rows past the kernel size (pixels no window reached) are sliced off.
 */
export function conv2dFilterGradient(
  x: tf.Tensor4D,
  dy: tf.Tensor4D,
  filterShape: readonly number[],
  strides: number | [number, number],
  pad: 'valid' | 'same',
): tf.Tensor4D {
  return tf.tidy(() => {
    const [kh, kw] = filterShape;
    const [sh, sw] = pair(strides);
    let input = x;
    if (pad === 'same') {
      // TensorFlow's 'same': total padding (out−1)·stride + k − in, the odd pixel at the bottom/right.
      const padH = Math.max((dy.shape[1] - 1) * sh + kh - x.shape[1], 0);
      const padW = Math.max((dy.shape[2] - 1) * sw + kw - x.shape[2], 0);
      const top = Math.floor(padH / 2);
      const left = Math.floor(padW / 2);
      input = tf.pad(x, [[0, 0], [top, padH - top], [left, padW - left], [0, 0]]);
    }
    const out = tf.conv2d(tf.transpose(input, [3, 1, 2, 0]), tf.transpose(dy, [1, 2, 0, 3]), 1, 'valid', 'NHWC', [sh, sw]);
    return tf.transpose(tf.slice(out, [0, 0, 0, 0], [-1, kh, kw, -1]), [1, 2, 0, 3]);
  });
}

/**
 * Replaces the Conv2D gradient: the filter gradient becomes a forward conv2d (above), the input
 * gradient stays the built-in one. The wasm backend has no Conv2DBackpropFilter kernel (CNN training
 * fails without this) and cpu's is slow (this is ~5× faster). Idempotent. Cases it does not cover
 * (NCHW, dilated or explicitly padded convolutions) keep the built-in gradient.
 * registerTrainingGradients (train-kernels) is the faster successor that trainRun uses; this one
 * stays for comparison. Note: tfjs computes *fused* linear convolutions' gradients without the
 * registry (they call Conv2DBackpropFilter directly); the lab's models give every convolution a
 * ReLU for that reason.
 */
export function registerConv2dFilterGradient(): void {
  replaceGradient({
    kernelName: tf.Conv2D,
    inputsToSave: ['x', 'filter'],
    gradFunc: (dy, saved, attrs) => {
      const grads = builtinGradient(tf.Conv2D).gradFunc(dy, saved, attrs);
      const { strides, pad, dataFormat, dilations } = attrs as unknown as tf.Conv2DAttrs;
      const [dh, dw] = pair(dilations);
      if (dataFormat !== 'NHWC' || dh !== 1 || dw !== 1 || (pad !== 'valid' && pad !== 'same')) return grads;
      const [x, filter] = saved as [tf.Tensor4D, tf.Tensor4D];
      return { ...grads, filter: () => conv2dFilterGradient(x, dy as tf.Tensor4D, filter.shape, strides, pad) };
    },
  });
}

/** Puts the built-in Conv2D gradient back (benchmarks and tests compare both). */
export function unregisterConv2dFilterGradient(): void {
  restoreGradient(tf.Conv2D);
}

/** Whether the Conv2D gradient is replaced (by this or by registerTrainingGradients). */
export function conv2dFilterGradientRegistered(): boolean {
  return gradientReplaced(tf.Conv2D);
}
