import { MixzooError } from '@mixzoo/core';
import { z } from 'zod';
import { warpAffine, warpOptions, zoomMatrix } from '../affine.js';
import { augmentProb, defineAugmentation } from '../augmentation.js';

/**
 * Zoom about the image centre by a factor uniform in `range` (> 1 enlarges the content and
 * crops the borders, < 1 shrinks it and fills the borders). Composed tfjs ops (tf.image.transform).
 */
export const scale = defineAugmentation({
  name: 'scale',
  family: 'affine',
  reference: 'torchvision RandomAffine(degrees=0, scale=range) / Keras RandomZoom; resampling and fill modes of tf.image.transform.',
  summary: 'Zooms each sample about its centre by a factor drawn uniformly in `range`.',
  options: z.strictObject({
    range: z.tuple([z.number().gt(0), z.number().gt(0)]).default([0.9, 1.1]).describe('[min, max] zoom factor; 1 = unchanged, 2 = content twice as large.'),
    ...warpOptions(),
    prob: augmentProb(),
  }),
  geometric: true,
  setup(options) {
    const [lo, hi] = options.range;
    if (lo > hi) throw new MixzooError('E_OPTION', `scale: option 'range' must be [min, max] with 0 < min <= max, got [${lo}, ${hi}].`);
  },
  params: (options) => z.strictObject({ factor: z.number().min(options.range[0]).max(options.range[1]) }),
  draw: ({ rng, options }) => ({ factor: rng.uniform(options.range[0], options.range[1]) }),
  apply(x, params, ctx) {
    const [, h, w] = x.shape;
    return warpAffine('scale', x, params.map((p) => p && zoomMatrix(p.factor, h, w)), ctx.options, ctx.tensorName);
  },
});
