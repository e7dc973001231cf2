import { defineStrategy, describeValue, isObject, labelSmoothingOption, modelNeedsOf, type Mixer, type MixPlan, MixzooError, type PlanBounds, restrictPlan, scalePlanGeometry, shapeText, validatePlan } from '@mixzoo/core';
import { z } from 'zod';

const entry = z.strictObject({
  name: z.string().describe('A registered strategy.'),
  weight: z.number().min(0).max(1).describe('Probability of choosing it.'),
  options: z.record(z.string(), z.unknown()).optional().describe("The strategy's options."),
});

/** A choice plan's `extra`: each sample's pick (an index into `of`, or null = unmixed) and each `of` strategy's plan (null when unpicked). */
export type ChoiceExtra = {
  choice: (number | null)[];
  plans: (MixPlan | null)[];
};

interface ChoiceState {
  mixers: Mixer[];
  weights: number[];
  /** The first sub-strategy that mixes images only / plans from the pixels: checked on every call, whichever is picked. */
  spatial?: string;
  inputs?: string;
}

/**
 * The top-level fields the labels follow, as implied by every sample's pick and the picked
 * sub-plans. A sub-plan's `labelWeights` (cutmix 'sampled', snapmix) carry over per sample: as
 * `labelWeights` (λ / 1 − λ for the others), or as two-way k-way weights next to k-way sub-plans,
 * which only works when they sum to 1.
 */
function mergePlans(picks: readonly (number | null)[], plans: readonly (MixPlan | null)[]): Omit<MixPlan, 'strategy'> {
  const of = (i: number) => {
    const pick = picks[i];
    return pick === null ? null : plans[pick];
  };
  const merged: Omit<MixPlan, 'strategy'> = {
    partner: picks.map((_, i) => of(i)?.partner[i] ?? i),
    lambda: picks.map((_, i) => of(i)?.lambda[i] ?? 1),
  };
  const own = (i: number) => of(i)?.labelWeights?.own[i] ?? merged.lambda[i];
  const other = (i: number) => of(i)?.labelWeights?.partner[i] ?? 1 - merged.lambda[i];
  if (plans.some((p) => p?.partners)) {
    merged.partners = picks.map((_, i) => of(i)?.partners?.[i] ?? (merged.partner[i] === i ? [i] : [i, merged.partner[i]]));
    merged.weights = picks.map((_, i) => of(i)?.weights?.[i] ?? (merged.partner[i] === i ? [1] : [own(i), other(i)]));
    merged.weights.forEach((row, i) => {
      if (Math.abs(row.reduce((s, w) => s + w, 0) - 1) > 1e-6) {
        throw new MixzooError('E_OPTION', `choice: sample ${i} has label weights summing to ${own(i) + other(i)} ('${of(i)?.strategy ?? ''}') next to k-way plans in one batch; use mode 'batch' to combine them.`);
      }
    });
  } else if (plans.some((p) => p?.labelWeights)) {
    merged.labelWeights = { own: picks.map((_, i) => own(i)), partner: picks.map((_, i) => other(i)) };
  }
  return merged;
}

const planError = (message: string) => new MixzooError('E_PLAN', `choice: ${message}`);

/**
 * Checks a choice plan (hand-written or deserialized) beyond the generic checks: `extra.choice`
 * holds one pick per sample, `extra.plans` one valid sub-plan per `of` entry (null when unpicked),
 * and the top-level fields are exactly what the picked sub-plans imply, so labels and pixels agree.
 */
