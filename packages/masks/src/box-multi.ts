import { MixzooError, samplePairing, scaleBox, type ApplyContext, type Box, type MixPlan, type Mode, type Pairing, type Patch, type Rng } from '@mixzoo/core';
import type { Tensor } from '@tensorflow/tfjs-core';

/**
 * Several boxes per sample (cutmix `numMix`), each with its own partner from an independent
 * permutation. Later boxes overwrite earlier ones, so label weights are counted from the final
 * pixel ownership. Plan: `partners[i] = [i, p_1, ..., p_k]`, `weights[i]` = the visible share of
 * each, and `extra = { height, width, boxes }` with `boxes[i][m]` the box of `partners[i][m + 1]`.
 */
export interface MultiBoxExtra {
  height: number;
  width: number;
  boxes: Box[][];
}

/** Pixel counts of [own, box 1, ..., box k] after pasting the boxes in order. */
function ownership(boxes: readonly Box[], height: number, width: number): number[] {
  const owner = new Int32Array(height * width);
  boxes.forEach((box, m) => {
    for (let y = box.y0; y < box.y1; y++) owner.fill(m + 1, y * width + box.x0, y * width + box.x1);
  });
  const counts = new Array<number>(boxes.length + 1).fill(0);
  for (const o of owner) counts[o]++;
  return counts;
}

export function multiBoxPlan(
  strategy: string,
  rng: Rng,
  batchSize: number,
  options: { mode: Mode; pairing: Pairing; prob: number },
  numMix: number,
  drawBox: () => Box,
  shape: { height: number; width: number },
): MixPlan {
  const { height, width } = shape;
  // prob is decided once, by the first box's draw; the other boxes only add partners.
  const draws = Array.from({ length: numMix }, (_, m) =>
    m === 0 ? samplePairing(rng, batchSize, options) : samplePairing(rng.stream(`box:${m}`), batchSize, { ...options, prob: 1 }),
  );
  // Geometry is drawn on first use, so inactive groups draw nothing (α = 0 never reaches the Beta).
  const drawn = draws.map(() => new Map<number, Box>());
  const boxOf = (m: number, group: number): Box => {
    let box = drawn[m].get(group);
    if (!box) drawn[m].set(group, (box = drawBox()));
    return box;
  };
  const counted = new Map<string, number[]>();
  const plan: MixPlan = { strategy, partner: [], lambda: [], partners: [], weights: [], height, width };
  const extra: MultiBoxExtra = { height, width, boxes: [] };
  for (let i = 0; i < batchSize; i++) {
    if (!draws[0].active[i]) {
      plan.partner.push(i);
      plan.lambda.push(1);
      plan.partners!.push([i]);
      plan.weights!.push([1]);
      extra.boxes.push([]);
      continue;
    }
    const boxes = draws.map((d, m) => ({ ...boxOf(m, d.group[i]) }));
    const key = JSON.stringify(boxes);
    let counts = counted.get(key);
    if (!counts) counted.set(key, (counts = ownership(boxes, height, width)));
    const weights = counts.map((c) => c / (height * width));
    const partners = [i, ...draws.map((d) => d.partner[i])];
    // The two-way summary: own share (fixed-point boxes paste the sample onto itself) and the most visible partner.
    const own = weights.reduce((s, w, k) => (partners[k] === i ? s + w : s), 0);
    const best = partners.reduce((b, p, k) => (p !== i && (b < 0 || weights[k] > weights[b]) ? k : b), -1);
    plan.partner.push(best < 0 ? i : partners[best]);
    plan.lambda.push(Math.min(1, own));
    plan.partners!.push(partners);
    plan.weights!.push(weights);
    extra.boxes.push(boxes);
  }
  plan.extra = { ...extra };
  return plan;
}

/** Pastes every box of a multi-box plan (`ctx.kernels.pastePatches`), geometry rescaled to x's H×W. */
export function applyMultiBox(x: Tensor, plan: MixPlan, ctx: ApplyContext): Tensor {
  const extra = plan.extra as Partial<MultiBoxExtra>;
  const b = x.shape[0];
  if (!Array.isArray(extra.boxes) || extra.boxes.length !== b || !Number.isInteger(extra.height) || !Number.isInteger(extra.width) || !plan.partners) {
    throw new MixzooError('E_PLAN', `${plan.strategy}: a multi-box plan needs 'partners' and 'extra' { height, width, boxes } with ${b} rows.`);
  }
  const [, height, width] = x.shape as number[];
  const patches: Patch[][] = plan.partners.map((row, i) => {
    // A row restricted to [i] (composition) pastes nothing, whatever extra.boxes holds.
    const boxes = extra.boxes![i];
    if (!Array.isArray(boxes) || boxes.length < row.length - 1) {
      throw new MixzooError('E_PLAN', `${plan.strategy}: 'extra.boxes[${i}]' must hold one box per partner after the first (${row.length - 1}).`);
    }
    return row.slice(1).map((source, m) => ({ source, box: scaleBox(boxes[m], extra.height!, extra.width!, height, width) }));
  });
  return ctx.kernels.pastePatches(x, patches, ctx.partnerInputs ?? x);
}
