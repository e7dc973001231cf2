import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { IdxType } from '../../src/datasets/idx-file.js';

const CODES: Record<IdxType, [number, number]> = {
  uint8: [0x08, 1],
  int8: [0x09, 1],
  int16: [0x0b, 2],
  int32: [0x0c, 4],
  float32: [0x0d, 4],
  float64: [0x0e, 8],
};

/** Encodes values as an IDX file (big-endian), independently of the reader under test. */
export function encodeIdx(type: IdxType, dims: number[], values: ArrayLike<number>): Uint8Array {
  const [code, size] = CODES[type];
  const header = 4 + 4 * dims.length;
  const bytes = new Uint8Array(header + values.length * size);
  const view = new DataView(bytes.buffer);
  bytes.set([0, 0, code, dims.length]);
  dims.forEach((d, k) => view.setUint32(4 + 4 * k, d, false));
  for (let k = 0; k < values.length; k++) {
    const at = header + k * size;
    const v = values[k];
    if (type === 'uint8') view.setUint8(at, v);
    else if (type === 'int8') view.setInt8(at, v);
    else if (type === 'int16') view.setInt16(at, v, false);
    else if (type === 'int32') view.setInt32(at, v, false);
    else if (type === 'float32') view.setFloat32(at, v, false);
    else view.setFloat64(at, v, false);
  }
  return bytes;
}

/**
 * Writes an MNIST-format folder: `<split>-images-idx3-ubyte.gz` and `<split>-labels-idx1-ubyte.gz`
 * (or without .gz). Image k is filled with `pixel(k)` everywhere.
 */
export function writeIdxDataset(
  dir: string,
  labels: readonly number[],
  options: { split?: 'train' | 't10k'; size?: number; pixel?: (k: number) => number; gzip?: boolean } = {},
): void {
  const { split = 't10k', size = 28, pixel = (k: number) => (k * 37) % 256, gzip = true } = options;
  mkdirSync(dir, { recursive: true });
  const n = labels.length;
  const pixels = Uint8Array.from({ length: n * size * size }, (_, i) => pixel(Math.floor(i / (size * size))));
  const write = (name: string, bytes: Uint8Array) => writeFileSync(join(dir, gzip ? `${name}.gz` : name), gzip ? gzipSync(bytes) : bytes);
  write(`${split}-images-idx3-ubyte`, encodeIdx('uint8', [n, size, size], pixels));
  write(`${split}-labels-idx1-ubyte`, encodeIdx('uint8', [n], labels));
}
