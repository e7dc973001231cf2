import type { Tensor } from '@tensorflow/tfjs-core';
import type { Box } from './plan.js';

/**
 * The pixel operations of the shared kernel (@mixzoo/kernels implements them). Core only
 * depends on this contract; the zoo is given an implementation through its container.
 */
export interface KernelOps {
  mixLerp(x: Tensor, partner: readonly number[], lambda: readonly number[], xb?: Tensor): Tensor;
  maskBlend(x: Tensor, partner: readonly number[], mask: Tensor, xb?: Tensor): Tensor;
  pasteBoxes(x: Tensor, partner: readonly number[], boxes: readonly (Box | null)[], xb?: Tensor): Tensor;
  /** k-way lerp: `out_i = Σ_k weights[i][k] · xb[partners[i][k]]` (xb defaults to x). */
  mixLerpK(x: Tensor, partners: readonly (readonly number[])[], weights: readonly (readonly number[])[], xb?: Tensor): Tensor;
}

/** tsyringe injection tokens of a zoo's container. */
export const KERNEL_OPS = Symbol.for('mixzoo.KernelOps');
export const ZOO_SETTINGS = Symbol.for('mixzoo.ZooSettings');
