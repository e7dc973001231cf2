import { defineStrategy, labelSmoothingOption, probOption, type Rng } from '@mixzoo/core';
import { z } from 'zod';
import { checkRangeOrder } from '../options.js';
import { applyTiles } from '../tiles/tile-apply.js';
import { checkTilePlan } from '../tiles/tile-check.js';
import { sampleTilePlan } from '../tiles/tile-plan.js';
import { quadrants } from '../tiles/tiles.js';

/**
 * Three other samples for sample i, distinct and uniform (stream 'pairing'); with fewer than three
 * others in the batch they repeat in turn.
 */
function others(rng: Rng, i: number, b: number): number[] {
  const picks: number[] = [];
  while (picks.length < Math.min(3, b - 1)) {
    const j = rng.int(b - 1);
    const other = j >= i ? j + 1 : j;
    if (!picks.includes(other)) picks.push(other);
  }
  return [0, 1, 2].map((k) => picks[k % picks.length]);
}

/**
 * Mosaic (YOLOv4/YOLOv5 style): a 2×2 grid around a centre at U(center)·side per axis.
 * The sample's own image fills the top-left quadrant, three other samples the others; each
 * quadrant shows the corner of its source that touches the centre, as when four images are
 * placed around it (YOLO). Labels are weighted by quadrant areas.
 */
export const mosaic = defineStrategy({
  name: 'mosaic',
  family: 'masks',
  paper: 'Bochkovskiy, Wang, Liao. YOLOv4: Optimal Speed and Accuracy of Object Detection. arXiv:2004.10934, 2020.',
  summary: 'A 2×2 mosaic of the sample and three others around a random centre (U(0.25, 0.75) per axis); labels weighted by quadrant areas.',
  needs: { spatial: true },
  options: z.strictObject({
    center: z
      .tuple([z.number().min(0).max(1), z.number().min(0).max(1)])
      .default([0.25, 0.75])
      .describe('[min, max] of the grid centre as a fraction of each side; centre = floor(side·U(min, max)).'),
    mode: z.enum(['batch', 'elem']).default('elem').describe("'elem': a centre per sample (YOLO); 'batch': one centre for the batch."),
    prob: probOption(),
    labelSmoothing: labelSmoothingOption(),
  }),
  setup(options) {
    checkRangeOrder('mosaic', 'center', options.center, '[min, max] with 0 <= min <= max <= 1');
  },
  sample(ctx) {
    const [lo, hi] = ctx.options.center;
    const { height, width } = ctx;
    const geometry = ctx.rng.stream('geometry');
    const pairing = ctx.rng.stream('pairing');
    const centre = () => ({
      cy: Math.floor(height * geometry.uniform(lo, hi)),
      cx: Math.floor(width * geometry.uniform(lo, hi)),
    });
    return sampleTilePlan(ctx, 'mosaic', true, centre, (i, { cy, cx }) => {
      const sources = [i, ...others(pairing, i, ctx.batchSize)];
      return quadrants(height, width, cy, cx).map((box, k) => {
        // Top quadrants show the source's bottom rows, left quadrants its right columns.
        const y = k < 2 ? height - (box.y1 - box.y0) : 0;
        const x = k % 2 === 0 ? width - (box.x1 - box.x0) : 0;
        return { source: sources[k], box, from: { y, x } };
      });
    });
  },
  apply: applyTiles,
  checkPlan: checkTilePlan,
});
