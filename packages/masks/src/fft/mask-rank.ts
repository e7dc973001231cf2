/**
 * Ranking of pixel values without a full sort (an argsort of 224² values costs ~40 ms in JS).
 * Rank 0 is the largest value; equal values rank by index (lower index first), so every result
 * is a deterministic function of the values.
 */
import { createWorkspace } from './workspace.js';

/** Quickselect reorders a copy of the values: reused rather than allocated per call. */
const workspace = createWorkspace();

/** The value of rank `k` (0 = largest) by quickselect on `scratch`, a copy of the values it overwrites. */
function selectDescending(scratch: Float64Array, k: number): number {
  let lo = 0;
  let hi = scratch.length - 1;
  while (lo < hi) {
    // Median of three as the pivot, then a Hoare partition into >= pivot | <= pivot.
    const mid = (lo + hi) >> 1;
    const a = scratch[lo];
    const b = scratch[mid];
    const c = scratch[hi];
    const pivot = a > b ? (b > c ? b : a > c ? c : a) : a > c ? a : b > c ? c : b;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (scratch[i] > pivot) i++;
      while (scratch[j] < pivot) j--;
      if (i <= j) {
        const t = scratch[i];
        scratch[i] = scratch[j];
        scratch[j] = t;
        i++;
        j--;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else return scratch[k];
  }
  return scratch[k];
}

/** The value of rank `k` (0 = largest) of `values`. */
export function kthLargest(values: Float64Array, k: number): number {
  if (!(k >= 0 && k < values.length)) throw new RangeError(`kthLargest: rank must be in [0, ${values.length}), got ${k}.`);
  const scratch = workspace(values.length);
  scratch.set(values);
  return selectDescending(scratch, k);
}

/** A 0/1 array with 1 at the pixels of rank < k. O(n) expected. */
export function topMask(values: Float64Array, k: number): number[] {
  const n = values.length;
  const out = new Array<number>(n);
  const threshold = k <= 0 ? Infinity : k >= n ? -Infinity : kthLargest(values, k - 1);
  let above = 0;
  for (let i = 0; i < n; i++) if (values[i] > threshold) above++;
  let ties = Math.max(0, Math.min(k, n) - above);
  for (let i = 0; i < n; i++) {
    const v = values[i];
    out[i] = v > threshold || (v === threshold && ties-- > 0) ? 1 : 0;
  }
  return out;
}

/** Indices of the pixels of ranks [from, to), in rank order. Only the pixels in that value range are sorted. */
export function rankRange(values: Float64Array, from: number, to: number): Int32Array {
  if (from >= to) return new Int32Array(0);
  const high = kthLargest(values, from);
  const low = kthLargest(values, to - 1);
  let above = 0;
  let count = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v > high) above++;
    else if (v >= low) count++;
  }
  const candidates = new Int32Array(count);
  for (let i = 0, n = 0; i < values.length; i++) {
    const v = values[i];
    if (v <= high && v >= low) candidates[n++] = i;
  }
  candidates.sort((a, b) => values[b] - values[a] || a - b);
  return candidates.subarray(from - above, to - above);
}
