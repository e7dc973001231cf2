import { alphaOption, defineStrategy, labelSmoothingOption, probOption } from '@mixzoo/core';
import { z } from 'zod';
import { applyPuzzle } from '../puzzlemix/puzzle-apply.js';
import { checkPuzzlePlan } from '../puzzlemix/puzzle-plan.js';
import { samplePuzzle } from '../puzzlemix/puzzle-sample.js';

/**
 * PuzzleMix: per sample, a K×K block mask that keeps the salient blocks of both images, smooth
 * where the pixels would clash, with about λ of the own image (a binomial prior), minimised
 * exactly by one minimum cut (or by the reference's α-β swap moves); then each image's salient
 * blocks move to where the mask shows it. Saliency is the model's input gradient (`ctx.model.saliency`); λ_i = the mask's mean.
 */
export const puzzlemix = defineStrategy({
  name: 'puzzlemix',
  family: 'model-aware',
  paper: 'Kim, Choo, Song. Puzzle Mix: Exploiting Saliency and Local Statistics for Optimal Mixup. ICML 2020.',
  summary: 'Saliency-guided block masks (graph-cut labelling with smoothness and a binomial prior) plus transport of salient blocks; needs the model saliency.',
  needs: { spatial: true, inputs: true, model: ['saliency'] },
  options: z.strictObject({
    alpha: alphaOption(1),
    beta: z.number().min(0).default(1.2).describe('Label smoothness β: cost of neighbouring blocks taking different labels (used as β/(16K)).'),
    gamma: z.number().min(0).max(1).default(0.5).describe('Data smoothness γ in [0, 1]: weight of pixel differences across block edges (needs pixels in [0, 1]).'),
    eta: z.number().min(0).default(0.2).describe('Weight η of the binomial prior that keeps the own share near λ (used as η/K²).'),
    neighSize: z.int().min(1).default(4).describe('Side of the pixel cells the smoothness term compares across block edges.'),
    nLabels: z.int().min(2).max(4).default(3).describe('Mask levels per block: 2 (0, 1), 3 (0, ½, 1) or 4 (0, ⅓, ⅔, 1).'),
    solver: z.enum(['exact', 'swap']).default('exact').describe("'exact': the labelling's global minimum (one min-cut on Ishikawa's graph); 'swap': the reference's α-β swap moves from all-own (a local minimum)."),
    transport: z.boolean().default(true).describe('Move each image\'s salient blocks to where the mask shows it.'),
    tEps: z.number().min(0).default(0.8).describe('Transport distance cost t_eps: larger keeps blocks closer to home.'),
    tSize: z.int().min(-1).refine((v) => v !== 0, 'must be -1 (the mask blocks) or a cell side >= 1').default(-1).describe('Transport cell side in pixels; -1 moves the mask blocks themselves.'),
    prob: probOption(),
    labelSmoothing: labelSmoothingOption(),
  }),
  sample: samplePuzzle,
  apply: applyPuzzle,
  checkPlan: checkPuzzlePlan,
});
