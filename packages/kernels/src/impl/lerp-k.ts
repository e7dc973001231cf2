import type { KWayTable } from '../kway.js';
import type { Values } from './types.js';

// out_i = Σ_t w_t · b[index_t] over whole samples of `size` values. Terms are taken two at a
// time, so a sample costs ⌈k/2⌉ passes: the first pass writes, later ones accumulate. A lone
// term of weight 1 is a plain copy; zero-weight terms are skipped; nothing is allocated. The
// inner loops are unrolled ×4 (fewer loop and bounds-check overheads per element in V8).

function write2(out: Float32Array, o: number, b: Values, j: number, w: number, k: number, v: number, size: number): void {
  let p = o;
  const end = o + size;
  for (const end4 = end - 3; p < end4; p += 4, j += 4, k += 4) {
    out[p] = w * b[j] + v * b[k];
    out[p + 1] = w * b[j + 1] + v * b[k + 1];
    out[p + 2] = w * b[j + 2] + v * b[k + 2];
    out[p + 3] = w * b[j + 3] + v * b[k + 3];
  }
  for (; p < end; p++, j++, k++) out[p] = w * b[j] + v * b[k];
}

function add2(out: Float32Array, o: number, b: Values, j: number, w: number, k: number, v: number, size: number): void {
  let p = o;
  const end = o + size;
  for (const end4 = end - 3; p < end4; p += 4, j += 4, k += 4) {
    out[p] += w * b[j] + v * b[k];
    out[p + 1] += w * b[j + 1] + v * b[k + 1];
    out[p + 2] += w * b[j + 2] + v * b[k + 2];
    out[p + 3] += w * b[j + 3] + v * b[k + 3];
  }
  for (; p < end; p++, j++, k++) out[p] += w * b[j] + v * b[k];
}

function add1(out: Float32Array, o: number, b: Values, j: number, w: number, size: number): void {
  let p = o;
  const end = o + size;
  for (const end4 = end - 3; p < end4; p += 4, j += 4) {
    out[p] += w * b[j];
    out[p + 1] += w * b[j + 1];
    out[p + 2] += w * b[j + 2];
    out[p + 3] += w * b[j + 3];
  }
  for (; p < end; p++, j++) out[p] += w * b[j];
}

/** The last, unpaired term: a copy (weight 1, nothing before it), a scaled copy, or an accumulation. */
function write1(out: Float32Array, o: number, b: Values, j: number, w: number, size: number, first: boolean): void {
  if (!first) add1(out, o, b, j, w, size);
  else if (w === 1) out.set(b.subarray(j, j + size), o);
  else for (let p = o, end = o + size; p < end; p++, j++) out[p] = w * b[j];
}

/**
 * The steps of one k-way sample, `o` and `j`/`k` being first value indices of the output and of
 * the terms' partner samples: `pair` (write or accumulate two terms), `single` (a last, unpaired
 * term; `first` = nothing was written before it).
 */
export interface KWaySteps {
  pair(o: number, j: number, w: number, k: number, v: number, first: boolean): void;
  single(o: number, j: number, w: number, first: boolean): void;
}

/** Walks every sample's non-zero terms two at a time (the schedule described above). */
export function eachKWayStep(table: KWayTable, size: number, steps: KWaySteps): void {
  const { starts, index, weight } = table;
  for (let i = 0, o = 0; i + 1 < starts.length; i++, o += size) {
    let first = true;
    let pending = -1; // a non-zero term waiting for a partner term
    for (let t = starts[i]; t < starts[i + 1]; t++) {
      if (weight[t] === 0) continue;
      if (pending < 0) {
        pending = t;
        continue;
      }
      steps.pair(o, index[pending] * size, weight[pending], index[t] * size, weight[t], first);
      first = false;
      pending = -1;
    }
    if (pending >= 0) steps.single(o, index[pending] * size, weight[pending], first);
  }
}

export function lerpK(out: Float32Array, b: Values, table: KWayTable, size: number): void {
  eachKWayStep(table, size, {
    pair: (o, j, w, k, v, first) => (first ? write2 : add2)(out, o, b, j, w, k, v, size),
    single: (o, j, w, first) => write1(out, o, b, j, w, size, first),
  });
}
