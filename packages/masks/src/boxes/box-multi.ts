import { type ApplyContext, type Box, isObject, type MixPlan, MixzooError, type Mode, type Pairing, type Patch, type Rng, samplePairing, scaleBox } from '@mixzoo/core';
import type { Tensor } from '@tensorflow/tfjs-core';

/**
 * Several boxes per sample (cutmix `numMix`), each with its own partner from an independent
 * permutation. Later boxes overwrite earlier ones, so label weights are counted from the final
 * pixel ownership. Plan: `partners[i] = [i, p_1, ..., p_k]`, `weights[i]` = the visible share of
 * each, and `extra = { height, width, boxes }` with `boxes[i][m]` the box of `partners[i][m + 1]`.
 */
export type MultiBoxExtra = {
  height: number;
  width: number;
  boxes: Box[][];
};

/** Whether a (possibly hand-written) plan's `extra` has the multi-box fields; the boxes themselves are checked by the kernel. */
function isMultiBoxExtra(v: unknown): v is MultiBoxExtra {
  return isObject(v) && 'boxes' in v && 'height' in v && 'width' in v &&
    Array.isArray(v.boxes) && Number.isInteger(v.height) && Number.isInteger(v.width);
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
): MixPlan<MultiBoxExtra> {
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
  const partners: number[][] = [];
  const weights: number[][] = [];
  const extra: MultiBoxExtra = { height, width, boxes: [] };
  const plan: MixPlan<MultiBoxExtra> = { strategy, partner: [], lambda: [], partners, weights, height, width, extra };
  for (let i = 0; i < batchSize; i++) {
    if (!draws[0].active[i]) {
      plan.partner.push(i);
      plan.lambda.push(1);
      partners.push([i]);
      weights.push([1]);
      extra.boxes.push([]);
      continue;
    }
    const boxes = draws.map((d, m) => ({ ...boxOf(m, d.group[i]) }));
    const key = JSON.stringify(boxes);
    let counts = counted.get(key);
    if (!counts) counted.set(key, (counts = ownership(boxes, height, width)));
    const shares = counts.map((c) => c / (height * width));
    const sources = [i, ...draws.map((d) => d.partner[i])];
    // The two-way summary: own share (fixed-point boxes paste the sample onto itself) and the most visible partner.
    const own = shares.reduce((s, w, k) => (sources[k] === i ? s + w : s), 0);
    const best = sources.reduce((b, p, k) => (p !== i && (b < 0 || shares[k] > shares[b]) ? k : b), -1);
    plan.partner.push(best < 0 ? i : sources[best]);
    plan.lambda.push(Math.min(1, own));
    partners.push(sources);
    weights.push(shares);
    extra.boxes.push(boxes);
  }
  return plan;
}

/** Pastes every box of a multi-box plan (`ctx.kernels.pastePatches`), geometry rescaled to x's H×W. */
export function applyMultiBox(x: Tensor, plan: MixPlan<MultiBoxExtra>, ctx: ApplyContext<unknown>): Tensor {
  const { extra, partners } = plan;
  const b = x.shape[0];
  const [, height = 0, width = 0] = x.shape;
  if (!isMultiBoxExtra(extra) || extra.boxes.length !== b || !partners) {
    throw new MixzooError('E_PLAN', `${plan.strategy}: a multi-box plan needs 'partners' and 'extra' { height, width, boxes } with ${b} rows.`);
  }
  const patches: Patch[][] = partners.map((row, i) => {
    // A row restricted to [i] (composition) pastes nothing, whatever extra.boxes holds.
    const boxes = extra.boxes[i];
    if (!Array.isArray(boxes) || boxes.length < row.length - 1) {
      throw new MixzooError('E_PLAN', `${plan.strategy}: 'extra.boxes[${i}]' must hold one box per partner after the first (${row.length - 1}).`);
    }
    return row.slice(1).map((source, m) => ({ source, box: scaleBox(boxes[m], extra.height, extra.width, height, width) }));
  });
  return ctx.kernels.pastePatches(x, patches, ctx.partnerInputs ?? x);
}
