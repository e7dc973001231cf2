import { defineStrategy, mixingOptions } from '@mixzoo/core';
import { z } from 'zod';
import { sampleFmixMask } from '../fft/fmix-mask.js';
import { sampleMaskPlan } from '../mask-plan.js';

/**
 * FMix: a binary mask made by thresholding a random low-frequency image (the official
 * algorithm, with the spectrum the paper describes); λ ~ Beta(α, α) sets the fraction of own pixels. One mask per batch by default.
 */
export const fmix = defineStrategy({
  name: 'fmix',
  family: 'masks',
  paper: 'Harris, Marcu, Painter, Niranjan, Prügel-Bennett, Hare. FMix: Enhancing Mixed Sample Data Augmentation. arXiv:2002.12047, 2020.',
  summary: 'Binary masks from thresholded low-frequency Fourier noise: the partner fills irregular, smooth-edged regions; λ = mask mean.',
  needs: { spatial: true },
  // lambdaMode 'sampled' labels by the Beta draw (labelWeights); λ stays the mask mean.
  labelRule: 'weights',
  options: z.strictObject({
    ...mixingOptions({ alpha: 1, mode: 'batch' }),
    decayPower: z.number().min(0).default(3).describe('Decay power δ of the spectrum, scale 1/f^δ: larger gives smoother, blobbier masks.'),
    maxSoft: z.number().min(0).max(0.5).default(0).describe('Softening in [0, 0.5]: a linear ramp over up to N·maxSoft pixels either side of the threshold (0 = binary).'),
    reformulate: z.boolean().default(false).describe("Draw λ ~ Beta(α + 1, α) (the paper's reformulation) instead of Beta(α, α)."),
    lambdaMode: z.enum(['corrected', 'sampled']).default('corrected').describe("'corrected': λ = mean of the applied mask; 'sampled': labels by the Beta draw (plan 'labelWeights'; differs by < 1/N without softening)."),
  }),
  sample(ctx) {
    const { alpha, decayPower, maxSoft, reformulate, lambdaMode } = ctx.options;
    const lambdas = ctx.rng.stream('lambda');
    const masks = ctx.rng.stream('masks');
    return sampleMaskPlan(ctx, 'fmix', alpha > 0, () => {
      const lambda = lambdas.beta(reformulate ? alpha + 1 : alpha, alpha);
      const { mask, mean } = sampleFmixMask(masks, ctx.height, ctx.width, lambda, { decayPower, maxSoft });
      return { mask, lambda: mean, label: lambdaMode === 'sampled' ? lambda : undefined };
    });
  },
});
