import { drawCoins, type MixPlan, type Patch, type SampleContext } from '@mixzoo/core';
import type { TileLayout } from './tiles.js';

export interface TilePlanOptions {
  mode: 'batch' | 'elem';
  prob: number;
}

interface TileLabels {
  partners: number[];
  weights: number[];
  partner: number;
  lambda: number;
}

/**
 * Labels of one output made of tiles: each source weighs the area it covers / (H·W), a source
 * used by several tiles is merged, empty tiles are dropped. λ is the weight of the sample's own
 * image (0 when none of its tiles comes from it); `partner` the heaviest other source (ties: the
 * first tile), or the sample itself when every tile comes from it.
 */
function tileLabels(i: number, tiles: readonly Patch[], height: number, width: number): TileLabels {
  const weight = new Map<number, number>();
  for (const { source, box } of tiles) {
    const area = (box.y1 - box.y0) * (box.x1 - box.x0);
    if (area > 0) weight.set(source, (weight.get(source) ?? 0) + area / (height * width));
  }
  let partner = i;
  let partnerWeight = 0;
  for (const [source, w] of weight) {
    if (source !== i && (partner === i || w > partnerWeight)) [partner, partnerWeight] = [source, w];
  }
  return { partners: [...weight.keys()], weights: [...weight.values()], partner, lambda: weight.get(i) ?? 0 };
}

/**
 * The plan of a k-way tile strategy. One `geometry()` draw per batch ('batch') or per mixed
 * sample ('elem'), and `tilesOf(i, geometry)` the tiles that cover sample i (called in sample
 * order). `prob` is one coin per batch or per sample (stream 'prob'). B < 2 or `enabled` false
 * give the identity; so does a sample whose tiles all come from itself, since a plan row
 * `partners: [i]` means "untouched".
 */
export function sampleTilePlan<G>(
  ctx: SampleContext<TilePlanOptions, unknown, { spatial: true }>,
  strategy: string,
  enabled: boolean,
  geometry: () => G,
  tilesOf: (i: number, geometry: G) => Patch[],
): MixPlan<TileLayout> {
  const { mode, prob } = ctx.options;
  const b = ctx.batchSize;
  const { height, width } = ctx;
  const tiles: Patch[][] = Array.from({ length: b }, () => []);
  if (b >= 2 && enabled) {
    const coins = drawCoins(ctx.rng, mode === 'batch' ? 1 : b, prob);
    if (mode === 'batch') {
      if (coins[0]) {
        const g = geometry();
        for (let i = 0; i < b; i++) tiles[i] = tilesOf(i, g);
      }
    } else {
      for (let i = 0; i < b; i++) if (coins[i]) tiles[i] = tilesOf(i, geometry());
    }
  }
  const labels = tiles.map((row, i) => tileLabels(i, row, height, width));
  labels.forEach((l, i) => {
    if (l.partners.length === 1 && l.partners[0] === i) tiles[i] = [];
  });
  const identity = (i: number) => tiles[i].length === 0;
  return {
    strategy,
    partner: labels.map((l, i) => (identity(i) ? i : l.partner)),
    lambda: labels.map((l, i) => (identity(i) ? 1 : l.lambda)),
    partners: labels.map((l, i) => (identity(i) ? [i] : l.partners)),
    weights: labels.map((l, i) => (identity(i) ? [1] : l.weights)),
    height,
    width,
    extra: { height, width, tiles } satisfies TileLayout,
  };
}
