import type { KWayTable } from '../kway.js';
import type { Values } from './types.js';

// out_i = Σ_t w_t · b[index_t] over whole samples of `size` values. The first non-zero term
// writes the sample (a plain copy when its weight is 1), every further term accumulates, so a
// sample costs one pass per term and nothing is allocated. Zero-weight terms are skipped.
export function lerpK(out: Float32Array, b: Values, table: KWayTable, size: number): void {
  const { starts, index, weight } = table;
  for (let i = 0, o = 0; i + 1 < starts.length; i++, o += size) {
    const end = o + size;
    let first = true;
    for (let t = starts[i]; t < starts[i + 1]; t++) {
      const w = weight[t];
      if (w === 0) continue;
      const j = index[t] * size;
      if (first && w === 1) out.set(b.subarray(j, j + size), o);
      else if (first) for (let p = o, q = j; p < end; p++, q++) out[p] = w * b[q];
      else for (let p = o, q = j; p < end; p++, q++) out[p] += w * b[q];
      first = false;
    }
  }
}
