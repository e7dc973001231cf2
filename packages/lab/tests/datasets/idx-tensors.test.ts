import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import * as tf from '@tensorflow/tfjs-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadIdxDataset } from '../../src/datasets/idx-tensors.js';
import { encodeIdx, writeIdxDataset } from './idx-fixture.js';

const tmp = mkdtempSync(join(tmpdir(), 'mixzoo-idx-tensors-'));
beforeAll(() => tf.setBackend('cpu'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

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
    await expect(loadIdxDataset(join(tmp, 'missing'))).rejects.toThrow(`loadIdxDataset: folder '${join(tmp, 'missing')}' does not exist.`);
    mkdirSync(join(tmp, 'empty'));
    await expect(loadIdxDataset(join(tmp, 'empty'))).rejects.toThrow(`loadIdxDataset: '${join(tmp, 'empty')}' lacks t10k-images-idx3-ubyte[.gz] and t10k-labels-idx1-ubyte[.gz] (MNIST layout).`);
    const dir = join(tmp, 'small');
    writeIdxDataset(dir, [1, 2], { size: 2 });
    await expect(loadIdxDataset(dir, { count: 3 })).rejects.toThrow("loadIdxDataset: 'count' must be an integer in [1, 2], got 3.");
    writeFileSync(join(dir, 't10k-labels-idx1-ubyte.gz'), gzipSync(encodeIdx('uint8', [3], [1, 2, 3])));
    await expect(loadIdxDataset(dir)).rejects.toThrow(`loadIdxDataset: in '${dir}', t10k-images-idx3-ubyte.gz is [2, 2, 2] and t10k-labels-idx1-ubyte.gz is [3]; expected [N, H, W] images and the same N labels.`);
  });
});
