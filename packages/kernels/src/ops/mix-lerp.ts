import type { Tensor } from '@tensorflow/tfjs-core';
import type { LerpAttrs } from '../attrs.js';
import { runOp } from '../dispatch.js';
import { checkLambda, checkPartner, checkPartnerBatch, checkTensor } from '../validate.js';
import { kernelInputs } from './common.js';

/**
 * `out_i = lambda_i * x_i + (1 - lambda_i) * xb[partner_i]` for every sample i (xb defaults to x,
 * a different xb is a partner batch, e.g. from another dataset). Any rank >= 1: [B], [B, D],
 * [B, T, D], [B, H, W, C]... float32 or int32 input; the output is a new float32 tensor.
 * Throws MixzooError (E_SHAPE, E_DTYPE, E_PLAN) before allocating anything.
 */
export function mixLerp(x: Tensor, partner: readonly number[], lambda: readonly number[], xb?: Tensor): Tensor {
  const op = 'mixLerp';
  const own = checkTensor(op, 'x', x, { min: 1 });
  const other = checkPartnerBatch(op, own, xb);
  const batch = own.shape[0];
  const p = checkPartner(op, partner, batch, other.shape[0]);
  const l = checkLambda(op, lambda, batch);
  return runOp(op, kernelInputs(own, other), { partner: p, lambda: l } satisfies LerpAttrs);
}
