import type { MixPlan } from '@mixzoo/core';
import type { LabelAlignment } from './align-labels.js';
import type { ValidityPolicy } from './options.js';

/** One dataset's labels in the unified space: smoothed rows to mix, and where the raw label has mass. */
export interface UnifiedRows {
  rows: Float64Array;
  positive: Float64Array;
}

/**
 * Projects raw own-space rows [B, K_d] to U. Smoothing happens in the dataset's own space
 * (on = 1 − s + s/K_d, off = s/K_d), so it never puts mass on classes the dataset does not know.
 */
export function unifiedRows(alignment: LabelAlignment, dataset: string, raw: Float64Array, batchSize: number, smoothing: number): UnifiedRows {
  const k = alignment.spaceOf(dataset).size;
  const smoothed = smoothing > 0 ? raw.map((v) => v * (1 - smoothing) + smoothing / k) : raw;
  return {
    rows: alignment.projectRows(dataset, smoothed, batchSize),
    positive: alignment.projectRows(dataset, raw, batchSize),
  };
}

/**
 * Validity [B, |U|] of mixed samples. 'or': every class either dataset annotates (a class a
 * dataset does not annotate is taken as absent from its samples). The others count only the
 * datasets that contribute to sample i (a when λ_i > 0, b when λ_i < 1): 'and': classes every
 * contributor annotates; 'ignore-unlabeled': those plus the classes the (unsmoothed) label puts
 * mass on — a class one contributor does not annotate may hide in its part, so it is left out
 * unless the label asserts it.
 */
export function crossValidity(
  policy: ValidityPolicy,
  plan: MixPlan,
  validity: { a: readonly boolean[]; b: readonly boolean[] },
  positive: { a: Float64Array; b: Float64Array },
): Float32Array {
  const u = validity.a.length;
  const b = plan.lambda.length;
  const out = new Float32Array(b * u);
  for (let i = 0; i < b; i++) {
    const fromA = plan.lambda[i] > 0;
    const fromB = plan.lambda[i] < 1;
    const p = plan.partner[i];
    for (let c = 0; c < u; c++) {
      const inA = validity.a[c];
      const inB = validity.b[c];
      const all = (!fromA || inA) && (!fromB || inB);
      let valid: boolean;
      if (policy === 'or') valid = inA || inB;
      else if (policy === 'and') valid = all;
      else valid = all || (fromA && positive.a[i * u + c] > 0) || (fromB && positive.b[p * u + c] > 0);
      out[i * u + c] = valid ? 1 : 0;
    }
  }
  return out;
}
