import type { Box } from '@mixzoo/core';

/** Block sides the reference draws from (2^1..2^4 blocks per side). */
export const BLOCK_COUNTS = [2, 4, 8, 16] as const;

/** Block j (row-major) of an H×W image cut into a T×T grid; T divides H and W. */
export function blockBox(j: number, t: number, height: number, width: number): Box {
  const [bh, bw] = [height / t, width / t];
  const [r, c] = [Math.floor(j / t), j % t];
  return { y0: r * bh, x0: c * bw, y1: (r + 1) * bh, x1: (c + 1) * bw };
}

/**
 * A map's shares per block: the H×W map (row-major) average-pooled onto a T×T grid and divided by
 * its sum, so the shares sum to 1; a map without mass (all zero) gives uniform shares 1/T² (the
 * reference would divide 0 by 0).
 */
export function blockShares(map: ArrayLike<number>, height: number, width: number, t: number): Float64Array {
  const shares = new Float64Array(t * t);
  const [bh, bw] = [height / t, width / t];
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) shares[Math.floor(y / bh) * t + Math.floor(x / bw)] += map[y * width + x];
  }
  const total = shares.reduce((s, v) => s + v, 0);
  return total > 0 ? shares.map((v) => v / total) : shares.fill(1 / (t * t));
}

/** A K×K grid nearest-upsampled to rows×cols (K divides both): cell (y, x) reads block (⌊y·K/rows⌋, ⌊x·K/cols⌋). */
export function upsampleGrid(grid: ArrayLike<number>, k: number, rows: number, cols: number): number[] {
  const out = new Array<number>(rows * cols);
  for (let y = 0; y < rows; y++) {
    const r = Math.floor((y * k) / rows);
    for (let x = 0; x < cols; x++) out[y * cols + x] = grid[r * k + Math.floor((x * k) / cols)];
  }
  return out;
}
