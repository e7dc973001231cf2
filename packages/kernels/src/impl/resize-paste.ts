import { boxAt } from '../validate.js';
import type { ImageGeometry } from './paste.js';
import type { Values } from './types.js';

// ResizeMix: the whole partner image (H×W) resized to the box (h×w) and written into the box.
// Sampling convention = tf.image.resizeBilinear(images, size, alignCorners=false,
// halfPixelCenters=true): output pixel r samples source row (r + 0.5) * H/h - 0.5, clamped to the
// image; the same arithmetic as tfjs's own cpu kernel, so the two agree to float rounding.
// Column positions are tabulated once per box in per-call scratch arrays (no per-sample allocation).

/** Scratch tables for one row of column lookups (allocated once per kernel call, sized W). */
export interface ColumnTables {
  left: Int32Array;
  right: Int32Array;
  frac: Float64Array;
}

export function columnTables(width: number): ColumnTables {
  return { left: new Int32Array(width), right: new Int32Array(width), frac: new Float64Array(width) };
}

/** One box to fill: the partner image's first index, the box's first output index, its size. */
interface Target {
  source: number;
  first: number;
  h: number;
  w: number;
}

/** Copies `a` into `out`, then calls `fill` for every sample that has a box. */
function eachBox(out: Values, a: Values, partner: Int32Array, boxes: Int32Array, g: ImageGeometry, fill: (target: Target) => void): void {
  const size = g.height * g.width * g.channels;
  out.set(a);
  for (let i = 0; i < partner.length; i++) {
    const box = boxAt(boxes, i);
    if (box === null) continue;
    const [y0, x0, y1, x1] = box;
    fill({ source: partner[i] * size, first: i * size + (y0 * g.width + x0) * g.channels, h: y1 - y0, w: x1 - x0 });
  }
}

export function pasteResizedBilinear(
  out: Float32Array, a: Float32Array, b: Float32Array, partner: Int32Array, boxes: Int32Array, g: ImageGeometry, t: ColumnTables,
): void {
  const { height: H, width: W, channels: C } = g;
  const row = W * C;
  eachBox(out, a, partner, boxes, g, ({ source, first, h, w }) => {
    const colRatio = W / w;
    for (let c = 0; c < w; c++) {
      const sx = colRatio * (c + 0.5) - 0.5;
      const lo = Math.max(0, Math.floor(sx));
      t.left[c] = lo * C;
      t.right[c] = Math.min(W - 1, Math.ceil(sx)) * C;
      t.frac[c] = sx - lo;
    }
    const rowRatio = H / h;
    for (let r = 0; r < h; r++) {
      const sy = rowRatio * (r + 0.5) - 0.5;
      const lo = Math.max(0, Math.floor(sy));
      const fy = sy - lo;
      const top = source + lo * row;
      const bottom = source + Math.min(H - 1, Math.ceil(sy)) * row;
      let d = first + r * row;
      for (let c = 0; c < w; c++) {
        const fx = t.frac[c];
        const l = t.left[c];
        const rt = t.right[c];
        for (let ch = 0; ch < C; ch++) {
          const tl = b[top + l + ch];
          const bl = b[bottom + l + ch];
          const up = tl + (b[top + rt + ch] - tl) * fx;
          const down = bl + (b[bottom + rt + ch] - bl) * fx;
          out[d++] = up + (down - up) * fy;
        }
      }
    }
  });
}

/**
 * Integer images (class maps): nearest neighbour with half-pixel centres, like
 * tf.image.resizeNearestNeighbor(alignCorners=false, halfPixelCenters=true): source row
 * min(H-1, floor((r + 0.5) * H/h)). Values are copied, never blended, so dtype stays int32.
 */
export function pasteResizedNearest(
  out: Values, a: Values, b: Values, partner: Int32Array, boxes: Int32Array, g: ImageGeometry, t: ColumnTables,
): void {
  const { height: H, width: W, channels: C } = g;
  const row = W * C;
  eachBox(out, a, partner, boxes, g, ({ source, first, h, w }) => {
    for (let c = 0; c < w; c++) t.left[c] = nearest(c, W / w, W) * C;
    for (let r = 0; r < h; r++) {
      const src = source + nearest(r, H / h, H) * row;
      let d = first + r * row;
      for (let c = 0; c < w; c++) {
        const s = src + t.left[c];
        for (let ch = 0; ch < C; ch++) out[d++] = b[s + ch];
      }
    }
  });
}

/** Nearest source index of output index `k` (half-pixel centres), as tfjs computes it. */
export function nearest(k: number, ratio: number, n: number): number {
  return Math.max(0, Math.min(n - 1, Math.floor(ratio * (k + 0.5))));
}
