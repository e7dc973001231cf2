import type { Box, Rng } from '@mixzoo/core';

/**
 * Box geometry shared by cutmix, resizemix and saliencymix (timm's `rand_bbox` family). Boxes are
 * half-open `[y0, y1) × [x0, x1)` integer pixel boxes inside an H×W image.
 */

/** timm's box around a centre: half-extent floor(cut/2) on each side, clipped to the image. */
export function centredBox(cy: number, cx: number, cutH: number, cutW: number, height: number, width: number): Box {
  const clip = (v: number, side: number) => Math.min(side, Math.max(0, v));
  const halfH = Math.floor(cutH / 2);
  const halfW = Math.floor(cutW / 2);
  return { y0: clip(cy - halfH, height), y1: clip(cy + halfH, height), x0: clip(cx - halfW, width), x1: clip(cx + halfW, width) };
}

/** The cut sides for a side ratio r: floor(H·r) × floor(W·r). */
export function cutSize(height: number, width: number, ratio: number): { cutH: number; cutW: number } {
  return { cutH: Math.floor(height * ratio), cutW: Math.floor(width * ratio) };
}

/** CutMix's side ratio for a Beta draw λ: the box covers about 1 − λ of the image. */
export function cutRatio(lambda: number): number {
  return Math.sqrt(1 - lambda);
}

/** A box of the given cut size centred at a uniform pixel (cy drawn first, then cx, as timm). */
export function randomCentreBox(rng: Rng, height: number, width: number, cutH: number, cutW: number): Box {
  const cy = rng.int(height);
  const cx = rng.int(width);
  return centredBox(cy, cx, cutH, cutW, height, width);
}

/**
 * timm's `rand_bbox_minmax`, with inclusive ranges: cut_h ~ randint[floor(H·min), floor(H·max)],
 * cut_w likewise (independently), and the box fully inside the image.
 */
export function minmaxBox(rng: Rng, height: number, width: number, minmax: readonly [number, number]): Box {
  const [min, max] = minmax;
  const between = (lo: number, hi: number) => lo + rng.int(hi - lo + 1);
  const cutH = between(Math.floor(height * min), Math.floor(height * max));
  const cutW = between(Math.floor(width * min), Math.floor(width * max));
  const y0 = between(0, height - cutH);
  const x0 = between(0, width - cutW);
  return { y0, x0, y1: y0 + cutH, x1: x0 + cutW };
}

export function boxArea(box: Box): number {
  return (box.y1 - box.y0) * (box.x1 - box.x0);
}

/** The area λ correction: the fraction of the image the box leaves to the sample itself. */
export function areaLambda(box: Box, height: number, width: number): number {
  return 1 - boxArea(box) / (height * width);
}
