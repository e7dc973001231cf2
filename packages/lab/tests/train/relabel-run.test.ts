import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { createZoo, type Zoo } from 'mixzoo';
import { loadDataset, runStudy, trainRun, type Dataset, type TrainRunResult } from '@mixzoo/lab';

const strip = (r: TrainRunResult) => r.epochs.map(({ seconds: _, ...rest }) => rest);

let zoo: Zoo;
let digits: Dataset;

beforeAll(async () => {
  zoo = await createZoo({ backend: 'wasm', seed: 0 });
  digits = await loadDataset('mnist', { seed: 0, trainSize: 64, testSize: 32 });
});

describe('trainRun with a strategy that labels from the mixed batch (transmix)', () => {
  const options = { model: 'vit' as const, epochs: 1, batchSize: 32, seed: 4, learningRate: 0.003 };

  it("trains the ViT with labels from its own attention on the mixed digits: deterministic, attention-weighted, no leaks", async () => {
    const before = tf.memory().numTensors;
    const a = await trainRun({ ...options, zoo, strategy: 'transmix', dataset: digits });
    const b = await trainRun({ ...options, zoo, strategy: 'transmix', dataset: digits });
    const areaOnly = await trainRun({ ...options, zoo, strategy: 'transmix', strategyOptions: { ratio: 1 }, dataset: digits });
    expect(tf.memory().numTensors).toBe(before);
    expect(Number.isFinite(a.epochs[0].trainLoss)).toBe(true);
    expect(strip(b)).toEqual(strip(a));
    // ratio 1 labels by the pasted area alone: same pixels, other labels, so another training
    expect(areaOnly.epochs[0].trainLoss).not.toBe(a.epochs[0].trainLoss);
  });

  it('refuses models without attention before training, in trainRun and in a study config', () => {
    return Promise.all([
      expect(trainRun({ ...options, model: 'cnn', zoo, strategy: 'transmix', dataset: digits })).rejects.toThrow(/train it with model 'vit'.*got model 'cnn'/),
      expect(runStudy({ strategies: [{ name: 'none' }, { name: 'transmix' }], seeds: [1], dataset: 'mnist', model: 'resnet', epochs: 1, batchSize: 32 }, { zoo, outDir: join(tmpdir(), 'mixzoo-relabel-refused') })).rejects.toThrow(
        /runStudy: 'transmix' labels from the model's 'attention'/,
      ),
    ]);
  });
});
