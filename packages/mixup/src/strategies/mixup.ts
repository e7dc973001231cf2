import { defineStrategy, mixingOptions } from '@mixzoo/core';
import { z } from 'zod';
import { sampleLerpPlan } from '../lerp-plan.js';

/** mixup: x' = λ·x + (1 − λ)·x_partner, λ ~ Beta(α, α); one λ per batch by default, as the official code. */
export const mixup = defineStrategy({
  name: 'mixup',
  family: 'mixup',
  paper: 'Zhang, Cisse, Dauphin, Lopez-Paz. mixup: Beyond Empirical Risk Minimization. ICLR 2018.',
  summary: 'Convex combination of two samples and their labels, λ ~ Beta(α, α). Any input rank >= 2.',
  options: z.strictObject(mixingOptions({ alpha: 1, mode: 'batch' })),
  sample: (ctx) => sampleLerpPlan(ctx, 'mixup'),
});
