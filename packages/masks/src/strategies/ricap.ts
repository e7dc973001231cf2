import { defineStrategy, labelSmoothingOption, probOption } from '@mixzoo/core';
import { z } from 'zod';
import { applyTiles } from '../tiles/tile-apply.js';
import { checkTilePlan } from '../tiles/tile-check.js';
import { sampleTilePlan } from '../tiles/tile-plan.js';
import { quadrants } from '../tiles/tiles.js';

/**
 * RICAP (as in the official code): the image is split at (h, w), w = round(W·Beta(β, β)),
 * h = round(H·Beta(β, β)); corner k is a crop of its size, at a uniform offset, from the sample
 * that the k-th of four independent permutations assigns. Labels are weighted by tile areas.
 */
export const ricap = defineStrategy({
  name: 'ricap',
  family: 'masks',
  paper: 'Takahashi, Matsubara, Uehara. RICAP: Random Image Cropping and Patching Data Augmentation for Deep CNNs. ACML 2018.',
  summary: 'Four random crops of four samples (one permutation each) tiled into the corners around a Beta(β, β) split point; labels weighted by areas.',
  needs: { spatial: true },
  options: z.strictObject({
    beta: z.number().min(0).default(0.3).describe('Beta(β, β) concentration of the split point; 0 turns mixing off.'),
    mode: z.enum(['batch', 'elem']).default('batch').describe("'batch': one split point and one crop offset per corner for the batch (official); 'elem': per sample."),
    prob: probOption(),
    labelSmoothing: labelSmoothingOption(),
  }),
  sample(ctx) {
    const { beta } = ctx.options;
    const { height, width } = ctx;
    const b = ctx.batchSize;
    const geometry = ctx.rng.stream('geometry');
    const pairing = ctx.rng.stream('pairing');
    const on = beta > 0;
    const permutations = on && b >= 2 ? Array.from({ length: 4 }, () => pairing.permutation(b)) : [];
    const layout = () => {
      const w = Math.round(width * geometry.beta(beta, beta));
      const h = Math.round(height * geometry.beta(beta, beta));
      return quadrants(height, width, h, w).map((box) => {
        const x = geometry.int(width - (box.x1 - box.x0) + 1);
        const y = geometry.int(height - (box.y1 - box.y0) + 1);
        return { box, from: { y, x } };
      });
    };
    return sampleTilePlan(ctx, 'ricap', on, layout, (i, corners) =>
      corners.map(({ box, from }, k) => ({ source: permutations[k][i], box, from })),
    );
  },
  apply: applyTiles,
  checkPlan: checkTilePlan,
});
