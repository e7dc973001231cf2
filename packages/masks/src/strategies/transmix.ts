import { defineStrategy, describeValue, mixingOptions, MixzooError, pairingOptionsOf, samplePairing, type Box, type MixPlan, type ModelMaps } from '@mixzoo/core';
import { z } from 'zod';
import { boxPlan } from '../boxes/box-plan.js';
import { boxArea, cutRatio, cutSize, randomCentreBox } from '../boxes/box-sampling.js';

/**
 * The patches of a gh×gw grid the box covers, as PyTorch's nearest downsampling of the box mask
 * decides: patch (i, j) counts iff pixel (⌊i·H/gh⌋, ⌊j·W/gw⌋) is inside the box.
 */
function patchInBox(box: Box, height: number, width: number, gh: number, gw: number): boolean[] {
  const cells: boolean[] = [];
  for (let i = 0; i < gh; i++) {
    const r = Math.floor((i * height) / gh);
    for (let j = 0; j < gw; j++) {
      const c = Math.floor((j * width) / gw);
      cells.push(r >= box.y0 && r < box.y1 && c >= box.x0 && c < box.x1);
    }
  }
  return cells;
}

/** E_SHAPE unless the attention maps hold one finite, non-negative row of gh·gw values per sample. */
function checkAttention(attention: ModelMaps, batchSize: number): void {
  const fail = (what: string, got: unknown) => new MixzooError('E_SHAPE', `transmix.relabel: 'attention' ${what}, got ${describeValue(got)}.`);
  const { height, width, data } = attention;
  if (!Number.isInteger(height) || !Number.isInteger(width) || height < 1 || width < 1) throw fail('must have integer height and width >= 1 (the patch grid)', [height, width]);
  if (!Array.isArray(data) || data.length !== batchSize) throw fail(`must have one row per sample (${batchSize})`, Array.isArray(data) ? `${data.length} rows` : data);
  data.forEach((row, i) => {
    if (!Array.isArray(row) || row.length !== height * width || row.some((v) => !Number.isFinite(v) || v < 0)) {
      throw fail(`row ${i} must be ${height}·${width} finite values >= 0 (class-token attention over the patches)`, row);
    }
  });
}

/**
 * TransMix: CutMix geometry (timm's box, partner = flipped batch by default), then labels from a
 * vision transformer's view of the MIXED image: the partner's weight is
 * `ratio·(pasted area) + (1 − ratio)·(class-token attention on the pasted patches ÷ all attention)`.
 * λ stays the kept area (the pixels); the label rule lives in `labelWeights` (set by `relabel`).
 */
export const transmix = defineStrategy({
  name: 'transmix',
  family: 'model-aware',
  paper: 'Chen, Wang, Mei, Yang, Xie, Kong, Wang, Yuille, Yang, Wang. TransMix: Attend to Mix for Vision Transformers. CVPR 2022.',
  summary: "CutMix whose labels are re-weighted by the model's attention on the mixed image: half the pasted area, half the class token's attention on the pasted patches.",
  needs: { spatial: true, mixedModel: ['attention'] },
  labelRule: 'weights',
  options: z.strictObject({
    ...mixingOptions({ alpha: 1, mode: 'batch', pairing: 'flip' }),
    ratio: z.number().min(0).max(1).default(0.5).describe("Weight of the pasted area in the partner's label weight; the rest is the attention share (the reference's 0.5)."),
  }),
  sample(ctx) {
    const { alpha } = ctx.options;
    const { height, width } = ctx;
    const lambdas = ctx.rng.stream('lambda');
    const geometry = ctx.rng.stream('geometry');
    const draw = samplePairing(ctx.rng, ctx.batchSize, pairingOptionsOf(ctx));
    return boxPlan('transmix', draw, () => {
      const { cutH, cutW } = cutSize(height, width, cutRatio(lambdas.beta(alpha, alpha)));
      return { box: randomCentreBox(geometry, height, width, cutH, cutW) };
    }, { height, width });
  },
  relabel(plan: MixPlan, model, { options }) {
    const attention = model.attention as ModelMaps; // the mixer checked that it is there
    const b = plan.partner.length;
    checkAttention(attention, b);
    const height = plan.height ?? 0;
    const width = plan.width ?? 0;
    const partner = plan.partner.map((_, i) => {
      const box = plan.boxes?.[i];
      if (!box || boxArea(box) === 0) return 0; // unmixed: all own
      const pasted = boxArea(box) / (height * width);
      const row = attention.data[i];
      const total = row.reduce((s, v) => s + v, 0);
      const inBox = patchInBox(box, height, width, attention.height, attention.width);
      const attended = total > 0 ? row.reduce((s, v, k) => s + (inBox[k] ? v : 0), 0) / total : pasted;
      return options.ratio * pasted + (1 - options.ratio) * attended;
    });
    return { ...plan, labelWeights: { own: partner.map((w) => 1 - w), partner } };
  },
});
