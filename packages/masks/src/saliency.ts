import { MixzooError } from '@mixzoo/core';
import { fft2d, ifft2d } from './fft/fft2d.js';
import { convolveSeparable, gaussianKernel, resizeBilinear } from './saliency-image.js';

/**
 * A saliency map of one image: `image` is H×W×C (HWC, row-major) float pixels, the result H×W
 * values where larger = more salient. SaliencyMix centres its box on the first maximum.
 */
export type SaliencyProvider = (image: Float32Array, height: number, width: number, channels: number) => Float32Array;

/** Hou & Zhang's working resolution: the map is computed on a 64×64 resize of the image. */
const WORK = 64;
/** Hou & Zhang's smoothing of the squared magnitude (MATLAB fspecial('gaussian', 10, 2.5)). */
const BLUR = gaussianKernel(2.5);
const MEAN3 = [1 / 3, 1 / 3, 1 / 3];
/**
 * The local mean is taken over log(A + ε), ε = 1% of the mean amplitude: synthetic images (flat
 * areas, aligned squares) have exact spectral zeros whose log would blow up their neighbours.
 */
const EPSILON = 1e-2;

/**
 * Spectral residual saliency (Hou & Zhang, CVPR 2007): grayscale (channel mean) resized to 64×64;
 * log amplitude of its 2-D DFT minus its 3×3 mean (borders replicated, as their MATLAB code),
 * recombined with the phase, back to space, squared magnitude, Gaussian blur (σ = 2.5, borders
 * replicated), resized back to H×W (bilinear, half-pixel centres).
 */
export const spectralResidualSaliency: SaliencyProvider = (image, height, width, channels) => {
  const gray = new Float64Array(height * width);
  for (let p = 0; p < gray.length; p++) {
    let sum = 0;
    for (let c = 0; c < channels; c++) sum += image[p * channels + c];
    gray[p] = sum / channels;
  }
  const re = resizeBilinear(gray, height, width, WORK, WORK);
  const im = new Float64Array(WORK * WORK);
  fft2d(re, im, WORK, WORK);
  const amplitude = re.map((r, k) => Math.hypot(r, im[k]));
  const epsilon = EPSILON * (amplitude.reduce((s, a) => s + a, 0) / amplitude.length);
  // An all-zero image has an all-zero spectrum: nothing stands out.
  if (epsilon === 0) return new Float32Array(height * width);
  const mean = convolveSeparable(amplitude.map((a) => Math.log(a + epsilon)), WORK, WORK, MEAN3);
  // exp(log A − mean + i·phase) = F · exp(−mean): zero bins stay zero.
  for (let k = 0; k < re.length; k++) {
    const scale = Math.exp(-mean[k]);
    re[k] *= scale;
    im[k] *= scale;
  }
  ifft2d(re, im, WORK, WORK);
  const power = re.map((r, k) => r * r + im[k] * im[k]);
  return Float32Array.from(resizeBilinear(convolveSeparable(power, WORK, WORK, BLUR), WORK, WORK, height, width));
};

/** The (row, column) of the first maximum of a provider's map; the map is checked. */
export function saliencyPeak(where: string, provider: SaliencyProvider, image: Float32Array, height: number, width: number, channels: number): { cy: number; cx: number } {
  const map = provider(image, height, width, channels);
  if (!(map instanceof Float32Array) || map.length !== height * width) {
    throw new MixzooError('E_PLUGIN', `${where}: the saliency provider must return a Float32Array of H×W = ${height * width} values, got ${map instanceof Float32Array ? `${map.length} values` : typeof map}.`);
  }
  let best = -1;
  for (let p = 0; p < map.length; p++) {
    if (Number.isFinite(map[p]) && (best < 0 || map[p] > map[best])) best = p;
  }
  if (best < 0) throw new MixzooError('E_PLUGIN', `${where}: the saliency provider returned no finite value.`);
  return { cy: Math.floor(best / width), cx: best % width };
}
