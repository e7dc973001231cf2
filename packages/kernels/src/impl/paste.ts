import { PATCH_FIELDS, type PatchTable } from '../patches.js';
import type { Values } from './types.js';

/** NHWC geometry of one image: height, width, channels. */
export interface ImageGeometry {
  height: number;
  width: number;
  channels: number;
}

// Output = copy of `a`, then each patch's rows copied from `b` with TypedArray.set on subarrays
// (memcpy speed). A full-width patch is one contiguous block: a single copy.
export function pastePatchRows(out: Values, a: Values, b: Values, table: PatchTable, g: ImageGeometry): void {
  const row = g.width * g.channels;
  const size = g.height * row;
  out.set(a);
  const { starts, recs } = table;
  for (let i = 0; i + 1 < starts.length; i++) {
    for (let k = starts[i]; k < starts[i + 1]; k++) {
      const r = k * PATCH_FIELDS;
      const src = recs[r] * size;
      const y0 = recs[r + 1];
      const x0 = recs[r + 2];
      const y1 = recs[r + 3];
      const x1 = recs[r + 4];
      const fy = recs[r + 5];
      const fx = recs[r + 6];
      const len = (x1 - x0) * g.channels;
      let s = src + fy * row + fx * g.channels;
      let d = i * size + y0 * row + x0 * g.channels;
      if (len === row) {
        out.set(b.subarray(s, s + (y1 - y0) * row), d);
        continue;
      }
      for (let y = y0; y < y1; y++, s += row, d += row) out.set(b.subarray(s, s + len), d);
    }
  }
}
