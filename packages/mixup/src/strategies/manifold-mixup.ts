import { defineStrategy, MixzooError, mixingOptions } from '@mixzoo/core';
import { z } from 'zod';
import { sampleLerpPlan } from '../lerp-plan.js';
import { ManifoldMixup, type ManifoldState } from '../manifold-controller.js';

/**
 * Manifold mixup: the mixup plan (λ ~ Beta(α, α), partner) plus one depth per step, drawn
 * uniformly among the eligible MixLayer depths (`extra.layer`, 0 = input). `zoo.create` returns a
 * ManifoldMixup controller: attach it to a model with MixLayers and it arms the drawn depth for
 * each training step. Applied to a tensor directly (`mix`, `apply`), the plan mixes that tensor.
 */
export const manifoldMixup = defineStrategy({
  name: 'manifold-mixup',
  family: 'mixup',
  paper: 'Verma, Lamb, Beckham, Najafi, Mitliagkas, Lopez-Paz, Bengio. Manifold Mixup: Better Representations by Interpolating Hidden States. ICML 2019.',
  summary: 'mixup of hidden activations: one MixLayer depth per training step (0 = input), λ ~ Beta(α, α), labels mixed by the same plan.',
  options: z.strictObject({
    ...mixingOptions({ alpha: 2, mode: 'batch' }),
    layers: z
      .array(z.number().int().min(0))
      .min(1)
      .optional()
      .describe('Eligible depths (0 = input), one drawn uniformly per step; default: every depth with a MixLayer in the attached model.'),
  }),
  setup(options): ManifoldState {
    const layers = options.layers;
    if (layers && new Set(layers).size !== layers.length) {
      throw new MixzooError('E_OPTION', `manifold-mixup: option 'layers' must list each depth once, got [${layers.join(', ')}].`);
    }
    return { attached: [] };
  },
  sample(ctx) {
    const { state } = ctx;
    const eligible = ctx.options.layers ?? (state.attached.length > 0 ? state.attached : [0]);
    // Own stream: drawing the depth never shifts the pairing or λ draws.
    const layer = eligible[ctx.rng.stream('layer').int(eligible.length)];
    return { ...sampleLerpPlan(ctx, 'manifold-mixup'), extra: { layer } };
  },
  wrapMixer: (mixer, _options, state) => new ManifoldMixup(mixer, state),
});
