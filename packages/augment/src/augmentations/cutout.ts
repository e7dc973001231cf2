import { fill as filled, tidy } from '@tensorflow/tfjs-core';
import type { Box } from '@mixzoo/core';
import { z } from 'zod';
import { augmentProb, defineAugmentation } from '../augmentation.js';
import { fillFor } from '../geometry.js';

/** A side of `size` × the shorter image side, at least one pixel. */
const side = (size: number, height: number, width: number) => Math.max(1, Math.round(size * Math.min(height, width)));

/**
 * Cutout: `holes` squares of side round(size · min(H, W)), each centred on a uniform pixel and
 * clipped at the borders, are set to `fill`. Targets pass untouched. Fused row copies
 * (pastePatches from a one-image fill batch); keeps dtype.
 */
export const cutout = defineAugmentation({
  name: 'cutout',
  family: 'erasing',
  reference: 'DeVries & Taylor, Improved Regularization of CNNs with Cutout, 2017 (official code: length 16 on 32×32 CIFAR-10, centre uniform, clipped box).',
  summary: 'Erases square holes (centre uniform, clipped at the borders) with a fill value.',
  options: z.strictObject({
    size: z.number().gt(0).max(1).default(0.5).describe('Side of each square as a fraction of the shorter image side (0.5 = 16 px on 32×32).'),
    holes: z.number().int().min(1).default(1).describe('Squares per sample (they may overlap).'),
    fill: z.number().default(0).describe('Value written into the holes (0 = the mean of normalised data; an integer for int32 images).'),
    prob: augmentProb(),
  }),
  geometric: false,
  params: (options, { height, width }) => {
    const box = z.strictObject({ y0: z.int().min(0).max(height), x0: z.int().min(0).max(width), y1: z.int().min(0).max(height), x1: z.int().min(0).max(width) })
      .refine((b) => b.y0 <= b.y1 && b.x0 <= b.x1, 'y0 <= y1 and x0 <= x1');
    return z.strictObject({ boxes: z.array(box).length(options.holes) });
  },
  draw({ rng, options, height, width }) {
    const length = side(options.size, height, width);
    const boxes: Box[] = Array.from({ length: options.holes }, () => {
      const y0 = rng.int(height) - Math.floor(length / 2);
      const x0 = rng.int(width) - Math.floor(length / 2);
      const clip = (v: number, n: number) => Math.min(n, Math.max(0, v));
      return { y0: clip(y0, height), x0: clip(x0, width), y1: clip(y0 + length, height), x1: clip(x0 + length, width) };
    });
    return { boxes };
  },
  apply(x, params, ctx) {
    const [, h, w, c] = x.shape;
    const value = fillFor('cutout', x, ctx.options.fill, ctx.tensorName);
    return tidy(() => ctx.kernels.pastePatches(x, params.map((p) => (p ? p.boxes.map((box) => ({ source: 0, box })) : [])), filled([1, h, w, c], value, x.dtype)));
  },
});
