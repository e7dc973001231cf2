import { defineStrategy, labelSmoothingOption, MixzooError, restrictPlan, scalePlanGeometry, type Mixer, type MixPlan } from '@mixzoo/core';
import { z } from 'zod';

const entry = z.strictObject({
  name: z.string().describe('A registered strategy.'),
  weight: z.number().min(0).max(1).describe('Probability of choosing it.'),
  options: z.record(z.string(), z.unknown()).optional().describe("The strategy's options."),
});

interface ChoiceState {
  mixers: Mixer[];
  weights: number[];
}

/** Every sample's pick: an index into `of`, or null (unmixed). */
function chosen(plan: MixPlan): (number | null)[] {
  return plan.extra!.choice as (number | null)[];
}

/**
 * Weighted random choice among strategies per batch (or per sample in 'elem'); weights summing
 * to < 1 leave the rest unmixed (timm's switch_prob, mmpretrain's RandomBatchAugment).
 * The plan keeps every sub-plan in `extra.plans` and the merged per-sample partner/λ on top.
 */
export const choice = defineStrategy({
  name: 'choice',
  family: 'composition',
  paper: 'Composition as in timm Mixup(switch_prob) and mmpretrain RandomBatchAugment.',
  summary: "Picks one of several strategies per batch ('batch') or per sample ('elem') with given weights; the remainder is unmixed.",
  options: z.strictObject({
    of: z.array(entry).min(1).meta({ description: 'Strategies to choose from, with weights summing to <= 1.', examples: [[{ name: 'mixup', weight: 0.5 }, { name: 'cutmix', weight: 0.5 }]] }),
    mode: z.enum(['batch', 'elem']).default('batch').describe("'batch': one pick per batch; 'elem': one pick per sample."),
    labelSmoothing: labelSmoothingOption(),
  }),
  setup(options, env): ChoiceState {
    const weights = options.of.map((e) => e.weight);
    const total = weights.reduce((s, w) => s + w, 0);
    if (total > 1 + 1e-9) throw new MixzooError('E_OPTION', `choice: option 'of' weights must sum to <= 1, got ${total}.`);
    if (options.of.some((e) => e.name === 'choice')) throw new MixzooError('E_OPTION', `choice: option 'of' cannot contain 'choice' itself.`);
    return { mixers: options.of.map((e) => env.create(e.name, e.options)), weights };
  },
  sample(ctx) {
    const { mixers, weights } = ctx.state as ChoiceState;
    const stream = ctx.rng.stream('choice');
    const pick = (): number | null => {
      let r = stream.uniform();
      for (let k = 0; k < weights.length; k++) {
        if (r < weights[k]) return k;
        r -= weights[k];
      }
      return null;
    };
    const b = ctx.batchSize;
    const batchPick = ctx.options.mode === 'batch' ? pick() : null;
    const picks = Array.from({ length: b }, () => (ctx.options.mode === 'batch' ? batchPick : pick()));
    const shape = { batchSize: b, height: ctx.height, width: ctx.width, channels: ctx.channels, partnerBatchSize: ctx.external };
    const plans = mixers.map((m, k) => (picks.includes(k) ? m.sample(shape, { inputs: ctx.inputs, partnerInputs: ctx.partnerInputs }) : null));
    const of = (i: number) => (picks[i] === null ? null : plans[picks[i]!]);
    const plan: MixPlan = {
      strategy: 'choice',
      partner: picks.map((_, i) => of(i)?.partner[i] ?? i),
      lambda: picks.map((_, i) => of(i)?.lambda[i] ?? 1),
      extra: { choice: picks, plans },
    };
    if (plans.some((p) => p?.partners)) {
      plan.partners = picks.map((_, i) => of(i)?.partners?.[i] ?? (plan.partner[i] === i ? [i] : [i, plan.partner[i]]));
      plan.weights = picks.map((_, i) => of(i)?.weights?.[i] ?? (plan.partner[i] === i ? [1] : [plan.lambda[i], 1 - plan.lambda[i]]));
    }
    return plan;
  },
  apply(x, plan, ctx) {
    const { mixers } = ctx.state as ChoiceState;
    const picks = chosen(plan);
    const plans = plan.extra!.plans as (MixPlan | null)[];
    // Sub-plans act on disjoint samples and always read partners from the untouched source.
    const source = ctx.partnerInputs ?? x;
    let out = x;
    plans.forEach((sub, k) => {
      if (!sub) return;
      const scaled = x.rank === 4 ? scalePlanGeometry(sub, x.shape[1]!, x.shape[2]!) : sub;
      out = mixers[k].applyPixels(out, restrictPlan(scaled, picks.map((p) => p === k)), ctx.tensorName, source);
    });
    return out;
  },
});
