import { cast, concat, reshape, type Tensor } from '@tensorflow/tfjs-core';

/** Float32 view of a float32/int32 tensor (int32 data is blended in float32). Call inside tidy. */
export const asFloat = (t: Tensor): Tensor => (t.dtype === 'float32' ? t : cast(t, 'float32'));

/**
 * One table of pixel rows [(B + Bb)·H·W, C] holding the pixels of x, then those of xb (just x's
 * when xb is x), so that any paste is a single gather. Returns the table and the row where xb's
 * pixels start. Call inside tidy. Gradients flow to x and xb through reshape/concat/gather.
 */
export function pixelTable(x: Tensor, xb: Tensor): { table: Tensor; partnerOffset: number } {
  const [batch, height, width, channels] = x.shape;
  const own = reshape(x, [batch * height * width, channels]);
  if (xb === x) return { table: own, partnerOffset: 0 };
  const other = reshape(xb, [xb.shape[0] * height * width, channels]);
  return { table: concat([own, other], 0), partnerOffset: batch * height * width };
}

/** Row index of every output pixel, initialised to "own pixel" (i·H·W + p). */
export function identityIndex(pixels: number): Int32Array {
  const idx = new Int32Array(pixels);
  for (let k = 0; k < pixels; k++) idx[k] = k;
  return idx;
}
