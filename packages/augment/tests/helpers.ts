// Test helpers: seeded images (never Math.random), NHWC indexing, counts, and the shared tensor assertions.
import * as tf from '@tensorflow/tfjs-core';
import { createAugmenter as createAugmenterOn, type AugmenterOptions, type Augmenter, type AugmentSpec } from '@mixzoo/augment';
import { kernelOps } from '@mixzoo/kernels';
import { prng } from '../../../test/helpers/prng.js';
import { sizeOf } from '../../../test/helpers/tensors.js';

export { expectClose, expectMixzooError, guardInputs } from '../../../test/helpers/tensors.js';

/** createAugmenter applying with the real kernels (as `mixzoo`'s createAugmenter and zoo pipelines do). */
export function createAugmenter(specs?: readonly AugmentSpec[], options: AugmenterOptions = {}): Augmenter {
  return createAugmenterOn(specs, { kernels: kernelOps, ...options });
}

/** The backends with mixzoo's fused kernels; pixel tests run on both. */
export const BACKENDS = ['cpu', 'wasm'] as const;

/** Seeded values in [0, 1) (float32) or [0, max) (int32), with the tensor. */
export function image(shape: readonly number[], seed: number, dtype: 'float32' | 'int32' = 'float32', max = 10): { data: Float32Array | Int32Array; x: tf.Tensor4D } {
  const next = prng(seed);
  const n = sizeOf(shape);
  const data = dtype === 'int32' ? Int32Array.from({ length: n }, () => Math.floor(next() * max)) : Float32Array.from({ length: n }, () => next());
  return { data, x: tf.tensor4d(data, shape as [number, number, number, number], dtype) };
}

/** Value of NHWC `data` [.., H, W, C] at (i, r, c, ch). */
export function at(data: ArrayLike<number>, shape: readonly number[], i: number, r: number, c: number, ch: number): number {
  const [, h, w, cc] = shape;
  return data[((i * h + r) * w + c) * cc + ch];
}

/** Builds an NHWC array from a per-pixel function. */
export function build(shape: readonly number[], f: (i: number, r: number, c: number, ch: number) => number): Float64Array {
  const [b, h, w, cc] = shape;
  const out = new Float64Array(sizeOf(shape));
  for (let i = 0; i < b; i++) for (let r = 0; r < h; r++) for (let c = 0; c < w; c++) for (let ch = 0; ch < cc; ch++) out[((i * h + r) * w + c) * cc + ch] = f(i, r, c, ch);
  return out;
}

/** Counts of each value, for uniformity checks. */
export function counts(values: readonly number[]): Map<number, number> {
  const m = new Map<number, number>();
  for (const v of values) m.set(v, (m.get(v) ?? 0) + 1);
  return m;
}
