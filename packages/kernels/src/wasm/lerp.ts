import type { HeapKernels } from './instance.js';

/** Where one kernel call's tensors live on the heap (byte offsets) and what their inputs hold. */
export interface HeapCall {
  out: number;
  a: number;
  b: number;
  /** The inputs are int32 (converted to float32 on the fly), else float32. */
  int: boolean;
}

/** mixLerp in place: out_i = l_i·a_i + (1 − l_i)·b_partner(i); λ = 1 and λ = 0 are copies. */
export function heapLerp(k: HeapKernels, c: HeapCall, partner: Int32Array, lambda: Float64Array, size: number): void {
  const bytes = size * 4;
  const lerp = c.int ? k.lerp_i32_set : k.lerp_f32_set;
  for (let i = 0; i < partner.length; i++) {
    const l = lambda[i];
    const o = c.out + i * bytes;
    if (l === 1 || l === 0) heapCopy(k, c.int, o, l === 1 ? c.a + i * bytes : c.b + partner[i] * bytes, size);
    else lerp(o, c.a + i * bytes, c.b + partner[i] * bytes, size, l, 1 - l);
  }
}

/** Copies n values into a float32 output: a memcpy for float32 inputs, an exact conversion for int32. */
export function heapCopy(k: HeapKernels, int: boolean, out: number, from: number, n: number): void {
  if (int) k.scale_i32_set(out, from, n, 1);
  else k.copy(out, from, n * 4);
}