export function checkChoicePlan(plan: MixPlan<ChoiceExtra>, bounds: PlanBounds, mixers: readonly Mixer[]): { picks: (number | null)[]; plans: (MixPlan | null)[] } {
  // A hand-written or deserialized plan: check every field rather than trust the type.
  const extra: unknown = plan.extra;
  if (!isObject(extra)) throw planError(`plan needs 'extra' with 'choice' and 'plans' (as sampled), got ${describeValue(extra)}.`);
  const picks = 'choice' in extra ? extra.choice : undefined;
  const plans = 'plans' in extra ? extra.plans : undefined;
  const n = mixers.length;
  if (!Array.isArray(picks) || picks.length !== bounds.batchSize || !picks.every((k) => k === null || (Number.isInteger(k) && k >= 0 && k < n))) {
    throw planError(`plan 'extra.choice' must hold ${bounds.batchSize} picks, each an index into 'of' (0 to ${n - 1}) or null, got ${describeValue(picks)}.`);
  }
  if (!Array.isArray(plans) || plans.length !== n) {
    throw planError(`plan 'extra.plans' must hold one entry per 'of' strategy (${n}), got ${Array.isArray(plans) ? `${plans.length} entries` : describeValue(plans)}.`);
  }
  plans.forEach((sub: unknown, k) => {
    if (sub === null) {
      if (picks.includes(k)) throw planError(`plan 'extra.plans[${k}]' is null but 'extra.choice' picks '${mixers[k].name}'.`);
      return;
    }
    if (sub === undefined || typeof sub !== 'object' || (sub as MixPlan).strategy !== mixers[k].name) {
      throw planError(`plan 'extra.plans[${k}]' must be a '${mixers[k].name}' plan or null, got ${describeValue(sub)}.`);
    }
    try {
      validatePlan(sub as MixPlan, bounds);
    } catch (e) {
      if (e instanceof MixzooError) throw planError(`'extra.plans[${k}]': ${e.message}`);
      throw e;
    }
  });
  const merged = mergePlans(picks, plans);
  for (const field of ['partner', 'lambda', 'partners', 'weights', 'boxes', 'masks', 'labelWeights'] as const) {
    if (JSON.stringify(plan[field]) !== JSON.stringify(merged[field])) {
      throw planError(`plan '${field}' must be what the picked sub-plans in 'extra.plans' imply (${describeValue(merged[field])}), got ${describeValue(plan[field])}.`);
    }
  }
  return { picks: picks as (number | null)[], plans: plans as (MixPlan | null)[] }; // checked above
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
  // Picked sub-plans may label by their own weights (labelWeights), carried over per sample.
  labelRule: 'weights',
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
    const mixers = options.of.map((e) => env.create(e.name, e.options));
    const spatial = mixers.find((m) => m.strategy.needs?.spatial)?.name;
    const inputs = mixers.find((m) => m.strategy.needs?.inputs)?.name;
    return { mixers, weights, spatial, inputs };
  },
  // Every sub-strategy's model context, whichever is picked (so whether a call works never depends on the draw).
  modelNeeds: (_options, state) => [...new Set(state.mixers.flatMap((m) => modelNeedsOf(m)))],
  sample(ctx) {
    const { mixers, weights, spatial, inputs } = ctx.state;
    // Before any draw: whether a call works must not depend on which strategy the rng picks.
    if (spatial && (ctx.height === undefined || ctx.width === undefined)) {
      throw new MixzooError('E_SHAPE', `choice.sample: '${spatial}' (in option 'of') mixes images: pass 'height' and 'width' (inputs are NHWC [B, H, W, C]).`);
    }
    if (inputs && !ctx.inputs) {
      throw new MixzooError('E_SHAPE', `choice.sample: '${inputs}' (in option 'of') looks at the pixels to plan: use mix(), or pass the inputs to sample(shape, { inputs }).`);
    }
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
    const plans = mixers.map((m, k) => (picks.includes(k) ? m.sample(shape, { inputs: ctx.inputs, partnerInputs: ctx.partnerInputs, model: ctx.model, partnerModel: ctx.partnerModel }) : null));
    return { strategy: 'choice', ...mergePlans(picks, plans), extra: { choice: picks, plans } };
  },
  apply(x, plan, ctx) {
    const { mixers, spatial } = ctx.state;
    if (spatial && ctx.tensorName === 'inputs' && x.rank !== 4) {
      throw new MixzooError('E_SHAPE', `choice: '${spatial}' (in option 'of') mixes images: 'inputs' must be NHWC [B, H, W, C], got ${shapeText(x.shape)}.`);
    }
    const [batchSize, height, width] = x.shape;
    const bounds = { batchSize, partnerBatchSize: ctx.partnerInputs?.shape[0], ...(x.rank === 4 ? { height, width } : {}) };
    const { picks, plans } = checkChoicePlan(plan, bounds, mixers);
    // Sub-plans act on disjoint samples and always read partners from the untouched source.
    const source = ctx.partnerInputs ?? x;
    let out = x;
    plans.forEach((sub, k) => {
      if (!sub) return;
      const scaled = x.rank === 4 ? scalePlanGeometry(sub, height, width) : sub;
      out = mixers[k].applyPixels(out, restrictPlan(scaled, picks.map((p) => p === k)), ctx.tensorName, source);
    });
    return out;
  },
});
