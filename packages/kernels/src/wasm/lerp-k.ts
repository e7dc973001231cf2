import { eachKWayStep } from '../impl/lerp-k.js';
import type { KWayTable } from '../kway.js';
import type { HeapKernels } from './instance.js';
import { heapCopy, type HeapCall } from './lerp.js';

/** mixLerpK in place, on the same schedule as the JS loop (terms two at a time; `c.b` = the partner batch). */
export function heapLerpK(k: HeapKernels, c: Omit<HeapCall, 'a'>, table: KWayTable, size: number): void {
  const [write2, add2] = c.int ? [k.lerp_i32_set, k.lerp_i32_add] : [k.lerp_f32_set, k.lerp_f32_add];
  const [write1, add1] = c.int ? [k.scale_i32_set, k.scale_i32_add] : [k.scale_f32_set, k.scale_f32_add];
  // Value indices → byte offsets.
  const out = (o: number): number => c.out + o * 4;
  const src = (j: number): number => c.b + j * 4;
  eachKWayStep(table, size, {
    pair: (o, j, w, q, v, first) => (first ? write2 : add2)(out(o), src(j), src(q), size, w, v),
    single: (o, j, w, first) => {
      if (!first) add1(out(o), src(j), size, w);
      else if (w === 1) heapCopy(k, c.int, out(o), src(j), size);
      else write1(out(o), src(j), size, w);
    },
  });
}
