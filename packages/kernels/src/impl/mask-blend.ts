import type { Values } from './types.js';

/** Geometry of an NHWC batch and its mask: `pixels` = H*W, `channels` = C, `shared` = one mask for all. */
export interface MaskGeometry {
  pixels: number;
  channels: number;
  shared: boolean;
}

// Runs shorter than this are copied element by element: a subarray + set costs more than the copy.
const SHORT_RUN = 16;

function copyRun(out: Float32Array, src: Values, to: number, from: number, n: number): void {
  if (n < SHORT_RUN) for (let k = 0; k < n; k++) out[to + k] = src[from + k];
  else out.set(src.subarray(from, from + n), to);
}

// out = m * a_i + (1 - m) * b_partner(i), m broadcast over channels. The mask row is walked as
// runs: a run of 1s copies own pixels and a run of 0s partner pixels with one memcpy each (masks
// are spatially coherent: boxes, low-frequency FMix, grids), only soft runs blend per value.
export function maskBlendF32(
  out: Float32Array, a: Values, b: Values, partner: Int32Array, mask: Float32Array, g: MaskGeometry,
): void {
  const { pixels, channels } = g;
  const size = pixels * channels;
  for (let i = 0, o = 0; i < partner.length; i++, o += size) {
    const j = partner[i] * size;
    const mo = g.shared ? 0 : i * pixels;
    for (let p = 0; p < pixels; ) {
      const m = mask[mo + p];
      let e = p + 1;
      if (m === 1 || m === 0) {
        while (e < pixels && mask[mo + e] === m) e++;
        copyRun(out, m === 1 ? a : b, o + p * channels, (m === 1 ? o : j) + p * channels, (e - p) * channels);
      } else {
        while (e < pixels && mask[mo + e] !== 0 && mask[mo + e] !== 1) e++;
        for (let q = p; q < e; q++) {
          const w = mask[mo + q];
          const n = 1 - w;
          const po = o + q * channels;
          const qo = j + q * channels;
          for (let c = 0; c < channels; c++) out[po + c] = w * a[po + c] + n * b[qo + c];
        }
      }
      p = e;
    }
  }
}

/** Binary mask on integer data: a per-pixel select, the output keeps int32. */
export function maskSelect(out: Values, a: Values, b: Values, partner: Int32Array, mask: Float32Array, g: MaskGeometry): void {
  const { pixels, channels } = g;
  const size = pixels * channels;
  for (let i = 0, o = 0; i < partner.length; i++, o += size) {
    const j = partner[i] * size;
    const mo = g.shared ? 0 : i * pixels;
    for (let p = 0; p < pixels; p++) {
      const src = mask[mo + p] === 1 ? a : b;
      const so = (mask[mo + p] === 1 ? o : j) + p * channels;
      const po = o + p * channels;
      for (let c = 0; c < channels; c++) out[po + c] = src[so + c];
    }
  }
}
