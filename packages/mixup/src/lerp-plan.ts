import { drawCoins, drawPairing, pairingOptionsOf, type MixPlan, type Mode, type Pairing, type SampleContext } from '@mixzoo/core';

export interface LerpOptions {
  alpha: number;
  mode: Mode;
  pairing: Pairing;
  prob: number;
  /** Samples per mixed output (k-way mixup); 2 (the default) is classic two-sample mixup. */
  k?: number;
}

/**
 * The plan of every λ-interpolation strategy: partners from the 'pairing' stream, one
 * λ ~ Beta(α, α) per draw group from the 'lambda' stream. α = 0 is off: the identity plan.
 * k > 2 gives a k-way plan (see sampleKWayPlan); k = 2 draws exactly what it always drew.
 */
export function sampleLerpPlan(ctx: SampleContext<LerpOptions>, strategy: string): MixPlan {
  const k = ctx.options.k ?? 2;
  if (k > 2) return sampleKWayPlan(ctx, strategy, k);
  const { alpha } = ctx.options;
  const draw = drawPairing(ctx);
  const stream = ctx.rng.stream('lambda');
  const lambdas = Array.from({ length: draw.groups }, () => (alpha > 0 ? stream.beta(alpha, alpha) : 1));
  return {
    strategy,
    partner: draw.partner,
    lambda: draw.partner.map((_, i) => (draw.active[i] ? lambdas[draw.group[i]] : 1)),
  };
}

/**
 * k-way mixup: row i is `[i, p_1(i), …, p_{k−1}(i)]`, the sample itself first, then its entry in
 * each of k − 1 independent permutations (derangements with pairing 'derangement') from the
 * 'pairing' stream; weights ~ Dirichlet(α, …, α), one draw per group ('batch': one per batch,
 * 'elem': one per sample) from the 'lambda' stream; prob coins from the 'prob' stream. Rows keep
 * k entries even when a permutation repeats a sample. Unmixed samples (prob, α = 0, B < 2) are the
 * row [i] with weight [1]. `lambda` is the total weight of the sample itself and `partner` the
 * other sample with the largest total weight (self when there is none).
 */
function sampleKWayPlan(ctx: SampleContext<LerpOptions>, strategy: string, k: number): MixPlan {
  const { alpha, mode, pairing } = ctx.options;
  const b = ctx.batchSize;
  const groups = mode === 'batch' ? Math.min(b, 1) : b;
  const drawn = drawCoins(ctx.rng, groups, pairingOptionsOf(ctx).prob);
  const pairs = ctx.rng.stream('pairing');
  const perms = b < 2 ? [] : Array.from({ length: k - 1 }, () => (pairing === 'derangement' ? pairs.derangement(b) : pairs.permutation(b)));
  const lambdas = ctx.rng.stream('lambda');
  const dirichlet = Array.from({ length: groups }, () => (alpha > 0 ? lambdas.dirichlet(new Array<number>(k).fill(alpha)) : []));
  const partnersOf: number[][] = [];
  const weightsOf: number[][] = [];
  const plan: MixPlan = { strategy, partner: [], lambda: [], partners: partnersOf, weights: weightsOf };
  for (let i = 0; i < b; i++) {
    const g = mode === 'batch' ? 0 : i;
    const mixed = b >= 2 && drawn[g];
    const partners = mixed ? [i, ...perms.map((p) => p[i])] : [i];
    const weights = mixed ? dirichlet[g] : [1];
    const total = new Map<number, number>();
    partners.forEach((p, j) => total.set(p, (total.get(p) ?? 0) + weights[j]));
    let partner = i;
    let partnerWeight = 0;
    for (const [p, w] of total) if (p !== i && (partner === i || w > partnerWeight)) [partner, partnerWeight] = [p, w];
    plan.partner.push(partner);
    plan.lambda.push(Math.min(1, total.get(i) ?? 0));
    partnersOf.push(partners);
    weightsOf.push(weights);
  }
  return plan;
}
