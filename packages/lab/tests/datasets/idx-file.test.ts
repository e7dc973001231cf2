import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { parseIdx, readIdx, type IdxType } from '../../src/datasets/idx-file.js';
import { encodeIdx } from './idx-fixture.js';
import { mixzooMessageOf } from '../../../../test/helpers/tensors.js';

const tmp = mkdtempSync(join(tmpdir(), 'mixzoo-idx-'));
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
