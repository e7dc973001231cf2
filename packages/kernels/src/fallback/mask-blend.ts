import { add, cast, mul, reshape, scalar, sub, tidy, where, type Tensor } from '@tensorflow/tfjs-core';
import { asFloat, pick } from './common.js';

/**
 * maskBlend from tfjs ops: M·x + (1-M)·pick(xb, partner), the mask reshaped to [1|B, H, W, 1]
 * to broadcast over channels (and over samples when shared). int32 (binary mask): a where-select.
 * The mask's values were checked by the caller. Gradients flow to x, xb and the mask.
 */
export function maskBlendComposed(x: Tensor, xb: Tensor, partner: Int32Array, mask: Tensor): Tensor {
  return tidy(() => {
    const [m0, height, width] = mask.shape;
    const m = reshape(mask, [m0, height, width, 1]);
    if (x.dtype === 'int32') return where(cast(m, 'bool'), x, pick(xb, partner));
    const xf = asFloat(x);
    const other = pick(xb === x ? xf : asFloat(xb), partner);
    return add(mul(m, xf), mul(sub(scalar(1), m), other));
  });
}
