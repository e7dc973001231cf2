import * as tf from '@tensorflow/tfjs-core';
import { AUGMENT_PLAN_VERSION, createAugmenter } from '@mixzoo/augment';
import type { KernelOps } from '@mixzoo/core';
import { clip01, type Corruption, type ImageArray } from './corruption.js';

/** Images per tensor batch of the geometric corruptions. */
const CHUNK = 256;

/**
 * Applies one @mixzoo/augment step with the given per-sample params (a plan written here, not
 * drawn by the augmenter): the corruptions reuse the augmentations' geometry and border handling.
 */
function applyAugmentation(image: ImageArray, name: string, options: Record<string, unknown>, params: Record<string, unknown>[], kernels: KernelOps): Float32Array {
  const { count, height, width, channels } = image;
  const augmenter = createAugmenter([{ name, options }], { kernels });
  const size = height * width * channels;
  const out = new Float32Array(image.x.length);
  for (let start = 0; start < count; start += CHUNK) {
    const n = Math.min(CHUNK, count - start);
    const inputs = tf.tensor4d(image.x.subarray(start * size, (start + n) * size), [n, height, width, channels]);
    try {
      const plan = { augmentation: name, version: AUGMENT_PLAN_VERSION, height, width, params: params.slice(start, start + n) };
      const result = augmenter.apply({ inputs }, [plan]);
      out.set(result.inputs.dataSync(), start * size);
      result.inputs.dispose();
    } finally {
      inputs.dispose();
    }
  }
  for (let i = 0; i < out.length; i++) out[i] = clip01(out[i]); // bilinear weights may sum to 1 ± ε
  return out;
}

/** −1 or +1 with equal odds. */
const sign = (rng: { uniform(): number }) => (rng.uniform() < 0.5 ? -1 : 1);

/** MNIST-C's shifts are pixels of a 28-px digit: other sizes get them in proportion. */
const MNIST_SIDE = 28;

/**
 * Rotation by ±c radians (sign drawn per sample) about the image centre ((W − 1)/2, (H − 1)/2),
 * bilinear, zero outside the image: MNIST-C `rotate` (skimage warp, order 1, constant 0). Applied
 * by the `rotate` augmentation.
 */
export const rotation: Corruption = {
  name: 'rotation',
  constants: [0.2, 0.4, 0.6, 0.8, 1],
  unit: 'radians (≈ 11°, 23°, 34°, 46°, 57°), either direction',
  source: 'google-research/mnist-c corruptions.py rotate',
  apply(image, { constant, rng, kernels }) {
    const degrees = (constant * 180) / Math.PI;
    const params = Array.from({ length: image.count }, () => ({ angle: sign(rng) * degrees }));
    return applyAugmentation(image, 'rotate', { degrees: 180, interpolation: 'bilinear', fillMode: 'constant', fill: 0 }, params, kernels);
  },
};

/**
 * Translation by c pixels along each axis, each sign drawn per sample (MNIST-C `translate`: the
 * four diagonal shifts), zeros shifted in. c is for 28-px images: round(c·H/28) and round(c·W/28)
 * pixels for others. Applied by the `translate` augmentation.
 */
export const translation: Corruption = {
  name: 'translation',
  constants: [1, 2, 3, 4, 5],
  unit: 'pixels per axis (28-px images)',
  source: 'google-research/mnist-c corruptions.py translate',
  apply(image, { constant, rng, kernels }) {
    const dy = Math.round((constant * image.height) / MNIST_SIDE);
    const dx = Math.round((constant * image.width) / MNIST_SIDE);
    const params = Array.from({ length: image.count }, () => ({ dy: sign(rng) * dy, dx: sign(rng) * dx }));
    return applyAugmentation(image, 'translate', { max: 1, paddingMode: 'constant', fill: 0 }, params, kernels);
  },
};

/**
 * Random occlusion: one square of side round(c·min(H, W)), set to 0, placed uniformly so that it
 * lies wholly inside the image (the erased area grows with c, unlike Cutout's clipped boxes).
 * The box is Cutout's (DeVries & Taylor, 2017: zeros, one square); the sides are this suite's
 * own, neither ImageNet-C nor MNIST-C occludes. Applied by the `cutout` augmentation.
 */
export const occlusion: Corruption = {
  name: 'occlusion',
  constants: [0.2, 0.3, 0.4, 0.5, 0.6],
  unit: 'side of the square box, fraction of the shorter image side',
  source: 'Cutout (DeVries & Taylor, 2017) box; severities chosen here',
  apply(image, { constant, rng, kernels }) {
    const { height, width } = image;
    const side = Math.max(1, Math.round(constant * Math.min(height, width)));
    const params = Array.from({ length: image.count }, () => {
      const y0 = rng.int(height - side + 1);
      const x0 = rng.int(width - side + 1);
      return { boxes: [{ y0, x0, y1: y0 + side, x1: x0 + side }] };
    });
    return applyAugmentation(image, 'cutout', { size: constant, holes: 1, fill: 0 }, params, kernels);
  },
};
