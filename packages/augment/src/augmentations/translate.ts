import { z } from 'zod';
import { augmentProb, defineAugmentation } from '../augmentation.js';
import { drawShift, fillFor, fillOption, paddingModeOption, scaleShift } from '../geometry.js';

const maxPixels = (fraction: number, size: number) => Math.round(fraction * size);

/**
 * Integer translation: the content moves by (dy, dx), each uniform in
 * [−round(max·H), round(max·H)] and [−round(max·W), round(max·W)]; uncovered pixels follow the
 * padding mode. One fused index-remap pass.
 */
export const translate = defineAugmentation({
  name: 'translate',
  family: 'geometry',
  reference: 'torchvision RandomAffine(degrees=0, translate=(max, max)), restricted to whole-pixel shifts (no interpolation).',
  summary: 'Shifts the image by whole pixels, up to a fraction `max` of its height and width.',
  options: z.strictObject({
    max: z.number().min(0).max(1).default(0.125).describe('Largest shift as a fraction of the height (vertical) and width (horizontal).'),
    paddingMode: paddingModeOption(),
    fill: fillOption(),
    prob: augmentProb(),
  }),
  geometric: true,
  params: (options, { height, width }) => {
    const [my, mx] = [maxPixels(options.max, height), maxPixels(options.max, width)];
    return z.strictObject({ dy: z.int().min(-my).max(my), dx: z.int().min(-mx).max(mx) });
  },
  draw: ({ rng, options, height, width }) => ({
    dy: drawShift(rng, maxPixels(options.max, height)),
    dx: drawShift(rng, maxPixels(options.max, width)),
  }),
  apply(x, params, ctx) {
    const [, h, w] = x.shape;
    const maps = params.map((p) =>
      p && { y: [1, 0, -scaleShift(p.dy, ctx.height, h)] as const, x: [0, 1, -scaleShift(p.dx, ctx.width, w)] as const });
    return ctx.kernels.remap(x, maps, { border: ctx.options.paddingMode, fill: fillFor('translate', x, ctx.options.fill, ctx.tensorName) });
  },
});
