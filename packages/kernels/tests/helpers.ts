// Test helpers: seeded data (never Math.random), plain-JS float64 reference implementations
// of every op, written independently of the kernels, and comparison helpers.
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect } from 'vitest';
import type { Box } from '@mixzoo/core';
import { registerNoFusedBackend, type IndexMap, type Patch } from '@mixzoo/kernels';
import { expectClose, sizeOf } from '../../../test/helpers/tensors.js';

export { prng } from '../../../test/helpers/prng.js';
export { expectClose, expectMixzooError, guardInputs, sizeOf } from '../../../test/helpers/tensors.js';

export function randomFloats(n: number, next: () => number): Float32Array {
  return Float32Array.from({ length: n }, () => next() * 2 - 1);
}

export function randomInts(n: number, next: () => number, max = 10): Int32Array {
  return Int32Array.from({ length: n }, () => Math.floor(next() * max));
}

export function randomIndices(n: number, bound: number, next: () => number): number[] {
  return Array.from({ length: n }, () => Math.floor(next() * bound));
}

/** λ values with the exact ends 0 and 1 mixed in. */
export function randomLambda(n: number, next: () => number): number[] {
  return Array.from({ length: n }, (_, i) => (i % 3 === 0 ? i % 2 : next()));
}

/** Soft mask values with exact 0 and 1 mixed in (1/3 each). */
export function randomMask(n: number, next: () => number, binary = false): Float32Array {
  return Float32Array.from({ length: n }, () => {
    const u = next();
    if (binary) return u < 0.5 ? 0 : 1;
    return u < 1 / 3 ? 0 : u < 2 / 3 ? 1 : next();
  });
}

/** A random box inside H×W (may be empty, may touch the borders). */
export function randomBox(height: number, width: number, next: () => number): Box {
  const ys = [Math.floor(next() * (height + 1)), Math.floor(next() * (height + 1))].sort((a, b) => a - b);
  const xs = [Math.floor(next() * (width + 1)), Math.floor(next() * (width + 1))].sort((a, b) => a - b);
  return { y0: ys[0], y1: ys[1], x0: xs[0], x1: xs[1] };
}

// ---------- references (float64, index arithmetic spelled out) ----------

export function refLerp(x: ArrayLike<number>, xb: ArrayLike<number>, shape: readonly number[], partner: readonly number[], lambda: readonly number[]): Float64Array {
  const size = sizeOf(shape.slice(1));
  const out = new Float64Array(shape[0] * size);
  for (let i = 0; i < shape[0]; i++) {
    for (let k = 0; k < size; k++) out[i * size + k] = lambda[i] * x[i * size + k] + (1 - lambda[i]) * xb[partner[i] * size + k];
  }
  return out;
}

export function refMaskBlend(
  x: ArrayLike<number>, xb: ArrayLike<number>, shape: readonly number[], partner: readonly number[], mask: ArrayLike<number>, shared: boolean,
): Float64Array {
  const [b, h, w, c] = shape;
  const out = new Float64Array(sizeOf(shape));
  for (let i = 0; i < b; i++) {
    for (let y = 0; y < h; y++) {
      for (let xx = 0; xx < w; xx++) {
        const m = mask[(shared ? 0 : i) * h * w + y * w + xx];
        for (let ch = 0; ch < c; ch++) {
          const own = ((i * h + y) * w + xx) * c + ch;
          const other = ((partner[i] * h + y) * w + xx) * c + ch;
          out[own] = m * x[own] + (1 - m) * xb[other];
        }
      }
    }
  }
  return out;
}

export function refPastePatches(
  x: ArrayLike<number>, xb: ArrayLike<number>, shape: readonly number[], patches: readonly (readonly Patch[])[],
): Float64Array {
  const [b, h, w, c] = shape;
  const out = Float64Array.from(x);
  for (let i = 0; i < b; i++) {
    for (const p of patches[i]) {
      const fy = p.from?.y ?? p.box.y0;
      const fx = p.from?.x ?? p.box.x0;
      for (let y = p.box.y0; y < p.box.y1; y++) {
        for (let xx = p.box.x0; xx < p.box.x1; xx++) {
          for (let ch = 0; ch < c; ch++) {
            const sy = fy + (y - p.box.y0);
            const sx = fx + (xx - p.box.x0);
            out[((i * h + y) * w + xx) * c + ch] = xb[((p.source * h + sy) * w + sx) * c + ch];
          }
        }
      }
    }
  }
  return out;
}

export function refPasteBoxes(
  x: ArrayLike<number>, xb: ArrayLike<number>, shape: readonly number[], partner: readonly number[], boxes: readonly (Box | null)[],
): Float64Array {
  return refPastePatches(x, xb, shape, boxes.map((box, i) => (box ? [{ source: partner[i], box }] : [])));
}

/**
 * Bilinear resize of one H×W×C image to h×w, half-pixel centres, align-corners false, written
 * with the textbook formula: source coordinate s = (r + 0.5)·H/h − 0.5 clamped to [0, H−1],
 * weights (1 − frac, frac) between floor(s) and floor(s)+1 (clamped).
 */
