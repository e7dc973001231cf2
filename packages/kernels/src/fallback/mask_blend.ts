import { add, cast, gather, mul, reshape, scalar, sub, tensor1d, tidy, where, type Tensor } from '@tensorflow/tfjs-core';
import { asFloat } from './common.js';

/**
 * maskBlend from tfjs ops: M·x + (1-M)·gather(xb, partner), the mask reshaped to [1|B, H, W, 1]
 * to broadcast over channels (and over samples when shared). int32 (binary mask): a where-select.
 * The mask's values were checked by the caller.
 */
export function maskBlendComposed(x: Tensor, xb: Tensor, partner: Int32Array, mask: Tensor): Tensor {
  return tidy(() => {
    const [m0, height, width] = mask.shape;
    const m = reshape(mask, [m0, height, width, 1]);
    const index = tensor1d(partner, 'int32');
    if (x.dtype === 'int32') return where(cast(m, 'bool'), x, gather(xb, index, 0));
    const xf = asFloat(x);
    const other = gather(xb === x ? xf : asFloat(xb), index, 0);
    return add(mul(m, xf), mul(sub(scalar(1), m), other));
  });
}
