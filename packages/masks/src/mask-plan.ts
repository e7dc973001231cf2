import { drawPairing, identityPlan, type MixPlan, type Mode, type Pairing, type SampleContext } from '@mixzoo/core';

export interface MaskPlanOptions {
  mode: Mode;
  pairing: Pairing;
  prob: number;
}

/** One drawn mask (row-major H×W, 1 = own pixel) and the λ to report for it. */
export interface MaskDraw {
  mask: number[];
  /** The mask's mean (the share of own pixels kept). */
  lambda: number;
  /** Own label weight when labels do not follow the mask (e.g. the Beta draw): goes to `labelWeights`. */
  label?: number;
}

/**
 * The plan of a per-pixel mask strategy: partners from the pairing, one mask per draw group
 * (`draw` is called once per mixed group, in group order). In 'batch' mode the one mask is
 * shared (`masks.data` of length 1) and applies to every sample, as the reference codes do: a
 * sample the permutation maps to itself is blended with itself, which leaves it unchanged, so
 * it reports λ = 1 like every unmixed sample. In 'elem'/'pair' mode unmixed samples get a null
 * row and λ = 1. `enabled` false (α = 0) is off.
 */
export function sampleMaskPlan(ctx: SampleContext<MaskPlanOptions, unknown, { spatial: true }>, strategy: string, enabled: boolean, draw: () => MaskDraw): MixPlan {
  const { mode } = ctx.options;
  const { height, width } = ctx;
  const pairs = drawPairing(ctx, enabled);
  if (!pairs.active.some(Boolean)) return { ...identityPlan(strategy, ctx.batchSize), height, width };
  if (mode === 'batch') {
    const d = draw();
    return withLabels(
      { strategy, partner: pairs.partner, lambda: pairs.active.map((active) => (active ? d.lambda : 1)), masks: { height, width, data: [d.mask] }, height, width },
      pairs.active.map((active) => (active ? d : null)),
    );
  }
  const draws = new Map<number, MaskDraw>();
  const drawOf = (i: number): MaskDraw | null => {
    if (!pairs.active[i]) return null;
    const group = pairs.group[i];
    let d = draws.get(group);
    if (!d) {
      d = draw();
      draws.set(group, d);
    }
    return d;
  };
  // In index order groups come first-seen in increasing order (a pair's group is its smaller index).
  const rows = pairs.partner.map((_, i) => drawOf(i));
  return withLabels(
    { strategy, partner: pairs.partner, lambda: rows.map((d) => d?.lambda ?? 1), masks: { height, width, data: rows.map((d) => d?.mask ?? null) }, height, width },
    rows,
  );
}

/** Adds `labelWeights` when the draws label by something other than the mask mean. */
function withLabels(plan: MixPlan, rows: (MaskDraw | null)[]): MixPlan {
  if (!rows.some((d) => d?.label !== undefined)) return plan;
  const own = rows.map((d, i) => d?.label ?? plan.lambda[i]);
  return { ...plan, labelWeights: { own, partner: own.map((w) => 1 - w) } };
}
