import { z } from 'zod';
import { augmentProb, defineAugmentation } from '../augmentation.js';
import { checkValueRange } from '../photometric.js';
import { applyOpChains } from '../ops/chain.js';
import { checkChannels, chainOptions } from '../ops/options.js';
import { stepSchema } from '../ops/steps.js';
import { drawTorchvisionOp, spaceBounds, type Space } from '../ops/torchvision-space.js';

/** TrivialAugmentWide's magnitudes (its last bin), with translations relative to the side. */
const space = (translate: number): Space => ({ bins: 31, shear: 0.99, rotate: 135, enhance: 0.99, posterizeSteps: 6, translate: (side) => translate * side });

/**
 * TrivialAugment (wide space) as torchvision v2 implements it: one op per sample, uniform over
 * 14, at a bin uniform over 31; signed ops negated with probability 1/2. torchvision's
 * translations reach 32 pixels whatever the image size; here they reach `translate` × the side
 * (1 = 32 px on 32×32 CIFAR, torchvision's setting there).
 */
export const trivialaugment = defineAugmentation({
  name: 'trivialaugment',
  family: 'trivialaugment',
  reference: 'Müller & Hutter, TrivialAugment, ICCV 2021; torchvision.transforms.v2 TrivialAugmentWide(num_magnitude_bins=31, NEAREST, fill 0).',
  summary: 'Applies one op drawn from 14 at a random magnitude (wide ranges), sign random.',
  options: z.strictObject({
    translate: z.number().min(0).max(1).default(1)
      .describe('Largest translation as a fraction of the side (1 = 32 px on 32×32, as torchvision; torchvision on 224×224 is 32/224).'),
    ...chainOptions('nearest'),
    prob: augmentProb(),
  }),
  geometric: true,
  setup: (options) => checkValueRange('trivialaugment', options.valueRange),
  check: (shape) => checkChannels('trivialaugment', shape),
  params: (options, { height, width }) => z.strictObject({ ops: z.array(stepSchema(spaceBounds(space(options.translate), height, width))).length(1) }),
  draw: ({ rng, options, height, width }) => ({ ops: [drawTorchvisionOp(rng, space(options.translate), 'random', height, width)] }),
  apply: (x, params, ctx) => applyOpChains('trivialaugment', x, params.map((p) => p && p.ops), ctx),
});
