// Test helpers: seeded data (never Math.random), leak and input guards, comparisons.
import * as tf from '@tensorflow/tfjs-core';
import { expect } from 'vitest';
import { MixzooError } from '@mixzoo/core';

/** The backends with mixzoo's fused kernels; pixel tests run on both. */
export const BACKENDS = ['cpu', 'wasm'] as const;

/** mulberry32. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const sizeOf = (shape: readonly number[]): number => shape.reduce((p, d) => p * d, 1);

/** Seeded values in [0, 1) (float32) or [0, max) (int32), with the tensor. */
export function image(shape: number[], seed: number, dtype: 'float32' | 'int32' = 'float32', max = 10): { data: Float32Array | Int32Array; x: tf.Tensor4D } {
  const next = prng(seed);
  const n = sizeOf(shape);
  const data = dtype === 'int32' ? Int32Array.from({ length: n }, () => Math.floor(next() * max)) : Float32Array.from({ length: n }, () => next());
  return { data, x: tf.tensor(data, shape, dtype) as tf.Tensor4D };
}

/** Element-wise |actual − expected| <= tol, with the first mismatch in the message. */
export function expectClose(actual: ArrayLike<number>, expected: ArrayLike<number>, tol = 1e-6): void {
  expect(actual.length).toBe(expected.length);
  for (let k = 0; k < expected.length; k++) {
    if (!(Math.abs(actual[k] - expected[k]) <= tol)) expect.fail(`element ${k}: got ${actual[k]}, expected ${expected[k]} (tolerance ${tol})`);
  }
}

/** Reads every input now; `unchanged()` asserts none was modified or disposed. */
export function guardInputs(...tensors: tf.Tensor[]): { unchanged(): void } {
  const copies = tensors.map((t) => Array.from(t.dataSync()));
  return {
    unchanged() {
      tensors.forEach((t, k) => {
        expect(t.isDisposed, `input ${k} disposed`).toBe(false);
        expect(Array.from(t.dataSync()), `input ${k} modified`).toEqual(copies[k]);
      });
    },
  };
}

/** Asserts `fn` throws a MixzooError with `code` and a message matching `message`, leaving no tensor behind. */
export function expectMixzooError(fn: () => unknown, code: string, message: RegExp | string): void {
  const before = tf.memory().numTensors;
  let error: unknown;
  try {
    fn();
  } catch (e) {
    error = e;
  }
  expect(error, 'expected a MixzooError').toBeInstanceOf(MixzooError);
  expect((error as MixzooError).code).toBe(code);
  if (typeof message === 'string') expect((error as MixzooError).message).toBe(message);
  else expect((error as MixzooError).message).toMatch(message);
  expect(tf.memory().numTensors).toBe(before);
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
