import { MixzooError, type ModelContext, type ModelMaps } from '@mixzoo/core';
import { resizeBilinear } from './saliency-image.js';

/**
 * Sample i's map of a model context on an H×W grid: as given when it has that size, else resized
 * bilinearly with half-pixel centres (PyTorch's `align_corners=False`), e.g. a 7×7 CAM to the image.
 */
export function mapOnGrid(maps: ModelMaps, i: number, height: number, width: number): Float64Array {
  const row = maps.data[i];
  if (maps.height === height && maps.width === width) return Float64Array.from(row);
  return resizeBilinear(row, maps.height, maps.width, height, width);
}

/**
 * The maps of `kind`, for strategies that read the partner's map too: the context holds one map
 * per sample of this batch, so partners from another batch (cross-dataset) have none.
 */
export function partnerMaps(where: string, model: ModelContext | undefined, kind: 'saliency' | 'cam', external: number | undefined): ModelMaps {
  const maps = model?.[kind];
  // The mixer checked needs.model before sample() runs; this guards direct calls.
  if (!maps) throw new MixzooError('E_SHAPE', `${where}: the model context has no '${kind}' maps.`);
  if (external !== undefined) {
    throw new MixzooError('E_SHAPE', `${where}: the partners' '${kind}' maps are needed, but the partners come from another batch (cross-dataset) whose maps the model context does not hold.`);
  }
  return maps;
}

/** The flat index of the first maximum (row-major), ignoring non-finite values; -1 when there is none. */
export function firstArgmax(values: ArrayLike<number>): number {
  let best = -1;
  for (let p = 0; p < values.length; p++) {
    if (Number.isFinite(values[p]) && (best < 0 || values[p] > values[best])) best = p;
  }
  return best;
}
