import { defineStrategy, labelSmoothingOption, modeOption, pairingOption, probOption, type Rng } from '@mixzoo/core';
import { z } from 'zod';
import { sampleMaskPlan, type MaskDraw } from '../mask-plan.js';
import { checkRangeOrder } from '../options.js';

/**
 * Own-content mask 1 − G with G(p) = exp(−‖p − c‖² / (2σ²)), σ = s·H, s ~ U(sigma). The centre c
 * is a pixel corner (integer row and column, uniform), pixel p is at its centre (y + ½, x + ½):
 * the placement of OpenMixup's rolled grid.
 */
function smoothMask(rng: Rng, height: number, width: number, sigma: readonly [number, number]): MaskDraw {
  const s = rng.uniform(sigma[0], sigma[1]) * height;
  const cy = rng.int(height);
  const cx = rng.int(width);
  const mask = new Array<number>(height * width);
  let sum = 0;
  for (let y = 0; y < height; y++) {
    const dy = y + 0.5 - cy;
    for (let x = 0; x < width; x++) {
      const dx = x + 0.5 - cx;
      const own = 1 - Math.exp(-(dy * dy + dx * dx) / (2 * s * s));
      mask[y * width + x] = own;
      sum += own;
    }
  }
  return { mask, lambda: sum / mask.length };
}

/** SmoothMix: the partner enters through a soft Gaussian blob (Lee et al., CVPR-W 2020); λ = mean(1 − G). */
export const smoothmix = defineStrategy({
  name: 'smoothmix',
  family: 'masks',
  paper: 'Lee, Zaheer, Astrid, Lee. SmoothMix: a Simple Yet Effective Data Augmentation to Train Robust Classifiers. CVPR Workshops 2020.',
  summary: 'A soft Gaussian blob of the partner (σ ~ U(0.25, 0.5)·H, random centre) blended in; λ = mean of the own-content mask 1 − G.',
  needs: { spatial: true },
  options: z.strictObject({
    sigma: z
      .tuple([z.number().positive(), z.number().positive()])
      .default([0.25, 0.5])
      .describe('[min, max] of σ as a fraction of the image height; σ ~ U(min, max)·H.'),
    mode: modeOption('batch'),
    pairing: pairingOption(),
    prob: probOption(),
    labelSmoothing: labelSmoothingOption(),
  }),
  setup(options) {
    checkRangeOrder('smoothmix', 'sigma', options.sigma, '[min, max] with 0 < min <= max');
  },
  sample(ctx) {
    const geometry = ctx.rng.stream('geometry');
    return sampleMaskPlan(ctx, 'smoothmix', true, () => smoothMask(geometry, ctx.height, ctx.width, ctx.options.sigma));
  },
});
