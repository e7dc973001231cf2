import { type ModelContext } from '@mixzoo/core';
import { firstArgmax, mapOnGrid, partnerMaps } from './model-maps.js';

/**
 * SaliencyMix's 'model' source: the (row, column) of the first maximum of sample `index`'s model
 * saliency (|∂loss/∂input|, on the image grid or resized to it). A map without a finite maximum
 * (checked by the mixer, so only all-equal maps) peaks at its first pixel.
 */
export function modelSaliencyPeak(where: string, model: ModelContext | undefined, index: number, height: number, width: number, external?: number): { cy: number; cx: number } {
  const map = mapOnGrid(partnerMaps(`${where}.sample`, model, 'saliency', external), index, height, width);
  const best = Math.max(0, firstArgmax(map));
  return { cy: Math.floor(best / width), cx: best % width };
}
