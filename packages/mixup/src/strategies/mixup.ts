import { defineStrategy, MixzooError, mixingOptions } from '@mixzoo/core';
import { z } from 'zod';
import { sampleLerpPlan } from '../lerp-plan.js';

/**
 * mixup: x' = λ·x + (1 − λ)·x_partner, λ ~ Beta(α, α); one λ per batch by default, as the official
 * code. `k` > 2 mixes k samples with Dirichlet(α, …, α) weights (k-way plan, fused k-way lerp).
 */
export const mixup = defineStrategy({
  name: 'mixup',
  family: 'mixup',
  paper: 'Zhang, Cisse, Dauphin, Lopez-Paz. mixup: Beyond Empirical Risk Minimization. ICLR 2018.',
  summary: 'Convex combination of two (or k) samples and their labels, λ ~ Beta(α, α) (Dirichlet for k > 2). Any input rank >= 2.',
  options: z.strictObject({
    ...mixingOptions({ alpha: 1, mode: 'batch' }),
    k: z.number().int().min(2).default(2).describe('Samples per mixed output: 2 = classic mixup; k > 2 draws weights ~ Dirichlet(alpha, ..., alpha) and k - 1 partners from independent permutations.'),
  }),
  setup(options) {
    if (options.k === 2) return;
    if (options.mode === 'pair') {
      throw new MixzooError('E_OPTION', `mixup: option 'mode' 'pair' (symmetric pairs) needs k = 2, got k = ${options.k}; use 'batch' or 'elem'.`);
    }
    if (options.pairing !== 'random' && options.pairing !== 'derangement') {
      throw new MixzooError('E_OPTION', `mixup: option 'pairing' must be 'random' or 'derangement' for k > 2 (k - 1 independent draws), got '${options.pairing}'.`);
    }
  },
  sample(ctx) {
    if (ctx.options.k > 2 && ctx.external !== undefined) {
      throw new MixzooError('E_OPTION', `mixup: option 'k' must be 2 to mix with a partner batch (cross-dataset), got ${ctx.options.k}.`);
    }
    return sampleLerpPlan(ctx, 'mixup');
  },
});
