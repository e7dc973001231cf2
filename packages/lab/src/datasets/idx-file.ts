import { describeValue, MixzooError } from '@mixzoo/core';

/** The element types of the IDX format (MNIST, Fashion-MNIST, EMNIST, KMNIST...). */
export type IdxType = 'uint8' | 'int8' | 'int16' | 'int32' | 'float32' | 'float64';
export type IdxData = Uint8Array | Int8Array | Int16Array | Int32Array | Float32Array | Float64Array;

export interface IdxArray {
  type: IdxType;
  /** e.g. [10000, 28, 28] for images, [10000] for labels. */
  dims: number[];
  /** Row-major values, decoded from big-endian. */
  data: IdxData;
}

const TYPES: Partial<Record<number, { type: IdxType; bytes: number; read: (view: DataView, offset: number) => number; make: (n: number) => IdxData }>> = {
  0x08: { type: 'uint8', bytes: 1, read: (v, o) => v.getUint8(o), make: (n) => new Uint8Array(n) },
  0x09: { type: 'int8', bytes: 1, read: (v, o) => v.getInt8(o), make: (n) => new Int8Array(n) },
  0x0b: { type: 'int16', bytes: 2, read: (v, o) => v.getInt16(o), make: (n) => new Int16Array(n) },
  0x0c: { type: 'int32', bytes: 4, read: (v, o) => v.getInt32(o), make: (n) => new Int32Array(n) },
  0x0d: { type: 'float32', bytes: 4, read: (v, o) => v.getFloat32(o), make: (n) => new Float32Array(n) },
  0x0e: { type: 'float64', bytes: 8, read: (v, o) => v.getFloat64(o), make: (n) => new Float64Array(n) },
};

const hex = (b: number) => `0x${b.toString(16).padStart(2, '0')}`;

/**
 * Decodes an IDX file's bytes: magic `0x00 0x00 <type> <ndims>`, then ndims big-endian uint32
 * dimensions, then the values, big-endian. `source` names the file in errors.
 */
export function parseIdx(bytes: Uint8Array, source = 'IDX data'): IdxArray {
  const fail = (message: string) => new MixzooError('E_DATASET', `parseIdx: ${source}: ${message}`);
  if (!(bytes instanceof Uint8Array)) throw fail(`expected the file's bytes as a Uint8Array, got ${describeValue(bytes)}.`);
  if (bytes.length < 4 || bytes[0] !== 0 || bytes[1] !== 0) {
    throw fail(`not an IDX file: expected magic bytes 0x00 0x00 <type> <ndims>, got ${[...bytes.slice(0, 4)].map(hex).join(' ') || 'an empty file'}.`);
  }
  const spec = TYPES[bytes[2]];
  if (!spec) throw fail(`unknown element type ${hex(bytes[2])}; IDX types are ${Object.keys(TYPES).map((t) => hex(Number(t))).join(', ')}.`);
  const ndims = bytes[3];
  if (ndims === 0) throw fail('an IDX array needs at least 1 dimension, got 0.');
  const header = 4 + 4 * ndims;
  if (bytes.length < header) throw fail(`truncated header: ${ndims} dimensions need ${header} bytes, got ${bytes.length}.`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const dims = Array.from({ length: ndims }, (_, k) => view.getUint32(4 + 4 * k));
  const count = dims.reduce((a, b) => a * b, 1);
  const expected = header + count * spec.bytes;
  if (bytes.length !== expected) {
    throw fail(`dimensions [${dims.join(', ')}] of ${spec.type} need ${expected} bytes, got ${bytes.length}${bytes.length < expected ? ' (truncated?)' : ''}.`);
  }
  const data = spec.make(count);
  if (spec.bytes === 1 && spec.type === 'uint8') (data as Uint8Array).set(bytes.subarray(header, expected));
  else for (let k = 0; k < count; k++) data[k] = spec.read(view, header + k * spec.bytes);
  return { type: spec.type, dims, data };
}

/** Reads an IDX file; gzip-compressed files (`.gz`, detected by their magic bytes) are inflated with node:zlib. Node only. */
export async function readIdx(path: string): Promise<IdxArray> {
  const { readFile } = await import('node:fs/promises');
  const { gunzip } = await import('node:zlib');
  const { promisify } = await import('node:util');
  let bytes: Uint8Array;
  try {
    bytes = await readFile(path);
  } catch (e) {
    throw new MixzooError('E_DATASET', `readIdx: cannot read '${path}': ${(e as Error).message}`);
  }
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) {
    try {
      bytes = await promisify(gunzip)(bytes);
    } catch (e) {
      throw new MixzooError('E_DATASET', `readIdx: '${path}' looks gzip-compressed but does not inflate: ${(e as Error).message}`);
    }
  }
  return parseIdx(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength), `'${path}'`);
}
