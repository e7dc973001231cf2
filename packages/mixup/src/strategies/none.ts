import { defineStrategy, identityPlan, MixzooError, type MixPlan } from '@mixzoo/core';
import { z } from 'zod';

/** A 'none' plan must leave every sample as it is; anything else would mix labels the pixels do not show. */
function checkIdentity(plan: MixPlan, external: boolean): void {
  const mixed = plan.lambda.findIndex((l, i) => l !== 1 || (!external && plan.partner[i] !== i));
  if (mixed >= 0) {
    throw new MixzooError('E_PLAN', `none: plan must keep every sample (partner = self, lambda = 1), got partner ${plan.partner[mixed]} and lambda ${plan.lambda[mixed]} at sample ${mixed}.`);
  }
  for (const field of ['boxes', 'masks', 'partners', 'weights'] as const) {
    if (plan[field] !== undefined) throw new MixzooError('E_PLAN', `none: plan must not have '${field}' (nothing is mixed).`);
  }
}

/**
 * The identity: every sample keeps itself (λ = 1). The baseline of a comparison, a branch of
 * 'choice', or a way to get the labels as float32 [B, K] rows like every other strategy.
 */
export const none = defineStrategy({
  name: 'none',
  family: 'baseline',
  paper: 'No mixing: empirical risk minimization, the baseline every MSDA paper compares against.',
  summary: 'Identity: every sample keeps itself (λ = 1); outputs are new tensors, labels float32 [B, K] one-hot/soft rows.',
  options: z.strictObject({}),
  sample(ctx) {
    const plan = identityPlan('none', ctx.batchSize);
    // With a partner batch (cross-dataset) partners index into it; with λ = 1 any valid index does.
    const { external } = ctx;
    if (external !== undefined) plan.partner = plan.partner.map((i) => i % external);
    return plan;
  },
  apply(x, plan, ctx) {
    checkIdentity(plan, ctx.partnerInputs !== undefined);
    return ctx.applyDefault(x, plan);
  },
});
