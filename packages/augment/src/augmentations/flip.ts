import type { IndexMap } from '@mixzoo/core';
import { z } from 'zod';
import { defineAugmentation } from '../augmentation.js';

const chance = (what: string, value: number) =>
  z.number().min(0).max(1).default(value).describe(`Probability of flipping each sample ${what}.`);

/**
 * Horizontal and/or vertical flips, each with its own per-sample probability (the two coins are
 * independent). One fused index-remap pass for both.
 */
export const flip = defineAugmentation({
  name: 'flip',
  family: 'geometry',
  reference: 'torchvision RandomHorizontalFlip(p=0.5) and RandomVerticalFlip(p).',
  summary: 'Mirrors each sample left-right with probability `horizontal` and top-bottom with probability `vertical`.',
  options: z.strictObject({
    horizontal: chance('left-right', 0.5),
    vertical: chance('top-bottom', 0),
  }),
  geometric: true,
  params: () => z.strictObject({ horizontal: z.boolean(), vertical: z.boolean() }),
  draw: ({ rng, options }) => ({ horizontal: rng.uniform() < options.horizontal, vertical: rng.uniform() < options.vertical }),
  apply(x, params, ctx) {
    const [, h, w] = x.shape;
    const maps = params.map((p): IndexMap | null =>
      p && (p.horizontal || p.vertical)
        ? { y: p.vertical ? [-1, 0, h - 1] : [1, 0, 0], x: p.horizontal ? [0, -1, w - 1] : [0, 1, 0] }
        : null);
    return ctx.kernels.remap(x, maps);
  },
});
