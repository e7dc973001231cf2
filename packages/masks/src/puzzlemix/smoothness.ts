/**
 * PuzzleMix's data smoothness (snu-mllab/PuzzleMix mixup.py `neigh_penalty`): images are
 * average-pooled per channel into ns×ns cells, and the cost of two adjacent blocks showing sources
 * u and v is the mean absolute difference, over channels and along their common edge, between
 * u's cells on one side of the edge and v's cells on the other.
 */

/** One image average-pooled per channel into cells (row-major cells, channels last). */
export interface PooledImage {
  rows: number;
  cols: number;
  channels: number;
  data: Float64Array;
}

/**
 * The pooling cell side along one axis: min(neighSize, block) as the reference, lowered to the
 * largest divisor of the block side when it does not divide it (the reference needs it to, so
 * this only differs where the reference cannot run), so cells never straddle a block edge.
 */
export function cellSide(block: number, neighSize: number): number {
  let side = Math.min(neighSize, block);
  while (block % side !== 0) side--;
  return side;
}

/** Sample `index` of NHWC `pixels` pooled into cellH×cellW cells (which divide H and W). */
export function poolImage(pixels: ArrayLike<number>, index: number, shape: { height: number; width: number; channels: number }, cellH: number, cellW: number): PooledImage {
  const { height, width, channels } = shape;
  const [rows, cols] = [height / cellH, width / cellW];
  const data = new Float64Array(rows * cols * channels);
  const base = index * height * width * channels;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const cell = (Math.floor(y / cellH) * cols + Math.floor(x / cellW)) * channels;
      for (let ch = 0; ch < channels; ch++) data[cell + ch] += pixels[base + (y * width + x) * channels + ch];
    }
  }
  return { rows, cols, channels, data: data.map((v) => v / (cellH * cellW)) };
}

/** Cells of the two sides of a block edge, paired along it: [cell of the first block, cell of the second]. */
export type EdgeCells = readonly (readonly [number, number])[];

/**
 * The cells along the edge between block (r, c) and its neighbour below ('down') or to the right
 * ('right'), with `perBlock` = [cells per block along rows, along columns].
 */
export function edgeCells(image: { cols: number }, r: number, c: number, direction: 'down' | 'right', perBlock: readonly [number, number]): EdgeCells {
  const [kh, kw] = perBlock;
  const cell = (y: number, x: number) => y * image.cols + x;
  if (direction === 'down') {
    const above = (r + 1) * kh - 1;
    return Array.from({ length: kw }, (_, j) => [cell(above, c * kw + j), cell(above + 1, c * kw + j)] as const);
  }
  const left = (c + 1) * kw - 1;
  return Array.from({ length: kh }, (_, i) => [cell(r * kh + i, left), cell(r * kh + i, left + 1)] as const);
}

/** D^{uv}: mean over the edge's cells and the channels of |u(first side) − v(second side)|. */
export function edgeGap(u: PooledImage, v: PooledImage, cells: EdgeCells): number {
  const channels = u.channels;
  let sum = 0;
  for (const [first, second] of cells) {
    for (let ch = 0; ch < channels; ch++) sum += Math.abs(u.data[first * channels + ch] - v.data[second * channels + ch]);
  }
  return sum / (cells.length * channels);
}
