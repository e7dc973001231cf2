import { clip01, type Corruption, type ImageArray } from './corruption.js';

/** Normalised Gaussian weights on −r..r, r = round(4σ) (scipy.ndimage.gaussian_filter's truncate = 4). */
export function gaussianKernel(sigma: number): Float64Array {
  const radius = Math.max(1, Math.floor(4 * sigma + 0.5));
  const weights = new Float64Array(2 * radius + 1);
  let sum = 0;
  for (let k = -radius; k <= radius; k++) sum += weights[k + radius] = Math.exp((-0.5 * k * k) / (sigma * sigma));
  for (let k = 0; k < weights.length; k++) weights[k] /= sum;
  return weights;
}

/** One 1-D pass along columns (vertical) or rows, borders repeating the edge pixel (mode 'nearest'). */
function pass(src: Float32Array, dst: Float32Array, image: ImageArray, weights: Float64Array, vertical: boolean): void {
  const { count, height, width, channels } = image;
  const radius = (weights.length - 1) / 2;
  const along = vertical ? height : width;
  const step = vertical ? width * channels : channels; // values between neighbours along the pass
  for (let n = 0; n < count; n++) {
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) {
        const at = vertical ? y : x;
        const first = ((n * height + y) * width + x) * channels - at * step; // the line's pixel 0
        for (let c = 0; c < channels; c++) {
          let sum = 0;
          for (let k = -radius; k <= radius; k++) sum += weights[k + radius] * src[first + Math.min(along - 1, Math.max(0, at + k)) * step + c];
          dst[first + at * step + c] = sum;
        }
      }
    }
  }
}

/**
 * Gaussian blur of standard deviation σ pixels, separable, edge pixels repeated (skimage
 * filters.gaussian as ImageNet-C calls it). The constants are CIFAR-10-C's (32-px images): the
 * ImageNet-C σs of 1–6 px, made for 224 px, leave a 28-px digit a blob from severity 3 on.
 */
export const gaussianBlur: Corruption = {
  name: 'gaussian-blur',
  constants: [0.4, 0.6, 0.7, 0.8, 1],
  unit: 'σ in pixels',
  source: 'hendrycks/robustness make_cifar_c.py gaussian_blur (CIFAR-10-C); ImageNet-C corruptions.py uses [1, 2, 3, 4, 6] for 224-px images',
  apply(image, { constant }) {
    const weights = gaussianKernel(constant);
    const rows = new Float32Array(image.x.length);
    const out = new Float32Array(image.x.length);
    pass(image.x, rows, image, weights, false);
    pass(rows, out, image, weights, true);
    for (let i = 0; i < out.length; i++) out[i] = clip01(out[i]);
    return out;
  },
};
