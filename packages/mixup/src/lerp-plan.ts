import { samplePairing, type MixPlan, type Mode, type Pairing, type SampleContext } from '@mixzoo/core';

export interface LerpOptions {
  alpha: number;
  mode: Mode;
  pairing: Pairing;
  prob: number;
}

/**
 * The plan of every λ-interpolation strategy: partners from the 'pairing' stream, one
 * λ ~ Beta(α, α) per draw group from the 'lambda' stream. α = 0 is off: the identity plan.
 */
export function sampleLerpPlan(ctx: SampleContext<LerpOptions>, strategy: string): MixPlan {
  const { alpha, mode, pairing, prob } = ctx.options;
  const draw = samplePairing(ctx.rng, ctx.batchSize, { mode, pairing, prob: alpha === 0 ? 0 : prob, external: ctx.external });
  const stream = ctx.rng.stream('lambda');
  const lambdas = Array.from({ length: draw.groups }, () => (alpha > 0 ? stream.beta(alpha, alpha) : 1));
  return {
    strategy,
    partner: draw.partner,
    lambda: draw.partner.map((_, i) => (draw.active[i] ? lambdas[draw.group[i]] : 1)),
  };
}
