import { describeValue, MixzooError } from '@mixzoo/core';
import type { Split } from '../types.js';

/** Number of values per sample of a dataset with this per-sample shape. */
export function sampleSize(inputShape: readonly number[]): number {
  return inputShape.reduce((a, b) => a * b, 1);
}

/** The samples at `indices`, in that order, copied into a new split. */
export function takeSamples(split: Split, indices: ArrayLike<number>, size: number): Split {
  const n = indices.length;
  const x = new Float32Array(n * size);
  const y = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const k = indices[i];
    x.set(split.x.subarray(k * size, (k + 1) * size), i * size);
    y[i] = split.y[k];
  }
  return { x, y, count: n };
}

/** The inputs of the split's first `n` samples (a copy), also of a split streamed from a decode cache. */
export function leadingRows(split: Split, n: number, size: number): Float32Array {
  if (!split.rows) return split.x.slice(0, n * size);
  const x = new Float32Array(n * size);
  split.rows.read(Array.from({ length: n }, (_, i) => i), x);
  return x;
}

/** A requested subset size: `fallback` when absent, else an integer in [1, available]. */
export function subsetSize(what: string, requested: number | undefined, available: number, fallback = available): number {
  if (requested === undefined) return Math.min(fallback, available);
  if (!Number.isInteger(requested) || requested < 1 || requested > available) {
    throw new MixzooError('E_DATASET', `loadDataset: '${what}' must be an integer in [1, ${available}], got ${describeValue(requested)}.`);
  }
  return requested;
}
