import { MixzooError } from '@mixzoo/core';
import { z } from 'zod';
import { augmentProb, defineAugmentation } from '../augmentation.js';
import { checkValueRange } from '../photometric.js';
import { applyOpChains } from '../ops/chain.js';
import { checkChannels, chainOptions } from '../ops/options.js';
import { stepSchema } from '../ops/steps.js';
import { drawTorchvisionOp, spaceBounds, type Space } from '../ops/torchvision-space.js';

/** torchvision RandAugment's magnitudes (its last bin): translations reach 150/331 of the side. */
const space = (bins: number): Space => ({ bins, shear: 0.3, rotate: 30, enhance: 0.9, posterizeSteps: 4, translate: (side) => (150 / 331) * side });

/**
 * RandAugment as torchvision v2 implements it: `numOps` ops per sample, each uniform (with
 * replacement) over 14, all at bin `magnitude` of `bins`; signed ops negated with probability
 * 1/2. Geometric ops move aligned targets too; photometric ones change the inputs only.
 */
export const randaugment = defineAugmentation({
  name: 'randaugment',
  family: 'randaugment',
  reference: 'Cubuk et al., RandAugment, CVPR-W 2020; torchvision.transforms.v2 RandAugment(num_ops=2, magnitude=9, num_magnitude_bins=31, NEAREST, fill 0).',
  summary: 'Applies numOps ops drawn from 14 (geometric and photometric) at one fixed magnitude, signs random.',
  options: z.strictObject({
    numOps: z.number().int().min(0).default(2).describe('Ops applied to each sample, drawn with replacement.'),
    magnitude: z.number().int().min(0).default(9).describe('Magnitude bin of every op, 0 to bins − 1 (9 of 31 = 30 % of each maximum).'),
    bins: z.number().int().min(2).default(31).describe('Number of magnitude bins (torchvision num_magnitude_bins).'),
    ...chainOptions('nearest'),
    prob: augmentProb(),
  }),
  geometric: true,
  setup(options) {
    checkValueRange('randaugment', options.valueRange);
    if (options.magnitude >= options.bins) {
      throw new MixzooError('E_OPTION', `randaugment: option 'magnitude' must be a bin below 'bins' (${options.bins}), got ${options.magnitude}.`);
    }
  },
  check: (shape) => checkChannels('randaugment', shape),
  params: (options, { height, width }) => z.strictObject({ ops: z.array(stepSchema(spaceBounds(space(options.bins), height, width))).length(options.numOps) }),
  draw: ({ rng, options, height, width }) => ({
    ops: Array.from({ length: options.numOps }, () => drawTorchvisionOp(rng, space(options.bins), options.magnitude, height, width)),
  }),
  apply: (x, params, ctx) => applyOpChains('randaugment', x, params.map((p) => p && p.ops), ctx),
});
