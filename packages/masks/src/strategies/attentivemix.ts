import { defineStrategy, drawPairing, identityPlan, mixingOptions, MixzooError, type MixPlan } from '@mixzoo/core';
import { z } from 'zod';
import { resizeBilinear } from '../saliency-image.js';

/** The k cells of a g×g score map with the highest scores (ties: the lower flat index first). */
export function topCells(scores: ArrayLike<number>, k: number): number[] {
  return Array.from(scores, (s, cell) => ({ s, cell }))
    .sort((a, b) => b.s - a.s || a.cell - b.cell)
    .slice(0, k)
    .map((c) => c.cell);
}

/** A g×g cell mask (1 on `cells`) nearest-upsampled to H×W: pixel (r, c) reads cell (⌊r·g/H⌋, ⌊c·g/W⌋). */
export function cellMask(cells: readonly number[], grid: number, height: number, width: number): number[] {
  const on = new Uint8Array(grid * grid);
  for (const cell of cells) on[cell] = 1;
  const mask = new Array<number>(height * width);
  for (let r = 0; r < height; r++) {
    const row = Math.floor((r * grid) / height) * grid;
    for (let c = 0; c < width; c++) mask[r * width + c] = on[row + Math.floor((c * grid) / width)];
  }
  return mask;
}

/**
 * AttentiveMix in OpenMixup's in-batch form (Westlake-AI/openmixup models/augments/attentivemix.py):
 * each image keeps its k most activated cells of a g×g grid (the model's activation map: channel
 * mean of its last feature map) over its partner; λ = the kept area. `topK` null is OpenMixup's
 * "AttentiveMix+": k = min(max(1, ⌊g²·λ⌋), g²) with λ ~ Beta(α, α).
 */
export const attentivemix = defineStrategy({
  name: 'attentivemix',
  family: 'model-aware',
  paper: 'Walawalkar, Shen, Liu, Savvides. Attentive CutMix: An Enhanced Data Augmentation Approach for Deep Learning Based Image Classification. ICASSP 2020.',
  summary: "Keeps each image's k most activated grid cells (the model's activation map) over its partner; labels by the kept area.",
  needs: { spatial: true, model: ['activation'] },
  options: z.strictObject({
    ...mixingOptions({ alpha: 1, mode: 'batch', modes: ['batch', 'elem'] }),
    topK: z.number().int().min(1).nullable().default(6).describe("Cells kept per image (capped at g²); null: k = min(max(1, ⌊g²·λ⌋), g²), λ ~ Beta(alpha, alpha) ('AttentiveMix+')."),
    grid: z.number().int().min(1).optional().describe("Cells per side g; default: the activation map's own grid (one cell per feature-map position), else the map is resized bilinearly to g×g."),
  }),
  sample(ctx): MixPlan {
    const { height, width } = ctx;
    const { topK, alpha } = ctx.options;
    const maps = ctx.model.activation;
    if (ctx.options.grid === undefined && maps.height !== maps.width) {
      throw new MixzooError('E_SHAPE', `attentivemix.sample: the activation maps are ${maps.height}×${maps.width}, not a square grid: pass option 'grid'.`);
    }
    const grid = ctx.options.grid ?? maps.height;
    const lambdas = ctx.rng.stream('lambda');
    const draw = drawPairing(ctx);
    if (!draw.active.some(Boolean)) return { ...identityPlan('attentivemix', ctx.batchSize), height, width };
    const ks = new Map<number, number>();
    const kOf = (group: number) => {
      let k = ks.get(group);
      if (k === undefined) {
        k = topK ?? Math.floor(grid * grid * lambdas.beta(alpha, alpha));
        ks.set(group, (k = Math.min(Math.max(1, k), grid * grid)));
      }
      return k;
    };
    const rows = draw.partner.map((_, i) => {
      if (!draw.active[i]) return null;
      const map = maps.height === grid && maps.width === grid ? maps.data[i] : resizeBilinear(maps.data[i], maps.height, maps.width, grid, grid);
      return cellMask(topCells(map, kOf(draw.group[i])), grid, height, width);
    });
    const lambda = rows.map((row) => (row ? row.reduce((s, v) => s + v, 0) / row.length : 1));
    return { strategy: 'attentivemix', partner: draw.partner, lambda, masks: { height, width, data: rows }, height, width };
  },
});
