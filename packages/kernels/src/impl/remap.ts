import { foldIndex, MAP_FIELDS } from '../remap.js';
import type { ImageGeometry } from './paste.js';
import type { Values } from './types.js';

// One pass over the output: every output pixel is written once, either copied from its source
// pixel or set to the fill value. Per sample, the source column (straight maps) or source row
// (transposed maps) of every output column is tabulated once in `table` (length W, allocated
// once per call). Straight maps with x' = c + dx copy the in-image run of each row with
// TypedArray.set (memcpy speed); only the border columns and mirrored rows go pixel by pixel.
export function remapImages(
  out: Values, a: Values, maps: Int32Array, g: ImageGeometry, border: number, fill: number, table: Int32Array,
): void {
  const { height: H, width: W, channels: C } = g;
  const row = W * C;
  const size = H * row;
  const batch = maps.length / MAP_FIELDS;
  for (let i = 0; i < batch; i++) {
    const f = i * MAP_FIELDS;
    const ya = maps[f];
    const yb = maps[f + 1];
    const yt = maps[f + 2];
    const xa = maps[f + 3];
    const xb = maps[f + 4];
    const xt = maps[f + 5];
    const base = i * size;
    if (yb === 0) {
      // Straight: source row from the output row, source column from the output column.
      for (let c = 0; c < W; c++) table[c] = foldIndex(xb * c + xt, W, border);
      const c0 = xb === 1 ? Math.min(W, Math.max(0, -xt)) : W;
      const c1 = xb === 1 ? Math.max(c0, Math.min(W, W - xt)) : W;
      for (let r = 0; r < H; r++) {
        const d = base + r * row;
        const sy = foldIndex(ya * r + yt, H, border);
        if (sy < 0) {
          out.fill(fill, d, d + row);
          continue;
        }
        const s = base + sy * row;
        if (c1 > c0) out.set(a.subarray(s + (c0 + xt) * C, s + (c1 + xt) * C), d + c0 * C);
        for (let c = 0; c < W; c++) {
          if (c === c0 && c1 > c0) c = c1;
          if (c >= W) break;
          const sx = table[c];
          const o = d + c * C;
          if (sx < 0) for (let k = 0; k < C; k++) out[o + k] = fill;
          else for (let k = 0, q = s + sx * C; k < C; k++) out[o + k] = a[q + k];
        }
      }
    } else {
      // Transposed: source row from the output column, source column from the output row.
      for (let c = 0; c < W; c++) table[c] = foldIndex(yb * c + yt, H, border);
      for (let r = 0; r < H; r++) {
        const d = base + r * row;
        const sx = foldIndex(xa * r + xt, W, border);
        if (sx < 0) {
          out.fill(fill, d, d + row);
          continue;
        }
        for (let c = 0; c < W; c++) {
          const sy = table[c];
          const o = d + c * C;
          if (sy < 0) for (let k = 0; k < C; k++) out[o + k] = fill;
          else for (let k = 0, q = base + sy * row + sx * C; k < C; k++) out[o + k] = a[q + k];
        }
      }
    }
  }
}
