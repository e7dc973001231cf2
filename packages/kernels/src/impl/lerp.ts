import type { Values } from './types.js';

// out_i = l_i * a_i + (1 - l_i) * b_partner(i) over whole samples of `size` values.
// Per sample the offsets and weights are computed once; the inner loop is a flat, branch-free
// multiply-add that V8 compiles to a tight loop. λ = 1 and λ = 0 are plain copies (memcpy).
// Two copies of the loop on purpose: keeping the float32 one monomorphic (only ever seeing
// Float32Array) keeps it fast even after int32 inputs went through the other one.

export function lerpF32(
  out: Float32Array, a: Float32Array, b: Float32Array, partner: Int32Array, lambda: Float64Array, size: number,
): void {
  for (let i = 0, o = 0; i < partner.length; i++, o += size) {
    const l = lambda[i];
    const j = partner[i] * size;
    if (l === 1) out.set(a.subarray(o, o + size), o);
    else if (l === 0) out.set(b.subarray(j, j + size), o);
    else {
      const m = 1 - l;
      const end = o + size;
      for (let p = o, q = j; p < end; p++, q++) out[p] = l * a[p] + m * b[q];
    }
  }
}

/** Same as lerpF32 for int32 (or mixed) inputs; the output is float32. */
export function lerpAny(out: Float32Array, a: Values, b: Values, partner: Int32Array, lambda: Float64Array, size: number): void {
  for (let i = 0, o = 0; i < partner.length; i++, o += size) {
    const l = lambda[i];
    const j = partner[i] * size;
    if (l === 1) out.set(a.subarray(o, o + size), o);
    else if (l === 0) out.set(b.subarray(j, j + size), o);
    else {
      const m = 1 - l;
      const end = o + size;
      for (let p = o, q = j; p < end; p++, q++) out[p] = l * a[p] + m * b[q];
    }
  }
}
