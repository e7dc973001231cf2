import type { KernelOps, Rng } from '@mixzoo/core';

/** A batch of NHWC images, float32 in [0, 1], row-major. */
export interface ImageArray {
  x: Float32Array;
  count: number;
  height: number;
  width: number;
  channels: number;
}

/** What a corruption gets to corrupt one batch at one severity. */
export interface CorruptionContext {
  /** The corruption's constant at the severity (`constants[severity − 1]`). */
  constant: number;
  /** The stream of this corruption and severity: every random draw comes from it, sample by sample. */
  rng: Rng;
  /** Pixel ops of the geometric corruptions (applied through @mixzoo/augment plans). */
  kernels: KernelOps;
}

/**
 * One corruption of the robustness suite, ImageNet-C style: five severities, each a single
 * documented constant (docs/robustness.md lists them with their sources).
 */
export interface Corruption {
  name: string;
  /** The constant of severities 1..5, in `unit`. */
  constants: readonly [number, number, number, number, number];
  unit: string;
  /** Where the constants come from, and how they were adapted. */
  source: string;
  /** The corrupted images (a new array, in [0, 1]); `images` is not modified. */
  apply(images: ImageArray, ctx: CorruptionContext): Float32Array;
}

export const clip01 = (v: number) => (v < 0 ? 0 : v > 1 ? 1 : v);
