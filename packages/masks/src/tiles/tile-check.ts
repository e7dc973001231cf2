import { LAMBDA_TOLERANCE, MixzooError, type Box, type MixPlan, type PlanBounds } from '@mixzoo/core';
import { tileLayout, type TileLayout } from './tiles.js';

const isIndex = (v: unknown, bound: number): v is number => Number.isInteger(v) && (v as number) >= 0 && (v as number) < bound;

function isBoxIn(box: Box, height: number, width: number): boolean {
  const { y0, x0, y1, x1 } = box;
  return [y0, x0, y1, x1].every(Number.isInteger) && y0 >= 0 && x0 >= 0 && y0 <= y1 && x0 <= x1 && y1 <= height && x1 <= width;
}

const area = (box: Box) => (box.y1 - box.y0) * (box.x1 - box.x0);
const overlap = (a: Box, b: Box) => a.y0 < b.y1 && b.y0 < a.y1 && a.x0 < b.x1 && b.x0 < a.x1;

/**
 * The share of sample i's output each source owns, as apply pastes its tiles: in order, later
 * tiles over earlier ones, over the sample's own image. Disjoint tiles (ricap's and mosaic's)
 * count by their areas; overlapping ones are painted on an owner grid, so they count exactly too.
 */
function ownedShares(i: number, layout: TileLayout, owner: Int32Array): Map<number, number> {
  const { height, width } = layout;
  const row = layout.tiles[i];
  const shares = new Map<number, number>();
  if (!row.some((t, k) => row.some((u, l) => l > k && overlap(t.box, u.box)))) {
    let covered = 0;
    for (const { source, box } of row) {
      shares.set(source, (shares.get(source) ?? 0) + area(box));
      covered += area(box);
    }
    shares.set(i, (shares.get(i) ?? 0) + height * width - covered);
    for (const [source, n] of shares) shares.set(source, n / (height * width));
    return shares;
  }
  owner.fill(i);
  for (const { source, box } of layout.tiles[i]) {
    for (let y = box.y0; y < box.y1; y++) owner.fill(source, y * width + box.x0, y * width + box.x1);
  }
  for (const source of owner) shares.set(source, (shares.get(source) ?? 0) + 1);
  for (const [source, n] of shares) shares.set(source, n / (height * width));
  return shares;
}

const describeShares = (shares: Map<number, number>) => `{ ${[...shares].sort(([a], [b]) => a - b).map(([s, w]) => `${s}: ${+w.toFixed(6)}`).join(', ')} }`;

/**
 * A k-way tile plan's labels must be its pixels: per sample, `weights` (summed per source in
 * `partners`) are the shares of the image each source's tiles cover, and `lambda` the own share,
 * to LAMBDA_TOLERANCE. Rows `partners: [i]` are untouched (apply skips their tiles). The layout
 * must be the inputs' size and its tiles within it.
 */
export function checkTilePlan(plan: MixPlan<TileLayout>, bounds: PlanBounds): void {
  const where = plan.strategy;
  const fail = (message: string) => new MixzooError('E_PLAN', `${where}: ${message}`);
  const layout = tileLayout(plan);
  const { height, width, tiles } = layout;
  const b = bounds.batchSize;
  if (bounds.height !== undefined && (height !== bounds.height || width !== bounds.width)) {
    throw fail(`plan 'extra' tiles were laid out for ${height}×${width} images, inputs are ${bounds.height}×${String(bounds.width)}.`);
  }
  if (tiles.length !== b) throw fail(`plan 'extra.tiles' must hold one row of tiles per sample (${b}), got ${tiles.length}.`);
  const { partners: allPartners, weights } = plan;
  if (!allPartners || !weights) throw fail(`plan needs k-way 'partners' and 'weights' (the tile areas).`);
  const sources = bounds.partnerBatchSize ?? b;
  const owner = new Int32Array(height * width);
  tiles.forEach((row, i) => {
    row.forEach(({ source, box }, k) => {
      if (!isIndex(source, sources)) throw fail(`plan 'extra.tiles[${i}][${k}].source' must be a sample index below ${sources}, got ${String(source)}.`);
      if (!isBoxIn(box, height, width)) throw fail(`plan 'extra.tiles[${i}][${k}].box' must be an integer box inside ${height}×${width}, got ${JSON.stringify(box)}.`);
    });
    const partners = allPartners[i];
    const untouched = partners.length === 1 && partners[0] === i;
    const shares = untouched ? new Map([[i, 1]]) : ownedShares(i, layout, owner);
    const claimed = new Map<number, number>();
    partners.forEach((p, k) => claimed.set(p, (claimed.get(p) ?? 0) + weights[i][k]));
    const off = [...new Set([...shares.keys(), ...claimed.keys()])].some((s) => Math.abs((shares.get(s) ?? 0) - (claimed.get(s) ?? 0)) > LAMBDA_TOLERANCE);
    if (off) {
      throw fail(`plan 'partners[${i}]'/'weights[${i}]' must be the shares of the image each source's tiles in 'extra.tiles[${i}]' cover, ${describeShares(shares)}, got ${describeShares(claimed)}.`);
    }
    const own = shares.get(i) ?? 0;
    if (Math.abs(plan.lambda[i] - own) > LAMBDA_TOLERANCE) {
      throw fail(`plan 'lambda[${i}]' must be the share of sample ${i}'s own pixels its tiles leave, ${+own.toFixed(6)}, got ${plan.lambda[i]}.`);
    }
  });
}
