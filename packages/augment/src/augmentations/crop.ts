import { z } from 'zod';
import { augmentProb, defineAugmentation } from '../augmentation.js';
import { drawShift, fillFor, fillOption, paddingModeOption, scaleShift } from '../geometry.js';

/**
 * Random crop with padding (CIFAR-style): the image is padded by `padding` pixels on every side
 * and an H×W window is cut at a uniform offset. Output pixel (r, c) reads (r + top, c + left)
 * with top, left ∈ [−padding, padding]. One fused index-remap pass (no padded copy is made).
 */
export const crop = defineAugmentation({
  name: 'crop',
  family: 'geometry',
  reference: "torchvision RandomCrop(size, padding, padding_mode) with the output size of the input (timm/CIFAR recipes: padding 4).",
  summary: 'Random crop of the original size from the image padded by `padding` pixels (constant, reflect or edge padding).',
  options: z.strictObject({
    padding: z.number().int().min(0).default(4).describe('Pixels of padding on every side; the window moves by up to this much.'),
    paddingMode: paddingModeOption(),
    fill: fillOption(),
    prob: augmentProb(),
  }),
  geometric: true,
  params: (options) => z.strictObject({ top: z.int().min(-options.padding).max(options.padding), left: z.int().min(-options.padding).max(options.padding) }),
  draw: ({ rng, options }) => ({ top: drawShift(rng, options.padding), left: drawShift(rng, options.padding) }),
  apply(x, params, ctx) {
    const [, h, w] = x.shape;
    const maps = params.map((p) =>
      p && { y: [1, 0, scaleShift(p.top, ctx.height, h)] as const, x: [0, 1, scaleShift(p.left, ctx.width, w)] as const });
    return ctx.kernels.remap(x, maps, { border: ctx.options.paddingMode, fill: fillFor('crop', x, ctx.options.fill, ctx.tensorName) });
  },
});
