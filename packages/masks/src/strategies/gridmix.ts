import { defineStrategy, mixingOptions, drawPairing, type MixPlan } from '@mixzoo/core';
import { z } from 'zod';
import { gridMask } from '../boxes/box-grid.js';
import { checkRangeOrder } from '../options.js';

const range = (item: z.ZodNumber, value: [number, number], what: string) => z.tuple([item, item]).default(value).describe(`[lo, hi] range of ${what}, drawn uniformly per mask ([v, v] fixes it).`);

/**
 * GridMix: a grid of square-ish holes inside a random crop takes the partner; the hole side scales
 * with √(1−λ), λ ~ Beta(α, α). One binary mask per batch by default (OpenMixup), per sample in
 * 'elem'; label λ = mean of the mask.
 */
export const gridmix = defineStrategy({
  name: 'gridmix',
  family: 'masks',
  paper: 'Baek, Bang, Shim. GridMix: Strong regularization through local context mapping. Pattern Recognition 109, 2021.',
  summary: 'A grid of holes inside a random crop shows the partner; hole size from λ ~ Beta(α, α); labels by the mask mean. OpenMixup defaults.',
  needs: { spatial: true },
  options: z.strictObject({
    ...mixingOptions({ alpha: 1, mode: 'batch' }),
    nHoles: range(z.number().int().min(1), [2, 6], 'the number of holes across the crop (integers, inclusive)'),
    holeAspectRatio: range(z.number().gt(0), [1, 1], 'the hole (patch) height / width ratio'),
    cutAreaRatio: range(z.number().gt(0).max(1), [0.5, 1], 'the crop area as a fraction of the image'),
    cutAspectRatio: range(z.number().gt(0), [0.5, 2], 'the crop height / width ratio'),
  }),
  setup(options) {
    for (const key of ['nHoles', 'holeAspectRatio', 'cutAreaRatio', 'cutAspectRatio'] as const) {
      checkRangeOrder('gridmix', key, options[key], '[lo, hi] with lo <= hi');
    }
    return undefined;
  },
  sample(ctx) {
    const { alpha, mode } = ctx.options;
    const { height, width } = ctx;
    const lambdas = ctx.rng.stream('lambda');
    const geometry = ctx.rng.stream('masks');
    const draw = drawPairing(ctx);
    const masks = new Map<number, { mask: number[]; mean: number }>();
    const maskOf = (group: number) => {
      let entry = masks.get(group);
      if (!entry) {
        const mask = gridMask(geometry, height, width, lambdas.beta(alpha, alpha), ctx.options);
        masks.set(group, (entry = { mask, mean: mask.reduce((s, v) => s + v, 0) / mask.length }));
      }
      return entry;
    };
    const rows = draw.active.map((active, i) => (active ? maskOf(draw.group[i]) : null));
    const plan: MixPlan = {
      strategy: 'gridmix',
      partner: draw.partner,
      lambda: rows.map((row) => row?.mean ?? 1),
      height,
      width,
    };
    if (rows.some((row) => row !== null)) {
      // One mask for the whole batch when every sample uses it; otherwise a row per sample (null = unmixed).
      const shared = mode === 'batch' && rows.every((row) => row !== null);
      plan.masks = { height, width, data: shared ? [rows[0].mask] : rows.map((row) => row?.mask ?? null) };
    }
    return plan;
  },
});
