import { unmixedPartner, type Box, type MixPlan, type PairingDraw } from '@mixzoo/core';
import { z } from 'zod';
import { areaLambda, boxArea } from './box-sampling.js';

export const LAMBDA_MODES = ['corrected', 'sampled'] as const;
export type LambdaMode = (typeof LAMBDA_MODES)[number];

export const lambdaModeOption = () =>
  z
    .enum(LAMBDA_MODES)
    .default('corrected')
    .describe("'corrected': label λ = 1 − box area/(H·W), the pixels actually kept; 'sampled': labels by the Beta draw itself (plan 'labelWeights'; they then differ from the pasted area).");

/** One draw group's geometry: the box and, for lambdaMode 'sampled', the λ it was drawn from. */
export interface GroupBox {
  box: Box;
  sampled?: number;
}

/**
 * The plan of a one-box-per-draw strategy (cutmix, resizemix, saliencymix). `drawGroup` is called
 * once per draw group that has active samples, in order, with those samples (so inactive groups
 * draw nothing). λ is always the geometry, 1 − area/(H·W), and in 'corrected' mode an empty box
 * is the identity (partner = self). 'sampled' mode labels by the Beta draw through `labelWeights`
 * (own = the draw, partner = 1 − the draw); its empty boxes stay in the plan, so the default
 * applier never falls back to a λ-lerp of the pixels.
 */
export function boxPlan<Extra = Record<string, unknown>>(
  strategy: string,
  draw: PairingDraw,
  drawGroup: (members: number[]) => GroupBox,
  shape: { height: number; width: number },
  lambdaMode: LambdaMode = 'corrected',
): MixPlan<Extra> {
  const members: number[][] = Array.from({ length: draw.groups }, () => []);
  draw.active.forEach((active, i) => {
    if (active) members[draw.group[i]].push(i);
  });
  const groups = members.map((m) => (m.length > 0 ? drawGroup(m) : null));
  const b = draw.partner.length;
  const boxes: (Box | null)[] = [];
  const plan: MixPlan<Extra> = { strategy, partner: [], lambda: [], boxes, height: shape.height, width: shape.width };
  for (let i = 0; i < b; i++) {
    const g = draw.active[i] ? groups[draw.group[i]] : null;
    const keep = g !== null && (lambdaMode === 'sampled' || boxArea(g.box) > 0);
    plan.partner.push(keep ? draw.partner[i] : unmixedPartner(i, draw.external));
    boxes.push(keep ? { ...g.box } : null);
    plan.lambda.push(keep ? areaLambda(g.box, shape.height, shape.width) : 1);
  }
  if (lambdaMode === 'sampled') {
    const own = draw.partner.map((_, i) => {
      const sampled = groups[draw.group[i]]?.sampled;
      return boxes[i] && sampled !== undefined ? sampled : plan.lambda[i];
    });
    plan.labelWeights = { own, partner: own.map((w) => 1 - w) };
  }
  return plan;
}
