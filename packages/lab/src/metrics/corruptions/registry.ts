import { createRng, describeValue, MixzooError, type KernelOps, type Seed } from '@mixzoo/core';
import { gaussianBlur } from './blur.js';
import type { Corruption, ImageArray } from './corruption.js';
import { occlusion, rotation, translation } from './geometric.js';
import { impulseNoise, shotNoise } from './noise.js';
import { brightness, contrast } from './photometric.js';

/** The robustness suite, in report order: noise, blur, photometric, geometric. */
export const CORRUPTIONS: readonly Corruption[] = [shotNoise, impulseNoise, gaussianBlur, contrast, brightness, rotation, translation, occlusion];

export const CORRUPTION_NAMES: readonly string[] = CORRUPTIONS.map((c) => c.name);

export const SEVERITIES: readonly number[] = [1, 2, 3, 4, 5];

export function getCorruption(name: string, where = 'corrupt'): Corruption {
  const corruption = CORRUPTIONS.find((c) => c.name === name);
  if (!corruption) throw new MixzooError('E_OPTION', `${where}: unknown corruption ${describeValue(name)}; expected one of ${CORRUPTION_NAMES.join(', ')}.`);
  return corruption;
}

/**
 * `images` under a corruption at a severity (1..5): a new array, values in [0, 1]. The draws come
 * from the stream 'corruption:<name>:<severity>' of `seed`, sample by sample in order: the same
 * seed gives the same corrupted images, whichever model is evaluated on them.
 */
export function corruptImages(images: ImageArray, name: string, severity: number, seed: Seed, kernels: KernelOps): Float32Array {
  const corruption = getCorruption(name);
  if (!SEVERITIES.includes(severity)) throw new MixzooError('E_OPTION', `corrupt: 'severity' must be an integer from 1 to 5, got ${describeValue(severity)}.`);
  const { x, count, height, width, channels } = images;
  if (![count, height, width, channels].every((n) => Number.isInteger(n) && n >= 1) || x.length !== count * height * width * channels) {
    throw new MixzooError('E_SHAPE', `corrupt: expected ${count}×${height}×${width}×${channels} values (NHWC images), got ${x.length}.`);
  }
  const rng = createRng(seed).stream(`corruption:${name}:${severity}`);
  return corruption.apply(images, { constant: corruption.constants[severity - 1], rng, kernels });
}
