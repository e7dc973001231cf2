import type { Rng } from '@mixzoo/core';

/** GridMix's random parameters (OpenMixup names), each a [lo, hi] range. */
export interface GridRanges {
  nHoles: readonly [number, number];
  holeAspectRatio: readonly [number, number];
  cutAreaRatio: readonly [number, number];
  cutAspectRatio: readonly [number, number];
}

/**
 * One GridMix mask (1 = own pixel, 0 = partner) for a λ, following OpenMixup's `rand_grid`:
 * a crop of area floor(H·W·ratio) and aspect `cutAspect` placed inside the image, cut into
 * patches of width ceil(crop_w / n_holes) and height floor(patch_w · hole aspect); each patch's
 * top-left hole of side floor(patch · √(1−λ)), clamped to [1, patch − 1], takes the partner.
 * Unlike OpenMixup, the crop is clamped to the image and n_holes to floor(crop_w / 2) (OpenMixup
 * indexes outside the image or asserts there), and patches under 2 pixels get no hole.
 */
export function gridMask(rng: Rng, height: number, width: number, lambda: number, ranges: GridRanges): number[] {
  const [nLo, nHi] = ranges.nHoles;
  const drawnHoles = nLo + rng.int(nHi - nLo + 1);
  const holeAspect = rng.uniform(...ranges.holeAspectRatio);
  const areaRatio = rng.uniform(...ranges.cutAreaRatio);
  const cutAspect = rng.uniform(...ranges.cutAspectRatio);
  const cutArea = Math.floor(height * width * areaRatio);
  const cutW = Math.min(width, Math.floor(Math.sqrt(cutArea / cutAspect)));
  const cutH = Math.min(height, Math.floor(cutW * cutAspect));
  const x0 = Math.floor((width - cutW) * rng.uniform());
  const y0 = Math.floor((height - cutH) * rng.uniform());
  const mask = new Array<number>(height * width).fill(1);
  const nHoles = Math.max(1, Math.min(drawnHoles, Math.floor(cutW / 2)));
  const patchW = Math.ceil(cutW / nHoles);
  const patchH = Math.floor(patchW * holeAspect);
  const ratio = Math.sqrt(1 - lambda);
  const holeW = Math.min(Math.max(Math.floor(patchW * ratio), 1), patchW - 1);
  const holeH = Math.min(Math.max(Math.floor(patchH * ratio), 1), patchH - 1);
  if (holeW < 1 || holeH < 1) return mask;
  for (let py = 0; py < cutH; py += patchH) {
    for (let px = 0; px < cutW; px += patchW) {
      const y1 = Math.min(py + holeH, cutH);
      const x1 = Math.min(px + holeW, cutW);
      for (let y = py; y < y1; y++) mask.fill(0, (y0 + y) * width + x0 + px, (y0 + y) * width + x0 + x1);
    }
  }
  return mask;
}
