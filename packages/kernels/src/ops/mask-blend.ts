import type { Tensor } from '@tensorflow/tfjs-core';
import type { MaskBlendAttrs } from '../attrs.js';
import { runOp } from '../dispatch.js';
import { checkMask } from '../mask.js';
import { checkPartner, checkPartnerBatch, checkTensor } from '../validate.js';
import { kernelInputs } from './common.js';

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
  // Mask values are checked by the kernel that runs (fused: on the data it holds, no copy).
  return runOp(op, kernelInputs(own, other, { mask: m }), { partner: p } satisfies MaskBlendAttrs);
}
