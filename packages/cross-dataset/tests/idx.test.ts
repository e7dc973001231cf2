import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import * as tf from '@tensorflow/tfjs-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadIdxDataset, parseIdx, readIdx, type IdxType } from '@mixzoo/cross-dataset';
import { encodeIdx, writeIdxDataset } from './idx-fixture.js';
import { mixzooMessageOf } from '../../../test/helpers/tensors.js';

const tmp = mkdtempSync(join(tmpdir(), 'mixzoo-idx-'));
beforeAll(() => tf.setBackend('cpu'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const datasetError = (fn: () => unknown): string => mixzooMessageOf(fn, 'E_DATASET');

describe('parseIdx', () => {
  const cases: [IdxType, number[]][] = [
    ['uint8', [0, 7, 255, 128]],
    ['int8', [-128, -1, 0, 127]],
    ['int16', [-32768, -2, 513, 32767]],
    ['int32', [-2147483648, -70000, 65537, 2147483647]],
    ['float32', [-1.5, 0, 0.25, 2 ** 35]],
    ['float64', [-1e-300, Math.PI, 0, 1e300]],
  ];
  it.each(cases)('decodes big-endian %s with its dimensions', (type, values) => {
    const idx = parseIdx(encodeIdx(type, [2, 2], values));
    expect(idx.type).toBe(type);
    expect(idx.dims).toEqual([2, 2]);
    expect(Array.from(idx.data)).toEqual(values);
  });

  it('reads a 3-D header (60000 × 28 × 28 style) and a 1-D one', () => {
    expect(parseIdx(encodeIdx('uint8', [3, 2, 5], new Array(30).fill(9))).dims).toEqual([3, 2, 5]);
    expect(parseIdx(encodeIdx('uint8', [4], [1, 2, 3, 4])).dims).toEqual([4]);
  });

  it('rejects a bad magic, an unknown type, zero dimensions and wrong lengths, naming the source', () => {
    const good = encodeIdx('int16', [2, 3], [1, 2, 3, 4, 5, 6]);
    expect(datasetError(() => parseIdx(Uint8Array.from([0x1f, 0x8b, 8, 0]), 'f.gz'))).toBe(
      'parseIdx: f.gz: not an IDX file: expected magic bytes 0x00 0x00 <type> <ndims>, got 0x1f 0x8b 0x08 0x00.',
    );
    expect(datasetError(() => parseIdx(Uint8Array.from([0, 0, 0x0a, 1, 0, 0, 0, 0])))).toMatch(/unknown element type 0x0a; IDX types are 0x08, 0x09, 0x0b/);
    expect(datasetError(() => parseIdx(Uint8Array.from([0, 0, 8, 0])))).toMatch(/at least 1 dimension, got 0/);
    expect(datasetError(() => parseIdx(good.slice(0, 10)))).toMatch(/truncated header: 2 dimensions need 12 bytes, got 10/);
    expect(datasetError(() => parseIdx(good.slice(0, good.length - 1)))).toMatch(/dimensions \[2, 3\] of int16 need 24 bytes, got 23 \(truncated\?\)/);
    expect(datasetError(() => parseIdx(Uint8Array.from([...good, 0])))).toMatch(/need 24 bytes, got 25\.$/);
    expect(datasetError(() => parseIdx(new Uint8Array(0)))).toMatch(/got an empty file/);
  });
});

describe('readIdx', () => {
  it('reads plain and gzip-compressed files to the same array', async () => {
    const bytes = encodeIdx('int32', [3], [5, -6, 70000]);
    writeFileSync(join(tmp, 'plain-idx1'), bytes);
    writeFileSync(join(tmp, 'packed-idx1.gz'), gzipSync(bytes));
    const plain = await readIdx(join(tmp, 'plain-idx1'));
    const packed = await readIdx(join(tmp, 'packed-idx1.gz'));
    expect(Array.from(plain.data)).toEqual([5, -6, 70000]);
    expect(packed).toEqual(plain);
  });

  it('names the file when it is missing or a corrupt gzip', async () => {
    await expect(readIdx(join(tmp, 'nope.gz'))).rejects.toThrow(/readIdx: cannot read '.*nope\.gz': ENOENT/);
    writeFileSync(join(tmp, 'broken.gz'), Uint8Array.from([0x1f, 0x8b, 1, 2, 3]));
    await expect(readIdx(join(tmp, 'broken.gz'))).rejects.toThrow(/'.*broken\.gz' looks gzip-compressed but does not inflate/);
  });
});

describe('loadIdxDataset', () => {
  it('loads an MNIST-format folder as float32 [N, H, W, 1] in [0, 1] and int32 labels, first `count` samples', async () => {
    const dir = join(tmp, 'fashion');
    writeIdxDataset(dir, [3, 1, 4, 1, 5], { size: 4, pixel: (k) => k * 50 });
    const before = tf.memory().numTensors;
    const { images, labels } = await loadIdxDataset(dir, { count: 3 });
    expect(images.shape).toEqual([3, 4, 4, 1]);
    expect(images.dtype).toBe('float32');
    const pixels = images.dataSync();
    expect([pixels[0], pixels[16], pixels[47]]).toEqual([0, 50 / 255, 100 / 255].map(Math.fround));
    expect(Array.from(labels.dataSync())).toEqual([3, 1, 4]);
    expect(labels.dtype).toBe('int32');
    tf.dispose([images, labels]);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('finds uncompressed files and the train split', async () => {
    const dir = join(tmp, 'plain');
    writeIdxDataset(dir, [0, 9], { split: 'train', size: 2, gzip: false });
    const { images, labels } = await loadIdxDataset(dir, { split: 'train' });
    expect(images.shape).toEqual([2, 2, 2, 1]);
    expect(Array.from(labels.dataSync())).toEqual([0, 9]);
    tf.dispose([images, labels]);
  });

  it('says which files it looked for, and rejects a bad count or mismatched files', async () => {
    await expect(loadIdxDataset(join(tmp, 'empty'))).rejects.toThrow(/found neither '.*empty\/t10k-images-idx3-ubyte\.gz' nor '.*empty\/t10k-images-idx3-ubyte'/);
    const dir = join(tmp, 'small');
    writeIdxDataset(dir, [1, 2], { size: 2 });
    await expect(loadIdxDataset(dir, { count: 3 })).rejects.toThrow("loadIdxDataset: 'count' must be an integer in [1, 2], got 3.");
    writeFileSync(join(dir, 't10k-labels-idx1-ubyte.gz'), gzipSync(encodeIdx('uint8', [3], [1, 2, 3])));
    await expect(loadIdxDataset(dir)).rejects.toThrow(/2 images but 3 labels/);
  });
});
