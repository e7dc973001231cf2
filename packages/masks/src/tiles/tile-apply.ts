import type { ApplyContext, MixPlan } from '@mixzoo/core';
import type { Tensor } from '@tensorflow/tfjs-core';
import { scaleTiles, tileLayout, type TileLayout } from './tiles.js';

/**
 * Pixels of a tile plan: each sample's tiles pasted from the source batch (the partner batch,
 * or the untouched x) with the context's kernel row copies (`ctx.kernels.pastePatches`), so int32 class maps are copied exactly.
 * Tiles are rescaled to this tensor's size; a row `partners: [i]` is left untouched.
 */
export function applyTiles(x: Tensor, plan: MixPlan<TileLayout>, ctx: ApplyContext<unknown>): Tensor {
  const layout = tileLayout(plan);
  const [, height = 0, width = 0] = x.shape;
  const patches = layout.tiles.map((tiles, i) => {
    const row = plan.partners?.[i];
    const untouched = row !== undefined && row.length === 1 && row[0] === i;
    return untouched ? [] : scaleTiles(tiles, layout, height, width);
  });
  return ctx.kernels.pastePatches(x, patches, ctx.partnerInputs ?? x);
}
