import { DECODE_CHUNK, rowBytes, type ImageSource, type ImageStore, type SplitName } from './image-source.js';

/** Decodes the whole source into memory (no cache file): `--no-cache`. */
export async function memoryStore(source: ImageSource): Promise<ImageStore> {
  const shape = await source.shape();
  const size = rowBytes(shape);
  const pixels: Partial<Record<SplitName, Uint8Array>> = {};
  for (const split of ['train', 'test'] as const) {
    const labels = source.labels[split];
    if (!labels) continue;
    const bytes = new Uint8Array(labels.length * size);
    for (let start = 0; start < labels.length; start += DECODE_CHUNK) {
      const count = Math.min(DECODE_CHUNK, labels.length - start);
      await source.decode(split, start, count, bytes.subarray(start * size, (start + count) * size));
    }
    pixels[split] = bytes;
  }
  return {
    ...shape,
    classNames: source.classNames,
    labels: source.labels,
    readRows(split, rows, out) {
      const from = pixels[split] ?? new Uint8Array(0);
      for (let i = 0; i < rows.length; i++) out.set(from.subarray(rows[i] * size, (rows[i] + 1) * size), i * size);
    },
    close() {
      // Nothing to release: the pixels go with the store.
    },
  };
}
