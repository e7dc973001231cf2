import { add, clipByValue, clone, tensor, tidy } from '@tensorflow/tfjs-core';
import { createRng } from '@mixzoo/core';
import { z } from 'zod';
import { augmentProb, defineAugmentation } from '../augmentation.js';
import { checkValueRange, denormalise, normalise, onlyActive, valueRangeOption } from '../photometric.js';

const SEEDS = 2 ** 32;

/**
 * Additive Gaussian noise, σ in units of the value range. The plan keeps one integer seed per
 * sample (not the noise): the noise is regenerated from it with mixzoo's seeded rng, so plans
 * stay small and replay exactly. Returns float32; clipped to `valueRange` when `clip`.
 */
export const gaussianNoise = defineAugmentation({
  name: 'gaussian-noise',
  family: 'noise',
  reference: 'torchvision.transforms.v2 GaussianNoise(mean=0, sigma=0.1, clip=True).',
  summary: 'Adds N(0, sigma²) noise to every value of each sample (sigma relative to the value range).',
  options: z.strictObject({
    sigma: z.number().min(0).default(0.1).describe('Standard deviation, as a fraction of the value range.'),
    clip: z.boolean().default(true).describe('Clip the result to the value range.'),
    valueRange: valueRangeOption(),
    prob: augmentProb(),
  }),
  geometric: false,
  setup: (options) => checkValueRange('gaussian-noise', options.valueRange),
  params: () => z.strictObject({ seed: z.int().min(0).max(SEEDS - 1) }),
  draw: ({ rng }) => ({ seed: rng.int(SEEDS) }),
  apply(x, params, { options }) {
    const size = x.size / Math.max(1, x.shape[0]);
    const noise = new Float32Array(x.size);
    params.forEach((p, i) => {
      if (p === null) return;
      const rng = createRng(p.seed);
      for (let e = i * size, end = e + size; e < end; e++) noise[e] = options.sigma * rng.normal();
    });
    return tidy(() => {
      const n = normalise(x, options.valueRange);
      if (params.every((p) => p === null)) return clone(denormalise(n, options.valueRange));
      const noisy = add(n, tensor(noise, x.shape, 'float32'));
      return onlyActive(x, denormalise(options.clip ? clipByValue(noisy, 0, 1) : noisy, options.valueRange), params);
    });
  },
});
