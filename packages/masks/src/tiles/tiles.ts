import { describeValue, isObject, MixzooError, scaleBox, type Box, type MixPlan, type Patch } from '@mixzoo/core';

/**
 * The geometry of a k-way tile plan (ricap, mosaic), kept in `plan.extra`: per sample the tiles
 * pasted over it (empty = untouched) and the image size they were drawn for. The size is kept
 * here because the mixer rescales only boxes and masks (and the plan's own height/width) for
 * targets of another size.
 */
export type TileLayout = {
  height: number;
  width: number;
  tiles: Patch[][];
};

/** The corners of an H×W image split at row `cy` and column `cx`: top-left, top-right, bottom-left, bottom-right. */
export function quadrants(height: number, width: number, cy: number, cx: number): [Box, Box, Box, Box] {
  return [
    { y0: 0, x0: 0, y1: cy, x1: cx },
    { y0: 0, x0: cx, y1: cy, x1: width },
    { y0: cy, x0: 0, y1: height, x1: cx },
    { y0: cy, x0: cx, y1: height, x1: width },
  ];
}

const isPatch = (p: unknown) => isObject(p) && 'box' in p && isObject(p.box);

function isTileLayout(v: unknown): v is TileLayout {
  return (
    isObject(v) && 'height' in v && 'width' in v && 'tiles' in v &&
    Number.isInteger(v.height) && Number.isInteger(v.width) &&
    Array.isArray(v.tiles) && v.tiles.every((row) => Array.isArray(row) && row.every(isPatch))
  );
}

/** The tile layout of a plan (hand-written or deserialized plans included), or E_PLAN naming what is missing. */
export function tileLayout(plan: MixPlan<unknown>): TileLayout {
  const layout = plan.extra;
  if (!isTileLayout(layout)) {
    throw new MixzooError('E_PLAN', `${plan.strategy}: plan 'extra' must hold the tile layout { height, width, tiles } that ${plan.strategy} sampled, got ${describeValue(layout)}.`);
  }
  return layout;
}

/**
 * Tiles mapped (nearest) from the layout's size to a toHeight×toWidth tensor. Destination boxes
 * scale edge by edge, so tiles that exactly cover the image still do; each source offset scales
 * too and is clamped so the crop of the destination's size stays inside the source.
 */
export function scaleTiles(tiles: readonly Patch[], layout: TileLayout, toHeight: number, toWidth: number): Patch[] {
  const { height, width } = layout;
  if (height === toHeight && width === toWidth) return tiles.slice();
  return tiles.map(({ source, box, from }) => {
    const to = scaleBox(box, height, width, toHeight, toWidth);
    const origin = from ?? { y: box.y0, x: box.x0 };
    const crop = scaleBox(
      { y0: origin.y, x0: origin.x, y1: origin.y + box.y1 - box.y0, x1: origin.x + box.x1 - box.x0 },
      height, width, toHeight, toWidth,
    );
    const y = Math.min(crop.y0, toHeight - (to.y1 - to.y0));
    const x = Math.min(crop.x0, toWidth - (to.x1 - to.x0));
    return { source, box: to, from: { y, x } };
  });
}
