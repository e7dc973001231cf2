import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** An IDX file of unsigned bytes: 0, 0, type 0x08, rank, big-endian dims, data. */
export function idxBytes(dims: number[], data: number[]): Uint8Array {
  const header = new Uint8Array(4 + 4 * dims.length);
  header.set([0, 0, 0x08, dims.length]);
  const view = new DataView(header.buffer);
  dims.forEach((d, i) => view.setUint32(4 + 4 * i, d, false));
  return Uint8Array.from([...header, ...data]);
}

/** An MNIST-layout folder of `size`×`size` gray images (train and t10k), labels i % classes, pixels varying per image. */
export function writeIdxSet(dir: string, options: { train: number; test: number; size: number; classes: number }): void {
  mkdirSync(dir, { recursive: true });
  const { size, classes } = options;
  for (const [part, n] of [['train', options.train], ['t10k', options.test]] as const) {
    const pixels = Array.from({ length: n * size * size }, (_, k) => (37 * Math.floor(k / (size * size)) + 11 * (k % (size * size))) % 256);
    writeFileSync(join(dir, `${part}-images-idx3-ubyte`), idxBytes([n, size, size], pixels));
    writeFileSync(join(dir, `${part}-labels-idx1-ubyte`), idxBytes([n], Array.from({ length: n }, (_, i) => i % classes)));
  }
}
