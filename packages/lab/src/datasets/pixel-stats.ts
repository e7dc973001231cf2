import type { ChannelNormalization } from '../types.js';
import { DECODE_CHUNK, rowBytes, type ImageStore, type SplitName } from './image-source.js';

export type PixelStats = ChannelNormalization;

/** Per-channel mean and (population) standard deviation of the rows' pixels, on the [0, 1] scale, read chunk by chunk. */
export function pixelStats(store: ImageStore, split: SplitName, rows: readonly number[]): PixelStats {
  const c = store.channels;
  const size = rowBytes(store);
  const sum = new Float64Array(c);
  const squares = new Float64Array(c);
  const bytes = new Uint8Array(Math.min(DECODE_CHUNK, rows.length) * size);
  for (let start = 0; start < rows.length; start += DECODE_CHUNK) {
    const chunk = rows.slice(start, start + DECODE_CHUNK);
    store.readRows(split, chunk, bytes);
    for (let i = 0; i < chunk.length * size; i++) {
      const v = bytes[i] / 255;
      sum[i % c] += v;
      squares[i % c] += v * v;
    }
  }
  const n = (rows.length * size) / c;
  const mean = Array.from(sum, (s) => s / n);
  return { mean, std: mean.map((m, k) => Math.sqrt(Math.max(0, squares[k] / n - m * m))) };
}
