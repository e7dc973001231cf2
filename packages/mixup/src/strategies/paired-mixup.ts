import { defineStrategy, mixingOptions } from '@mixzoo/core';
import { z } from 'zod';
import { sampleLerpPlan } from '../lerp-plan.js';

/**
 * mixup of aligned tensors (noisy input and clean target in image restoration): one plan, so
 * `inputs` and every tensor in `targets` get the same λ and partner. Defaults from MixUp_AUG.
 */
export const pairedMixup = defineStrategy({
  name: 'paired-mixup',
  family: 'mixup',
  paper: 'Zamir et al., Multi-Stage Progressive Image Restoration (MPRNet), CVPR 2021 — MixUp_AUG; after Zhang et al., ICLR 2018.',
  summary: 'mixup with one λ per sample and one permutation applied to inputs and every aligned target (restoration pairs).',
  options: z.strictObject(mixingOptions({ alpha: 1.2, mode: 'elem' })),
  sample: (ctx) => sampleLerpPlan(ctx, 'paired-mixup'),
});
