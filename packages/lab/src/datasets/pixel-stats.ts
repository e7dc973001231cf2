import type { ChannelNormalization } from '../types.js';
import { DECODE_CHUNK, rowBytes, type ImageStore, type SplitName } from './image-source.js';

export type PixelStats = ChannelNormalization;

/** Running sums of values and squares per channel (the last axis, `c` values per position). */
class ChannelSums {
  private readonly sum: Float64Array;
  private readonly squares: Float64Array;
  private n = 0;

  constructor(private readonly c: number) {
    this.sum = new Float64Array(c);
    this.squares = new Float64Array(c);
  }

  add(values: ArrayLike<number>, length: number, scale = 1): void {
    const { c, sum, squares } = this;
    for (let i = 0; i < length; i++) {
      const v = values[i] * scale;
      sum[i % c] += v;
      squares[i % c] += v * v;
    }
    this.n += length / c;
  }

  /** Mean and population standard deviation per channel. */
  stats(): PixelStats {
    const mean = Array.from(this.sum, (s) => s / this.n);
    return { mean, std: mean.map((m, k) => Math.sqrt(Math.max(0, this.squares[k] / this.n - m * m))) };
  }
}

/** Per-channel mean and (population) standard deviation of the rows' pixels, on the [0, 1] scale, read chunk by chunk. */
export function pixelStats(store: ImageStore, split: SplitName, rows: readonly number[]): PixelStats {
  const size = rowBytes(store);
  const sums = new ChannelSums(store.channels);
  const bytes = new Uint8Array(Math.min(DECODE_CHUNK, rows.length) * size);
  for (let start = 0; start < rows.length; start += DECODE_CHUNK) {
    const chunk = rows.slice(start, start + DECODE_CHUNK);
    store.readRows(split, chunk, bytes);
    sums.add(bytes, chunk.length * size, 1 / 255);
  }
  return sums.stats();
}

/** The same statistics of an in-memory split's inputs, per entry of the last axis of `inputShape` (channels; features for [D] inputs). */
export function splitStats(x: Float32Array, inputShape: readonly number[]): PixelStats {
  const sums = new ChannelSums(inputShape[inputShape.length - 1]);
  sums.add(x, x.length);
  return sums.stats();
}
