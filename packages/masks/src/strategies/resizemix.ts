import { defineStrategy, mixingOptions, drawPairing, type Rng } from '@mixzoo/core';
import { z } from 'zod';
import { boxPlan } from '../boxes/box-plan.js';
import { cutSize, randomCentreBox } from '../boxes/box-sampling.js';
import { checkRangeOrder } from '../options.js';

const side = z.number().min(0).max(1);

/** τ ~ U(scope); with useAlpha τ ~ Beta(α, α), redrawn from U(scope) when outside it (OpenMixup). */
function drawTau(rng: Rng, options: { alpha: number; scope: readonly [number, number]; useAlpha: boolean }): number {
  const [lo, hi] = options.scope;
  if (options.useAlpha) {
    const tau = rng.beta(options.alpha, options.alpha);
    if (tau >= lo && tau <= hi) return tau;
  }
  return rng.uniform(lo, hi);
}

/**
 * ResizeMix: the WHOLE partner image, resized (bilinear) to a box of sides floor(τ·H) × floor(τ·W)
 * around a uniform centre (clipped), is pasted; λ = 1 − box area/(H·W).
 */
export const resizemix = defineStrategy({
  name: 'resizemix',
  family: 'masks',
  paper: 'Qin, Fang, Zhao, Wang, Liu, Zhang, Lu. ResizeMix: Mixing Data with Preserved Object Information and True Labels. arXiv:2012.11101, 2020.',
  summary: 'Pastes the whole partner image, shrunk to a box of side ratio τ ~ U(scope), into each image; labels by the box area.',
  needs: { spatial: true },
  options: z.strictObject({
    ...mixingOptions({ alpha: 1, mode: 'batch' }),
    scope: z.tuple([side, side]).default([0.1, 0.8]).describe('[lo, hi] range of the side ratio τ of the pasted box: τ ~ U(lo, hi).'),
    useAlpha: z.boolean().default(false).describe('Draw τ ~ Beta(alpha, alpha) instead, redrawn from U(scope) when outside it (OpenMixup use_alpha).'),
  }),
  setup(options) {
    checkRangeOrder('resizemix', 'scope', options.scope, '[lo, hi] with 0 <= lo <= hi <= 1');
    return undefined;
  },
  sample(ctx) {
    const { height, width } = ctx;
    const taus = ctx.rng.stream('lambda');
    const geometry = ctx.rng.stream('geometry');
    const draw = drawPairing(ctx);
    return boxPlan(
      'resizemix',
      draw,
      () => {
        const tau = drawTau(taus, ctx.options);
        const { cutH, cutW } = cutSize(height, width, tau);
        return { box: randomCentreBox(geometry, height, width, cutH, cutW) };
      },
      { height, width },
    );
  },
  // The mixer has already rescaled plan.boxes (nearest) for targets of another size; int32 targets are resized nearest.
  apply: (x, plan, ctx) => ctx.kernels.pasteResized(x, plan.partner, plan.boxes ?? plan.partner.map(() => null), ctx.partnerInputs ?? x),
});
