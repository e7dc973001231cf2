import type { Rng } from '@mixzoo/core';
import { irfft2d } from './fft2d.js';
import { rankRange, topMask } from './mask-rank.js';
import { createWorkspace } from './workspace.js';

/** 1 / max(f, 1/max(H, W))^δ on the rfft2 grid (H × (⌊W/2⌋+1)); the last size asked is memoised. */
let lastScale: { key: string; scale: Float64Array } | undefined;

function spectrumScale(height: number, width: number, decayPower: number): Float64Array {
  const key = `${height}x${width}^${decayPower}`;
  if (lastScale?.key === key) return lastScale.scale;
  const half = (width >> 1) + 1;
  const floor = 1 / Math.max(height, width);
  const scale = new Float64Array(height * half);
  for (let r = 0; r < height; r++) {
    // numpy fftfreq(H): 0, 1, ..., ⌈H/2⌉−1, then the negative frequencies; rfftfreq(W): 0..⌊W/2⌋.
    const fy = (r < (height + 1) >> 1 ? r : r - height) / height;
    for (let c = 0; c < half; c++) {
      const fx = c / width;
      scale[r * half + c] = 1 / Math.max(Math.sqrt(fx * fx + fy * fy), floor) ** decayPower;
    }
  }
  lastScale = { key, scale };
  return scale;
}

/** The spectrum (real and imaginary planes) and, in sampleFmixMask, the grey image: reused per call. */
const spectrumSpace = createWorkspace();
const imageSpace = createWorkspace();

/**
 * FMix's grey-level low-frequency image: a complex Gaussian spectrum (real and imaginary parts
 * N(0, 1), row-major over the rfft2 grid) scaled by 1/f^δ, taken back to space by the real inverse
 * 2-D DFT of size H×W, and min/max-normalised to [0, 1] (a constant image gives zeros). Written
 * to `out` when given.
 */
export function lowFrequencyImage(rng: Rng, height: number, width: number, decayPower: number, out?: Float64Array): Float64Array {
  const scale = spectrumScale(height, width, decayPower);
  const planes = rng.normals(spectrumSpace(2 * scale.length));
  const re = planes.subarray(0, scale.length);
  const im = planes.subarray(scale.length);
  for (let k = 0; k < scale.length; k++) {
    re[k] *= scale[k];
    im[k] *= scale[k];
  }
  const g = irfft2d(re, im, height, width, out);
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < g.length; i++) {
    if (g[i] < min) min = g[i];
    if (g[i] > max) max = g[i];
  }
  const range = max - min;
  for (let i = 0; i < g.length; i++) g[i] = range > 0 ? (g[i] - min) / range : 0;
  return g;
}

/**
 * The official binarise_mask: the top ⌈λN⌉ or ⌊λN⌋ pixels of g (a fair coin from `rng` picks)
 * become 1 and the rest 0; with maxSoft > 0, the soft = ⌊N·min(maxSoft, λ, 1−λ)⌋ pixels either side
 * of that threshold get a linear ramp from 1 down to 0 in rank order. Also returns the mask's mean:
 * for a binary mask from the count of ones (a pass over 50k array values costs more than that),
 * for a soft one summed in pixel order, so that λ is exactly what a user summing the mask gets.
 */
export function binariseMask(g: Float64Array, lambda: number, maxSoft: number, rng: Rng): { mask: number[]; mean: number } {
  const n = g.length;
  const count = rng.uniform() > 0.5 ? Math.ceil(lambda * n) : Math.floor(lambda * n);
  const soft = Math.floor(n * Math.min(maxSoft, lambda, 1 - lambda));
  const low = Math.max(0, count - soft);
  const high = Math.min(n, count + soft);
  // A plain array, the plan's format, built directly (converting 50k doubles costs milliseconds).
  const mask = topMask(g, low);
  const ramp = rankRange(g, low, high);
  if (ramp.length === 0) return { mask, mean: low / n };
  // numpy's linspace(1, 0, m): both ends included; a single value is 1.
  ramp.forEach((pixel, j) => {
    mask[pixel] = ramp.length === 1 ? 1 : 1 - j / (ramp.length - 1);
  });
  let sum = 0;
  for (let i = 0; i < n; i++) sum += mask[i];
  return { mask, mean: sum / n };
}

/** One FMix mask (1 = own pixel) for a given λ, and its mean, the λ actually applied. */
export function sampleFmixMask(
  rng: Rng,
  height: number,
  width: number,
  lambda: number,
  options: { decayPower: number; maxSoft: number },
): { mask: number[]; mean: number } {
  const g = lowFrequencyImage(rng, height, width, options.decayPower, imageSpace(height * width));
  return binariseMask(g, lambda, options.maxSoft, rng);
}
