import type { Tensor } from '@tensorflow/tfjs-core';
import type { LerpKAttrs } from '../attrs.js';
import { runOp } from '../dispatch.js';
import { encodeKWay } from '../kway.js';
import { checkPartnerBatch, checkTensor } from '../validate.js';
import { kernelInputs } from './common.js';

/**
 * k-way interpolation: `out_i = Σ_k weights[i][k] · xb[partners[i][k]]` (xb defaults to x; x
 * gives the batch size and per-sample shape). Rows may have different lengths; weights are in
 * [0, 1] and each row sums to 1. Any rank >= 1, float32 or int32 input; the output is a new
 * float32 tensor. Throws MixzooError (E_SHAPE, E_DTYPE, E_PLAN) before allocating anything.
 */
export function mixLerpK(
  x: Tensor, partners: readonly (readonly number[])[], weights: readonly (readonly number[])[], xb?: Tensor,
): Tensor {
  const op = 'mixLerpK';
  const own = checkTensor(op, 'x', x, { min: 1 });
  const other = checkPartnerBatch(op, own, xb);
  const table = encodeKWay(op, partners, weights, own.shape[0], other.shape[0]);
  return runOp(op, kernelInputs(own, other), { table } satisfies LerpKAttrs);
}
