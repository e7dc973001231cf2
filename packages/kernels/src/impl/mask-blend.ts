import type { Values } from './types.js';

/** Geometry of an NHWC batch and its mask: `pixels` = H*W, `channels` = C, `shared` = one mask for all. */
export interface MaskGeometry {
  pixels: number;
  channels: number;
  shared: boolean;
}

// out = m * a_i + (1 - m) * b_partner(i), m broadcast over channels. Per pixel, m = 1 and m = 0
// copy (exact, and the common case for hard masks); soft values blend.
export function maskBlendF32(
  out: Float32Array, a: Values, b: Values, partner: Int32Array, mask: Float32Array, g: MaskGeometry,
): void {
  const { pixels, channels } = g;
  const size = pixels * channels;
  for (let i = 0, o = 0; i < partner.length; i++, o += size) {
    const j = partner[i] * size;
    const mo = g.shared ? 0 : i * pixels;
    for (let p = 0; p < pixels; p++) {
      const m = mask[mo + p];
      const po = o + p * channels;
      const qo = j + p * channels;
      if (m === 1) for (let c = 0; c < channels; c++) out[po + c] = a[po + c];
      else if (m === 0) for (let c = 0; c < channels; c++) out[po + c] = b[qo + c];
      else {
        const n = 1 - m;
        for (let c = 0; c < channels; c++) out[po + c] = m * a[po + c] + n * b[qo + c];
      }
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
