import { describe, expect, it } from 'vitest';
import type { MixPlan } from '@mixzoo/core';
import { checkTilePlan } from '../../src/tiles/tile-check.js';
import type { TileLayout } from '../../src/tiles/tiles.js';
import { mixzooMessageOf } from '../../../../test/helpers/tensors.js';

// Sample 0 gets two tiles that overlap in one pixel, (1, 2): the later tile (source 2) wins it.
// Painted, the 4×4 image is 7 own pixels, 5 of source 1 and 4 of source 2; summing the tile
// areas would say 6 own and 6 of source 1.
const layout: TileLayout = {
  height: 4,
  width: 4,
  tiles: [
    [
      { source: 1, box: { y0: 0, x0: 0, y1: 2, x1: 3 }, from: { y: 0, x: 0 } },
      { source: 2, box: { y0: 1, x0: 2, y1: 3, x1: 4 }, from: { y: 1, x: 2 } },
    ],
    [],
    [],
  ],
};
const plan = (weights: number[]): MixPlan<TileLayout> => ({
  strategy: 'ricap',
  partner: [1, 1, 2],
  lambda: [weights[0], 1, 1],
  partners: [[0, 1, 2], [1], [2]],
  weights: [weights, [1], [1]],
  height: 4,
  width: 4,
  extra: layout,
});
const bounds = { batchSize: 3, height: 4, width: 4 };

describe('checkTilePlan', () => {
  it('counts overlapping tiles as apply pastes them: later tiles over earlier ones', () => {
    expect(() => checkTilePlan(plan([7 / 16, 5 / 16, 4 / 16]), bounds)).not.toThrow();
    const message = mixzooMessageOf(() => checkTilePlan(plan([6 / 16, 6 / 16, 4 / 16]), bounds), 'E_PLAN');
    expect(message).toContain("ricap: plan 'partners[0]'/'weights[0]' must be the shares of the image each source's tiles in 'extra.tiles[0]' cover, { 0: 0.4375, 1: 0.3125, 2: 0.25 }");
  });

  it('counts disjoint tiles by their areas', () => {
    const disjoint: TileLayout = { ...layout, tiles: [[layout.tiles[0][0], { source: 2, box: { y0: 2, x0: 0, y1: 4, x1: 4 }, from: { y: 2, x: 0 } }], [], []] };
    expect(() => checkTilePlan({ ...plan([2 / 16, 6 / 16, 8 / 16]), extra: disjoint }, bounds)).not.toThrow();
    expect(mixzooMessageOf(() => checkTilePlan({ ...plan([3 / 16, 5 / 16, 8 / 16]), extra: disjoint }, bounds), 'E_PLAN')).toContain('{ 0: 0.125, 1: 0.375, 2: 0.5 }');
  });
});
