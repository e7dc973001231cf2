import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { createZoo, type Zoo } from 'mixzoo';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BatchReader, leadingRows, loadDataset, runStudy, trainRun } from '@mixzoo/lab';
import { writeCifar10 } from './cifar-writer.js';
import { loadInChild } from './child.js';

const root = mkdtempSync(join(tmpdir(), 'mixzoo-stream-'));
const cacheDir = join(root, 'cache');
afterAll(() => rmSync(root, { recursive: true, force: true }));

const small = join(root, 'small');
writeCifar10(small, 12, 20); // 60 training images, 20 test
const IMAGE_BYTES = 32 * 32 * 3 * 4; // float32

let zoo: Zoo;
beforeAll(async () => {
  zoo = await createZoo({ backend: 'wasm', seed: 0 });
});

describe('a training split larger than the memory limit', () => {
  it('is streamed from the cache file: the same rows, batches and training as in memory', async () => {
    const options = { seed: 2, cacheDir, trainSize: 50 };
    const inMemory = await loadDataset(`cifar10:${small}`, options);
    // Room for the test split and 10 training images only.
    const streamed = await loadDataset(`cifar10:${small}`, { ...options, maxMemory: 30 * IMAGE_BYTES });
    expect([inMemory.train.rows, streamed.train.rows]).toEqual([undefined, expect.anything()]);
    expect(streamed.train.y).toEqual(inMemory.train.y);
    expect(streamed.test).toEqual(inMemory.test);
    expect(() => streamed.train.x).toThrow(/the training split is streamed from the decode cache/);

    const indices = [7, 3, 4, 5, 49, 0];
    const [a, b] = [new BatchReader(inMemory.train, inMemory.inputShape, 8), new BatchReader(streamed.train, streamed.inputShape, 8)];
    const [ra, rb] = [a.read(indices), b.read(indices)];
    expect(Array.from(rb.inputs.dataSync())).toEqual(Array.from(ra.inputs.dataSync()));
    expect(Array.from(rb.labels.dataSync())).toEqual(Array.from(ra.labels.dataSync()));
    tf.dispose([ra.inputs, ra.labels, rb.inputs, rb.labels]);

    expect(leadingRows(streamed.train, 3, 3072)).toEqual(inMemory.train.x.slice(0, 3 * 3072));

    const run = (dataset: typeof inMemory) => trainRun({ zoo, strategy: 'cutmix', dataset, model: 'mlp', epochs: 1, batchSize: 16, seed: 3 });
    const [x, y] = [await run(inMemory), await run(streamed)];
    expect(y.epochs[0].trainLoss).toBe(x.epochs[0].trainLoss);
    expect(y.final).toEqual(x.final);
  });

  it('a study trains on it, sample grids included', { timeout: 60_000 }, async () => {
    const outDir = join(root, 'study');
    const config = { strategies: [{ name: 'none' }, { name: 'mixup' }], seeds: [1], dataset: `cifar10:${small}`, model: 'mlp' as const, epochs: 1, batchSize: 16, testSize: 10 };
    const { results } = await runStudy(config, { zoo, outDir, loading: { cacheDir, maxMemory: 30 * IMAGE_BYTES }, sampleCount: 4 });
    expect(results.map((r) => [r.id, r.data.trainCount])).toEqual([['none@seed1', 60], ['mixup@seed1', 60]]);
  });

  it('without the decode cache, a split over the limit is refused; so is a test split alone over it', async () => {
    await expect(loadDataset(`cifar10:${small}`, { seed: 0, cache: false, maxMemory: 30 * IMAGE_BYTES })).rejects.toThrow(/is streamed only from the decode cache; drop --no-cache/);
    await expect(loadDataset(`cifar10:${small}`, { seed: 0, cacheDir, maxMemory: 10 * IMAGE_BYTES })).rejects.toThrow(/the test split alone needs 245760 bytes, over the memory limit of 122880/);
  });

  it('trains an epoch in a process with a small heap, holding far less than the split', { timeout: 120_000 }, async () => {
    const big = join(root, 'big');
    writeCifar10(big, 400, 50); // 2,000 training images: 24.6 MB as float32
    const trainBytes = 2000 * IMAGE_BYTES;
    const report = await loadInChild(`cifar10:${big}`, { cacheDir, maxMemory: 4 * 2 ** 20, train: true }, ['--max-old-space-size=160']);
    expect(report).toMatchObject({ streamed: true, train: 2000, test: 50, shape: [32, 32, 3] });
    expect(report.accuracy).toBeGreaterThanOrEqual(0);
    // Every ArrayBuffer of the process (tfjs's wasm heap included) stays well under the split's size.
    expect(report.peakArrayBuffers).toBeLessThan(Math.min(trainBytes / 2, 4 * 2 ** 20));
  });
});
