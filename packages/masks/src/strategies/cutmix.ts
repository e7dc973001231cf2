import { defineStrategy, mixingOptions, MixzooError, pairingOptionsOf, samplePairing, type Box } from '@mixzoo/core';
import { z } from 'zod';
import { applyMultiBox, multiBoxPlan, type MultiBoxExtra } from '../boxes/box-multi.js';
import { boxPlan, lambdaModeOption, type GroupBox } from '../boxes/box-plan.js';
import { cutRatio, cutSize, minmaxBox, randomCentreBox } from '../boxes/box-sampling.js';
import { checkRangeOrder } from '../options.js';

const ratio = z.number().gt(0).max(1);

/**
 * CutMix with timm's geometry: λ ~ Beta(α, α), a box of sides floor(H·√(1−λ)) × floor(W·√(1−λ))
 * around a uniform centre, clipped; the partner's same box is pasted and λ corrected to the kept
 * area. `numMix` > 1 pastes several boxes with their own partners (k-way labels by visible area).
 */
export const cutmix = defineStrategy({
  name: 'cutmix',
  family: 'masks',
  paper: 'Yun, Han, Oh, Chun, Choe, Yoo. CutMix: Regularization Strategy to Train Strong Classifiers with Localizable Features. ICCV 2019.',
  summary: "Pastes a box of the partner (area about 1 − λ, λ ~ Beta(α, α)) into each image; labels by the kept area. timm's geometry.",
  needs: { spatial: true },
  // lambdaMode 'sampled' labels by the Beta draw (labelWeights); λ stays the kept area.
  labelRule: 'weights',
  options: z.strictObject({
    ...mixingOptions({ alpha: 1, mode: 'batch' }),
    minmax: z
      .tuple([ratio, ratio])
      .optional()
      .describe('[min, max] side ratios: cut_h ~ randint[floor(H·min), floor(H·max)], cut_w likewise, box fully inside; replaces the Beta-sized box (timm cutmix_minmax).'),
    numMix: z.number().int().min(1).default(1).describe('Boxes per image, each from its own partner (later boxes cover earlier ones; labels by visible area).'),
    lambdaMode: lambdaModeOption(),
  }),
  setup(options) {
    const fail = (message: string) => new MixzooError('E_OPTION', `cutmix: ${message}`);
    const { minmax, numMix, lambdaMode, mode } = options;
    if (minmax) checkRangeOrder('cutmix', 'minmax', minmax, '[min, max] with 0 < min <= max <= 1');
    if (lambdaMode === 'sampled' && minmax) {
      throw fail(`option 'lambdaMode' 'sampled' cannot be used with 'minmax' (the box is not drawn from λ), got lambdaMode 'sampled'.`);
    }
    if (numMix > 1 && lambdaMode === 'sampled') {
      throw fail(`option 'lambdaMode' must be 'corrected' when 'numMix' > 1 (labels come from the visible areas), got 'sampled'.`);
    }
    if (numMix > 1 && mode === 'pair') {
      throw fail(`option 'mode' 'pair' needs 'numMix' 1 (each box has its own partner), got numMix ${numMix}.`);
    }
    return undefined;
  },
  sample(ctx) {
    const { alpha, minmax, numMix, lambdaMode } = ctx.options;
    const { height, width } = ctx;
    const lambdas = ctx.rng.stream('lambda');
    const geometry = ctx.rng.stream('geometry');
    const drawBox = (): GroupBox => {
      if (minmax) return { box: minmaxBox(geometry, height, width, minmax) };
      const lambda = lambdas.beta(alpha, alpha);
      const { cutH, cutW } = cutSize(height, width, cutRatio(lambda));
      return { box: randomCentreBox(geometry, height, width, cutH, cutW), sampled: lambda };
    };
    const pairingOptions = pairingOptionsOf(ctx);
    if (numMix > 1) {
      return multiBoxPlan('cutmix', ctx.rng, ctx.batchSize, pairingOptions, numMix, (): Box => drawBox().box, { height, width });
    }
    const draw = samplePairing(ctx.rng, ctx.batchSize, pairingOptions);
    return boxPlan<MultiBoxExtra>('cutmix', draw, drawBox, { height, width }, lambdaMode);
  },
  // Single-box plans go through the shared default (pasteBoxes); multi-box plans paste every box.
  apply: (x, plan, ctx) => (plan.partners && plan.extra?.boxes ? applyMultiBox(x, plan, ctx) : ctx.applyDefault(x, plan, ctx.partnerInputs)),
});
