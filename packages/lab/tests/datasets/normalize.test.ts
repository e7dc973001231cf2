import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { createZoo, type Zoo } from 'mixzoo';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createModel, disposeModel, loadDataset, runStudy, Standardize, trainRun } from '@mixzoo/lab';
import { writeCifar10 } from './cifar-writer.js';

const root = mkdtempSync(join(tmpdir(), 'mixzoo-normalize-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
writeCifar10(root, 8, 8);

let zoo: Zoo;
beforeAll(async () => {
  zoo = await createZoo({ backend: 'wasm', seed: 0 });
});

describe('normalisation', () => {
  it('Standardize: (x - mean_c) / std_c on the last axis, a zero std divides by 1', () => {
    const layer = new Standardize({ mean: [0.5, 0.2], std: [0.25, 0] });
    const out = tf.tidy(() => Array.from((layer.apply(tf.tensor2d([[1, 0.7], [0.5, 0.2]])) as tf.Tensor).dataSync()));
    expect(out.map((v) => Number(v.toFixed(6)))).toEqual([2, 0.5, 0, 0]);
    expect(() => new Standardize({ mean: [0.5], std: [0.1, 0.2] })).toThrow(/'mean' and 'std' must be equally long lists/);
  });

  it('the model standardises with the training split statistics, and the run records them', async () => {
    const d = await loadDataset(`cifar10:${root}`, { seed: 0, cacheDir: join(root, 'cache'), normalize: true });
    const stats = d.normalization!;
    expect(stats.mean).toHaveLength(3);
    const model = createModel('cnn', d.inputShape, 10, 0, { normalization: stats });
    const standardize = model.layers.find((l) => l instanceof Standardize);
    expect(model.layers.indexOf(standardize!)).toBe(1); // right after the input
    // A constant image at the channel means is all zeros after the first layer.
    const atMean = tf.tensor4d(Array.from({ length: 32 * 32 }, () => stats.mean).flat(), [1, 32, 32, 3]);
    const first = standardize!.apply(atMean) as tf.Tensor;
    expect(Math.max(...Array.from(first.dataSync(), Math.abs))).toBeLessThan(1e-6);
    tf.dispose([atMean, first]);
    disposeModel(model);

    const before = tf.memory().numTensors;
    const run = await trainRun({ zoo, strategy: 'mixup', dataset: d, model: 'mlp', epochs: 1, batchSize: 8, seed: 1 });
    expect(run.data.normalization).toEqual(stats);
    expect(tf.memory().numTensors).toBe(before);
    const plain = await trainRun({ zoo, strategy: 'mixup', dataset: { ...d, normalization: undefined }, model: 'mlp', epochs: 1, batchSize: 8, seed: 1 });
    expect('normalization' in plain.data).toBe(false);
    expect(plain.epochs[0].trainLoss).not.toBe(run.epochs[0].trainLoss);
  });

  it("a study resumes its runs: each seed's statistics are its own training split's", { timeout: 60_000 }, async () => {
    const config = { strategies: [{ name: 'none' }], seeds: [1, 2], dataset: `cifar10:${root}`, model: 'mlp' as const, epochs: 1, batchSize: 8, trainSize: 20, testSize: 4, normalize: true };
    const options = { zoo, outDir: join(root, 'study'), loading: { cacheDir: join(root, 'cache') }, sampleCount: 2 };
    const first = await runStudy(config, options);
    const [a, b] = first.results.map((r) => r.data.normalization?.mean);
    expect(a).toHaveLength(3);
    expect(a).not.toEqual(b); // other seeded subsets, other statistics
    const again = await runStudy(config, options);
    expect([again.trained, again.reused]).toEqual([0, 2]);
    await expect(runStudy({ ...config, normalize: false }, options)).rejects.toThrow(/run 'none@seed1' was trained with data.normalization standardised, this study has data.normalization absent/);
  });
});
