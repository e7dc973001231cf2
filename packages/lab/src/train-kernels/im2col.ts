import * as tf from '@tensorflow/tfjs-core';
import type { WindowGeometry } from './geometry.js';
import type { TypedKernelBody } from './typed-io.js';

export const KERNEL_IM2COL_T = 'MixzooIm2ColT';

/**
 * Transposed im2col of x [N, H, W, C]: out[(a·kw + b)·C + c, (n·Ho + i)·Wo + j] =
 * x[n, i·sh + a − padTop, j·sw + b − padLeft, c], 0 outside the image. Its rows follow the filter's
 * [kh, kw, Cin] layout, so the filter gradient is one plain matMul with the output gradient
 * [N·Ho·Wo, Cout] (wasm's matMul takes a slow path for transposed operands).
 */
export const im2colTKernel: TypedKernelBody = (io, { x }, attrs) => {
  const { filterHeight: kh, filterWidth: kw, strideHeight: sh, strideWidth: sw, padTop, padLeft, outHeight, outWidth } = attrs as unknown as WindowGeometry;
  const [n, h, w, c] = x.shape;
  const cols = n * outHeight * outWidth;
  const out = io.output([kh * kw * c, cols], 'float32');
  const xv = io.values(x);
  const ov = out.values;
  const step = sw * c;
  for (let a = 0; a < kh; a++) {
    for (let b = 0; b < kw; b++) {
      // the output columns j whose input column j·sw + b − padLeft lies inside [0, w)
      const jFirst = Math.min(outWidth, Math.max(0, Math.ceil((padLeft - b) / sw)));
      const jEnd = Math.min(outWidth, Math.max(jFirst, Math.floor((w - 1 + padLeft - b) / sw) + 1));
      const rowAt = (a * kw + b) * c * cols;
      for (let ni = 0; ni < n; ni++) {
        for (let i = 0; i < outHeight; i++) {
          const row = i * sh + a - padTop;
          const colAt = (ni * outHeight + i) * outWidth;
          // one input row feeds the C output rows of this (a, b): read it from L1, write C streams
          for (let ci = 0; ci < c; ci++) {
            const o = rowAt + ci * cols + colAt;
            if (row < 0 || row >= h) {
              for (let j = 0; j < outWidth; j++) ov[o + j] = 0;
              continue;
            }
            // explicit loops: fill() calls on a few elements cost more than the copy
            for (let j = 0; j < jFirst; j++) ov[o + j] = 0;
            for (let j = jFirst, xi = ((ni * h + row) * w + jFirst * sw + b - padLeft) * c + ci; j < jEnd; j++, xi += step) ov[o + j] = xv[xi];
            for (let j = jEnd; j < outWidth; j++) ov[o + j] = 0;
          }
        }
      }
    }
  }
  return out.info;
};

/** The transposed im2col of x (see im2colTKernel): [kh·kw·C, N·Ho·Wo]. */
export function im2colT(x: tf.Tensor4D, geometry: WindowGeometry): tf.Tensor2D {
  return tf.engine().runKernel<tf.Tensor2D>(KERNEL_IM2COL_T, { x }, geometry as unknown as tf.NamedAttrMap);
}
