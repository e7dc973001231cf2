import { checkArray, fail, show } from './validate.js';

/**
 * k-way rows flattened for the kernels: output sample i is the sum of terms
 * `starts[i] .. starts[i+1]-1`, term t weighing sample `index[t]` of the partner batch by `weight[t]`.
 */
export interface KWayTable {
  starts: Int32Array;
  index: Int32Array;
  weight: Float64Array;
}

/** Validates k-way `partners`/`weights` (length B, ragged rows of equal length per sample, weights in [0, 1] summing to 1) and encodes them. */
export function encodeKWay(op: string, partners: unknown, weights: unknown, batch: number, bound: number): KWayTable {
  const rows = checkArray(op, 'partners', partners, batch);
  const wrows = checkArray(op, 'weights', weights, batch);
  const starts = new Int32Array(batch + 1);
  for (let i = 0; i < batch; i++) {
    const row = rows[i];
    if (!Array.isArray(row) || row.length === 0) {
      throw fail(op, 'E_PLAN', `'partners[${i}]' must be a non-empty array of sample indices, got ${show(row)}.`);
    }
    const w = wrows[i];
    if (!Array.isArray(w) || w.length !== row.length) {
      throw fail(op, 'E_PLAN', `'weights[${i}]' must be an array of length ${row.length} (as 'partners[${i}]'), got ${show(w)}.`);
    }
    starts[i + 1] = starts[i] + row.length;
  }
  const index = new Int32Array(starts[batch]);
  const weight = new Float64Array(starts[batch]);
  for (let i = 0; i < batch; i++) {
    const row = rows[i] as unknown[];
    const w = wrows[i] as unknown[];
    let sum = 0;
    for (let k = 0; k < row.length; k++) {
      const p = row[k];
      const v = w[k];
      if (!Number.isInteger(p) || (p as number) < 0 || (p as number) >= bound) {
        throw fail(op, 'E_PLAN', `'partners[${i}][${k}]' must be an integer in [0, ${bound}), got ${show(p)}.`);
      }
      if (typeof v !== 'number' || !(v >= 0 && v <= 1)) {
        throw fail(op, 'E_PLAN', `'weights[${i}][${k}]' must be a number in [0, 1], got ${show(v)}.`);
      }
      index[starts[i] + k] = p as number;
      weight[starts[i] + k] = v;
      sum += v;
    }
    // Rows are convex combinations (the label rule Σ w_k y_k needs it): no silent brightening.
    if (Math.abs(sum - 1) > 1e-6) throw fail(op, 'E_PLAN', `'weights[${i}]' must sum to 1, got ${sum}.`);
  }
  return { starts, index, weight };
}
