import { MixzooError } from '@mixzoo/core';
import type { Split } from '../types.js';
import { rowBytes, type ImageStore, type SplitName } from './image-source.js';

/** Closes a streamed split's cache file once the split is garbage-collected. */
const closeWhenCollected = new FinalizationRegistry<ImageStore>((store) => store.close());

/**
 * A training split left in the decode cache file: labels in memory, pixels read per batch through
 * `rows.read` (BatchReader does), one batch's bytes at a time. Its `x` cannot be read whole: reading
 * it is an E_DATASET that says so.
 */
export function streamedSplit(store: ImageStore, split: SplitName, rows: readonly number[], name: string): Split {
  const size = rowBytes(store);
  const labels = store.labels[split] ?? new Int32Array(0);
  const y = Int32Array.from(rows, (k) => labels[k]);
  let bytes = new Uint8Array(0);
  const picked: number[] = [];
  const streamed = {
    y,
    count: rows.length,
    rows: {
      read(indices: readonly number[], into: Float32Array): void {
        if (bytes.length < indices.length * size) bytes = new Uint8Array(indices.length * size);
        picked.length = indices.length;
        indices.forEach((k, i) => (picked[i] = rows[k]));
        store.readRows(split, picked, bytes);
        for (let i = 0; i < indices.length * size; i++) into[i] = bytes[i] / 255;
      },
    },
  };
  closeWhenCollected.register(streamed, store);
  return Object.defineProperty(streamed, 'x', {
    enumerable: false,
    get(): never {
      throw new MixzooError('E_DATASET', `${name}: the training split is streamed from the decode cache (it does not fit the memory limit); read its rows with split.rows.read(indices, into), not split.x.`);
    },
  }) as unknown as Split;
}
