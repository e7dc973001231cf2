import { createRng } from '@mixzoo/core';
import { describe, expect, it } from 'vitest';
import { blockBox, blockShares, upsampleGrid } from '../../src/puzzlemix/blocks.js';
import { cellSide, edgeCells, edgeGap, poolImage } from '../../src/puzzlemix/smoothness.js';
import { transportBlocks } from '../../src/puzzlemix/transport.js';
import { transportGrid } from '../../src/puzzlemix/puzzle-sample.js';

/** The reference's rounds written out literally (full matrices each round), to check the incremental version against. */
function literalTransport(t: number, shares: readonly number[], shown: readonly boolean[], tEps: number): number[] {
  const n = t * t;
  const cost = Array.from({ length: n }, (_, i) =>
    Array.from({ length: n }, (_, j) => (tEps * ((Math.floor(i / t) - Math.floor(j / t)) ** 2 + ((i % t) - (j % t)) ** 2)) / (t - 1) ** 2 - shares[i] * (shown[j] ? 1 : 0)),
  );
  const argmin = (values: number[]) => values.reduce((best, v, k) => (v < values[best] ? k : best), 0);
  let win: number[][] = [];
  for (let round = 0; round < t; round++) {
    const plan = cost.map((row) => {
      const best = argmin(row);
      return row.map((_, j) => (j === best ? 1 : 0));
    });
    const fight = cost.map((row, i) => row.map((c, j) => plan[i][j] * c));
    const colBest = Array.from({ length: n }, (_, j) => argmin(fight.map((row) => row[j])));
    win = plan.map((row, i) => row.map((p, j) => (colBest[j] === i ? p : 0)));
    cost.forEach((row, i) => row.forEach((_, j) => (row[j] += plan[i][j] - win[i][j])));
  }
  return Array.from({ length: n }, (_, j) => win.findIndex((row) => row[j] === 1));
}

describe('puzzlemix transport', () => {
  it("equals the reference's rounds written out literally, ties included (random cases)", () => {
    const rng = createRng('literal');
    for (let trial = 0; trial < 200; trial++) {
      const t = 2 + rng.int(4);
      // Coarse values make ties (equal costs, zero costs) common.
      const shares = Array.from({ length: t * t }, () => rng.int(4) / 10);
      const shown = Array.from({ length: t * t }, () => rng.uniform() < 0.5);
      const tEps = [0, 0.2, 0.8, 3][rng.int(4)];
      expect(transportBlocks(t, shares, shown, tEps)).toEqual(literalTransport(t, shares, shown, tEps));
    }
  });

  it('worked example: m = [[0, 1], [0, 0]], s = [.91, .03, .03, .03] → only block 0 moves, to 1 ([a,b,c,d] → [0,a,0,0])', () => {
    const mask = [0, 1, 0, 0];
    expect(transportBlocks(2, [0.91, 0.03, 0.03, 0.03], mask.map((m) => m > 0), 0.8)).toEqual([-1, 0, -1, -1]);
  });

  it('worked example: m = [[1, 0], [0, 0]], s = [.1, .2, .3, .4] → block 0 stays ([a,b,c,d] → [a,0,0,0])', () => {
    const mask = [1, 0, 0, 0];
    expect(transportBlocks(2, [0.1, 0.2, 0.3, 0.4], mask.map((m) => m > 0), 0.8)).toEqual([0, -1, -1, -1]);
  });

  it('shown everywhere with a costly move: every block stays home', () => {
    const shares = blockShares(Array.from({ length: 64 }, (_, p) => (p * 7) % 5), 8, 8, 4);
    expect(transportBlocks(4, shares, new Array<boolean>(16).fill(true), 10)).toEqual(Array.from({ length: 16 }, (_, j) => j));
  });

  it('a salient block moves into the nearest shown region, and no block is used twice (random cases)', () => {
    const shares = new Array<number>(16).fill(0.01);
    shares[0] = 0.85;
    const shown = Array.from({ length: 16 }, (_, j) => j === 5 || j === 15);
    const moved = transportBlocks(4, shares, shown, 0.8);
    // Block 0 goes to the shown block at grid distance √2 (5), not to the far corner (15).
    expect(moved[5]).toBe(0);
    const rng = createRng('transport');
    for (let trial = 0; trial < 20; trial++) {
      const t = 2 + rng.int(4);
      const map = transportBlocks(t, Array.from({ length: t * t }, () => rng.uniform() / (t * t)), Array.from({ length: t * t }, () => rng.uniform() < 0.5), rng.uniform() * 2);
      const used = map.filter((i) => i >= 0);
      expect(new Set(used).size).toBe(used.length);
      expect(map.length).toBe(t * t);
    }
  });
});

