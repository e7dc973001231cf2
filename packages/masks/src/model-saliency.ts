import { type ModelContext } from '@mixzoo/core';
import { firstArgmax, mapOnGrid, pairMaps } from './model-maps.js';

/**
 * SaliencyMix's 'model' source: the (row, column) of the first maximum of partner `index`'s model
 * saliency (|∂loss/∂input|, on the image grid or resized to it). A map without a finite maximum
 * (checked by the mixer, so only all-equal maps) peaks at its first pixel.
 */
export function modelSaliencyPeak(where: string, ctx: { model?: ModelContext; partnerModel?: ModelContext; external?: number }, index: number, height: number, width: number): { cy: number; cx: number } {
  const map = mapOnGrid(pairMaps(`${where}.sample`, ctx, 'saliency').partner, index, height, width);
  const best = Math.max(0, firstArgmax(map));
  return { cy: Math.floor(best / width), cx: best % width };
}
