import { MixzooError, shapeText, type IndexMap } from '@mixzoo/core';
import { z } from 'zod';
import { augmentProb, defineAugmentation } from '../augmentation.js';

/** Counter-clockwise quarter turns as index maps (np.rot90 / torch.rot90 on the H, W axes). */
function quarterTurn(turns: number, h: number, w: number): IndexMap | null {
  switch (turns) {
    case 1:
      return { y: [0, 1, 0], x: [-1, 0, w - 1] };
    case 2:
      return { y: [-1, 0, h - 1], x: [0, -1, w - 1] };
    case 3:
      return { y: [0, -1, h - 1], x: [1, 0, 0] };
    default:
      return null;
  }
}

/**
 * Rotation by a whole number of quarter turns, counter-clockwise, chosen uniformly among
 * `turns`. Odd turns need square images. One fused index-remap pass, exact.
 */
export const rot90 = defineAugmentation({
  name: 'rot90',
  family: 'geometry',
  reference: 'torch.rot90 / np.rot90 with k drawn uniformly (as in rotation-invariant recipes, e.g. kornia RandomRotation90).',
  summary: 'Rotates each sample by k quarter turns (counter-clockwise), k drawn uniformly from `turns`.',
  options: z.strictObject({
    turns: z.array(z.number().int().min(0).max(3)).min(1).default([0, 1, 2, 3]).describe('Quarter turns to choose from (0 to 3); odd turns need square images.'),
    prob: augmentProb(),
  }),
  geometric: true,
  params: (options) => z.strictObject({ turns: z.int().refine((t) => options.turns.includes(t), `must be one of ${options.turns.join(', ')}`) }),
  check({ height, width }, options) {
    if (height !== width && options.turns.some((t) => t % 2 === 1)) {
      throw new MixzooError('E_SHAPE', `rot90: odd quarter turns need square images (H = W), got ${height}×${width}; use turns [0, 2].`);
    }
  },
  draw: ({ rng, options }) => ({ turns: options.turns[rng.int(options.turns.length)] }),
  apply(x, params, ctx) {
    const [, h, w] = x.shape;
    if (h !== w && params.some((p) => p && p.turns % 2 === 1)) {
      throw new MixzooError('E_SHAPE', `rot90: odd quarter turns need square images (H = W), '${ctx.tensorName}' is ${shapeText(x.shape)}.`);
    }
    return ctx.kernels.remap(x, params.map((p) => p && quarterTurn(p.turns, h, w)));
  },
});