export function refResizeBilinear(img: ArrayLike<number>, height: number, width: number, channels: number, h: number, w: number): Float64Array {
  const out = new Float64Array(h * w * channels);
  const tap = (k: number, outN: number, inN: number): [number, number, number] => {
    const s = Math.min(inN - 1, Math.max(0, (k + 0.5) * (inN / outN) - 0.5));
    const lo = Math.floor(s);
    return [lo, Math.min(inN - 1, lo + 1), s - lo];
  };
  for (let r = 0; r < h; r++) {
    const [y0, y1, fy] = tap(r, h, height);
    for (let c = 0; c < w; c++) {
      const [x0, x1, fx] = tap(c, w, width);
      for (let ch = 0; ch < channels; ch++) {
        const v = (y: number, x: number) => img[(y * width + x) * channels + ch];
        out[(r * w + c) * channels + ch] =
          (1 - fy) * ((1 - fx) * v(y0, x0) + fx * v(y0, x1)) + fy * ((1 - fx) * v(y1, x0) + fx * v(y1, x1));
      }
    }
  }
  return out;
}

/** Nearest neighbour, half-pixel centres: source index floor((r + 0.5)·H/h), clamped. */
export function refResizeNearest(img: ArrayLike<number>, height: number, width: number, channels: number, h: number, w: number): Float64Array {
  const out = new Float64Array(h * w * channels);
  for (let r = 0; r < h; r++) {
    const sy = Math.min(height - 1, Math.floor((r + 0.5) * (height / h)));
    for (let c = 0; c < w; c++) {
      const sx = Math.min(width - 1, Math.floor((c + 0.5) * (width / w)));
      for (let ch = 0; ch < channels; ch++) out[(r * w + c) * channels + ch] = img[(sy * width + sx) * channels + ch];
    }
  }
  return out;
}

export function refPasteResized(
  x: ArrayLike<number>, xb: ArrayLike<number>, shape: readonly number[], partner: readonly number[], boxes: readonly (Box | null)[], nearest: boolean,
): Float64Array {
  const [b, h, w, c] = shape;
  const out = Float64Array.from(x);
  const plane = h * w * c;
  for (let i = 0; i < b; i++) {
    const box = boxes[i];
    if (!box || box.y1 === box.y0 || box.x1 === box.x0) continue;
    const bh = box.y1 - box.y0;
    const bw = box.x1 - box.x0;
    const src = Array.prototype.slice.call(xb, partner[i] * plane, (partner[i] + 1) * plane) as number[];
    const resized = (nearest ? refResizeNearest : refResizeBilinear)(src, h, w, c, bh, bw);
    for (let y = 0; y < bh; y++) {
      for (let xx = 0; xx < bw; xx++) {
        for (let ch = 0; ch < c; ch++) out[((i * h + box.y0 + y) * w + box.x0 + xx) * c + ch] = resized[(y * bw + xx) * c + ch];
      }
    }
  }
  return out;
}

export function refLerpK(
  xb: ArrayLike<number>, shape: readonly number[], partners: readonly (readonly number[])[], weights: readonly (readonly number[])[],
): Float64Array {
  const size = sizeOf(shape.slice(1));
  const out = new Float64Array(shape[0] * size);
  for (let i = 0; i < shape[0]; i++) {
    partners[i].forEach((p, k) => {
      for (let e = 0; e < size; e++) out[i * size + e] += weights[i][k] * xb[p * size + e];
    });
  }
  return out;
}

/**
 * Source index of a border mode, by walking: reflect bounces off the edge pixels (…2 1 | 0 1 2 …
 * n−1 | n−2 …), edge clamps, constant gives -1.
 */
export function refFold(i: number, n: number, border: string): number {
  if (i >= 0 && i < n) return i;
  if (border === 'constant') return -1;
  if (border === 'edge') return Math.min(n - 1, Math.max(0, i));
  if (n === 1) return 0;
  let v = i;
  while (v < 0 || v >= n) v = v < 0 ? -v : 2 * (n - 1) - v;
  return v;
}

export function refRemap(
  x: ArrayLike<number>, shape: readonly number[], maps: readonly (IndexMap | null)[], border = 'constant', fill = 0,
): Float64Array {
  const [b, h, w, c] = shape;
  const out = new Float64Array(sizeOf(shape));
  for (let i = 0; i < b; i++) {
    const m = maps[i] ?? { y: [1, 0, 0], x: [0, 1, 0] };
    for (let r = 0; r < h; r++) {
      for (let col = 0; col < w; col++) {
        const sy = refFold(m.y[0] * r + m.y[1] * col + m.y[2], h, border);
        const sx = refFold(m.x[0] * r + m.x[1] * col + m.x[2], w, border);
        for (let ch = 0; ch < c; ch++) {
          out[((i * h + r) * w + col) * c + ch] = sy < 0 || sx < 0 ? fill : x[((i * h + sy) * w + sx) * c + ch];
        }
      }
    }
  }
  return out;
}

// ---------- per-backend setup and assertions ----------

/** The backends every op suite runs on: the two fused ones and cpu without fused kernels. */
export const BACKENDS = ['cpu', 'wasm', 'cpu-nofused'] as const;

/** Checks an op's output (shape, dtype, values) and disposes it. */
export function expectOutput(out: tf.Tensor, shape: readonly number[], dtype: string, expected: ArrayLike<number>, tol = 1e-6): void {
  expect(out.shape).toEqual(shape);
  expect(out.dtype).toBe(dtype);
  expectClose(out.dataSync(), expected, tol);
  out.dispose();
}

/** One describe block per backend of BACKENDS, titled `<title> on <backend>`, with that backend set first. */
export function describeOnBackends(title: string, body: (backend: (typeof BACKENDS)[number]) => void): void {
  describe.each(BACKENDS)(`${title} on %s`, (backend) => {
    beforeAll(async () => {
      registerNoFusedBackend();
      expect(await tf.setBackend(backend)).toBe(true);
    });
    body(backend);
  });
}
