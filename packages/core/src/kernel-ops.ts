import type { Tensor } from '@tensorflow/tfjs-core';
import type { Box } from './plan.js';

// The plain data the pixel ops take. They live here, not in @mixzoo/kernels, so that strategies
// and augmentations can build plans for `ctx.kernels` without depending on the kernels package.

/**
 * One rectangle written into an output sample: the region of `xb[source]` that starts at `from`
 * (default: the box's own origin) and has the box's size, copied to `box` of the output.
 */
export interface Patch {
  source: number;
  box: Box;
  from?: { y: number; x: number };
}

/**
 * An integer index map of one sample: output pixel (r, c) reads source pixel
 * `(y[0]·r + y[1]·c + y[2], x[0]·r + x[1]·c + x[2])`. The 2×2 part `[[y0, y1], [x0, x1]]` is a
 * signed permutation (identity, flips, transpose, 90° rotations), the offsets are integers
 * (crops, translations); sources outside the image follow the border mode.
 */
export interface IndexMap {
  y: readonly [number, number, number];
  x: readonly [number, number, number];
}

/** How sources outside the image are read: `constant` = the fill value, `reflect` = mirrored without repeating the edge (dcb|abcd|cba), `edge` = the nearest edge pixel. */
export const BORDERS = ['constant', 'reflect', 'edge'] as const;
export type Border = (typeof BORDERS)[number];

export interface RemapOptions {
  /** Default 'constant'. */
  border?: Border;
  /** Value of 'constant' pixels; default 0 (an integer for int32 images). */
  fill?: number;
}

/**
 * The pixel operations of the shared kernel, all of them (@mixzoo/kernels implements them as
 * `kernelOps`). Core only depends on this contract; the zoo is given an implementation through
 * its container and strategies reach it as `ctx.kernels`. Every op is pure: inputs are never
 * modified or disposed, the output is a new tensor. `xb` (default `x`) is the partner batch.
 */
export interface KernelOps {
  /** `out_i = lambda_i · x_i + (1 − lambda_i) · xb[partner_i]`, any rank >= 1, float32 out. */
  mixLerp(x: Tensor, partner: readonly number[], lambda: readonly number[], xb?: Tensor): Tensor;
  /** NHWC per-pixel blend `M · x_i + (1 − M) · xb[partner_i]`, mask [B|1, H, W] in [0, 1], 1 = own pixel. */
  maskBlend(x: Tensor, partner: readonly number[], mask: Tensor, xb?: Tensor): Tensor;
  /** CutMix: the same-position box of `xb[partner_i]` replaces the box of `x_i` (null = untouched). */
  pasteBoxes(x: Tensor, partner: readonly number[], boxes: readonly (Box | null)[], xb?: Tensor): Tensor;
  /** General paste: `patches[i]` applied in order on a copy of `x_i`, each reading the inputs. */
  pastePatches(x: Tensor, patches: readonly (readonly Patch[])[], xb?: Tensor): Tensor;
  /** ResizeMix: the whole `xb[partner_i]`, resized to the box (bilinear; nearest for int32), pasted into it. */
  pasteResized(x: Tensor, partner: readonly number[], boxes: readonly (Box | null)[], xb?: Tensor): Tensor;
  /** k-way lerp: `out_i = Σ_k weights[i][k] · xb[partners[i][k]]` (xb defaults to x). */
  mixLerpK(x: Tensor, partners: readonly (readonly number[])[], weights: readonly (readonly number[])[], xb?: Tensor): Tensor;
  /** Integer index remap of NHWC images, one map per sample (null = copy). */
  remap(x: Tensor, maps: readonly (IndexMap | null)[], options?: RemapOptions): Tensor;
}

/** Name of one op of KernelOps. */
export type KernelOpName = keyof KernelOps;

/** tsyringe injection tokens of a zoo's container. */
export const KERNEL_OPS = Symbol.for('mixzoo.KernelOps');
export const ZOO_SETTINGS = Symbol.for('mixzoo.ZooSettings');