describe('puzzlemix blocks and smoothness', () => {
  it('block shares: block means over the sum; a map without mass gives uniform shares', () => {
    // 4×4 map, 2×2 blocks: block sums 1+2+5+6, 3+4+7+8, ...
    const map = Array.from({ length: 16 }, (_, p) => p + 1);
    const shares = Array.from(blockShares(map, 4, 4, 2));
    expect(shares.map((v) => v * 136)).toEqual([14, 22, 46, 54].map((v) => expect.closeTo(v, 12) as number));
    expect(Array.from(blockShares(new Array<number>(16).fill(0), 4, 4, 2))).toEqual([0.25, 0.25, 0.25, 0.25]);
    // Non-square images: blocks of 3×5 on a 6×10 image.
    expect(Array.from(blockShares(Array.from({ length: 60 }, (_, p) => (p % 10 < 5 ? 1 : 0)), 6, 10, 2))).toEqual([0.5, 0, 0.5, 0]);
  });

  it('block boxes tile the image; nearest upsampling repeats each block', () => {
    expect([0, 1, 2, 3].map((j) => blockBox(j, 2, 6, 10))).toEqual([
      { y0: 0, x0: 0, y1: 3, x1: 5 },
      { y0: 0, x0: 5, y1: 3, x1: 10 },
      { y0: 3, x0: 0, y1: 6, x1: 5 },
      { y0: 3, x0: 5, y1: 6, x1: 10 },
    ]);
    expect(upsampleGrid([1, 0.5, 0, 1], 2, 4, 4)).toEqual([1, 1, 0.5, 0.5, 1, 1, 0.5, 0.5, 0, 0, 1, 1, 0, 0, 1, 1]);
  });

  it("cell side: min(neighSize, block) when it divides the block, else the largest divisor below", () => {
    expect([cellSide(16, 4), cellSide(2, 4), cellSide(8, 4), cellSide(7, 4), cellSide(6, 4), cellSide(9, 4)]).toEqual([4, 2, 4, 1, 3, 3]);
  });

  it('edge gaps: mean |u − v| across the edge, over channels and the cells along it', () => {
    // One channel, 4×4 pixels, 1×1 cells, K = 2 (2 cells per block side).
    const u = poolImage(Float32Array.from({ length: 16 }, (_, p) => p / 16), 0, { height: 4, width: 4, channels: 1 }, 1, 1);
    const v = poolImage(new Float32Array(16).fill(0.5), 0, { height: 4, width: 4, channels: 1 }, 1, 1);
    // Block 0 above block 2: u's row 1 (4/16, 5/16) against v's row 2 (0.5).
    expect(edgeGap(u, v, edgeCells(u, 0, 0, 'down', [2, 2]))).toBeCloseTo((0.25 + 0.1875) / 2, 12);
    // Block 0 left of block 1: u's column 1 (1/16, 5/16) against v's column 2.
    expect(edgeGap(u, v, edgeCells(u, 0, 0, 'right', [2, 2]))).toBeCloseTo((7 / 16 + 3 / 16) / 2, 12);
    // Pooling averages each channel: a 2×2 cell of (0, 1) values in channel 0 and 1s in channel 1.
    const pooled = poolImage([0, 1, 1, 1, 0, 1, 1, 1], 0, { height: 2, width: 2, channels: 2 }, 2, 2);
    expect(Array.from(pooled.data)).toEqual([0.5, 1]);
  });

  it("transport grid: the mask blocks unless tSize splits each block evenly into a grid of at most 16 per side", () => {
    expect(transportGrid(4, 32, 32, -1)).toBe(4);
    // The reference's CIFAR setting tSize 4: T = W/4 while 4 is below the block side.
    expect([2, 4, 8, 16].map((k) => transportGrid(k, 32, 32, 4))).toEqual([8, 8, 8, 16]);
    expect(transportGrid(2, 32, 32, 3)).toBe(2);
    expect(transportGrid(2, 64, 64, 2)).toBe(2);
    expect(transportGrid(2, 24, 32, 4)).toBe(8);
    expect(transportGrid(2, 20, 32, 4)).toBe(2);
  });
});
