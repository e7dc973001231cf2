import type { Tensor } from '@tensorflow/tfjs-core';
import { useFused } from '../dispatch.js';
import { maskBlendComposed } from '../fallback/mask-blend.js';
import { badMaskIndex, checkMask, maskValueError } from '../mask.js';
import { KERNEL_MASK_BLEND } from '../names.js';
import { checkPartner, checkPartnerBatch, checkTensor } from '../validate.js';
import { kernelInputs, runFused } from './common.js';

/**
 * Per-pixel blend of NHWC images: `out = M * x_i + (1 - M) * xb[partner_i]`, with `mask` a float32
 * tensor [B, H, W] (or [1, H, W], shared by all samples) in [0, 1], 1 = own pixel, broadcast over
 * channels. float32 output; int32 `x` needs a binary (0/1) mask and then stays int32 (a select,
 * for integer class-map targets); a soft mask on int32 throws E_DTYPE.
 */
export function maskBlend(x: Tensor, partner: readonly number[], mask: Tensor, xb?: Tensor): Tensor {
  const op = 'maskBlend';
  const own = checkTensor(op, 'x', x, { exact: 4 });
  const other = checkPartnerBatch(op, own, xb);
  const m = checkMask(op, mask, own);
  const p = checkPartner(op, partner, own.shape[0], other.shape[0]);
  // The fused kernel checks mask values itself (on data it holds, no copy); the fallback reads them.
  if (useFused(KERNEL_MASK_BLEND)) return runFused(KERNEL_MASK_BLEND, kernelInputs(own, other, { mask: m }), { partner: p });
  const values = m.dataSync() as Float32Array;
  const bad = badMaskIndex(values, own.dtype === 'int32');
  if (bad >= 0) throw maskValueError(op, values, bad, m.shape);
  return maskBlendComposed(own, other, p, m);
}
