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
 * The maps of `kind` for the samples (`own`) and for their partners: this batch's own maps, or
 * with a partner batch (cross-dataset) the partner batch's context (`partner.model` in `mix`).
 */
export function pairMaps(where: string, ctx: { model?: ModelContext; partnerModel?: ModelContext; external?: number }, kind: 'saliency' | 'cam'): { own: ModelMaps; partner: ModelMaps } {
  const own = ctx.model?.[kind];
  // The mixer checked needs.model before sample() runs; this guards direct calls.
  if (!own) throw new MixzooError('E_SHAPE', `${where}: the model context has no '${kind}' maps.`);
  if (ctx.external === undefined) return { own, partner: own };
  const partner = ctx.partnerModel?.[kind];
  if (!partner) {
    throw new MixzooError('E_SHAPE', `${where}: the partners come from another batch (cross-dataset): pass that batch's '${kind}' maps too, as partner.model in mix() or partnerModel in sample().`);
  }
  return { own, partner };
}

/** The flat index of the first maximum (row-major), ignoring non-finite values; -1 when there is none. */
export function firstArgmax(values: ArrayLike<number>): number {
  let best = -1;
  for (let p = 0; p < values.length; p++) {
    if (Number.isFinite(values[p]) && (best < 0 || values[p] > values[best])) best = p;
  }
  return best;
}
