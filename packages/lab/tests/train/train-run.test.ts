import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { createZoo, type Zoo } from 'mixzoo';
import { disposeModel, epochBatches, epochOrder, loadDataset, trainRun, type Dataset, type EpochRecord } from '@mixzoo/lab';
import { seen, spyPlugin } from './spy-strategy.js';


let zoo: Zoo;
let moons: Dataset;
let mnist: Dataset;

beforeAll(async () => {
  zoo = await createZoo({ backend: 'wasm', seed: 0, plugins: [spyPlugin] });
  moons = await loadDataset('moons', { seed: 0, trainSize: 1000, testSize: 300 });
  mnist = await loadDataset('mnist', { seed: 0, trainSize: 256, testSize: 128 });
});

describe('trainRun', () => {
  it('learns the moons with an MLP (> 0.85 held-out accuracy in 8 epochs) and reports every epoch', async () => {
    const records: EpochRecord[] = [];
    const batches: [number, number][] = [];
    const before = tf.memory().numTensors;
    const r = await trainRun({
      zoo, strategy: 'mixup', strategyOptions: { alpha: 0.2 }, dataset: moons, model: 'mlp', epochs: 8, batchSize: 32, seed: 1, learningRate: 0.01,
      onEpoch: (record, run) => {
        records.push(record);
        expect(run).toEqual({ id: 'mixup@seed1', strategy: 'mixup', seed: 1, epochs: 8, backend: 'wasm' });
      },
      onBatch: (done, total) => batches.push([done, total]),
    });
    expect(tf.memory().numTensors).toBe(before);
    expect(r.final.accuracy).toBeGreaterThan(0.85);
    expect(r).toMatchObject({ id: 'mixup@seed1', strategy: 'mixup', strategyOptions: { alpha: 0.2 }, seed: 1, dataset: 'moons', model: 'mlp', backend: 'wasm' });
    expect(r.epochs).toEqual(records);
    expect(r.epochs.map((e) => e.epoch)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(r.final).toEqual(records[7].test);
    expect(r.epochs[7].trainLoss).toBeLessThan(r.epochs[0].trainLoss);
    expect(r.secondsPerEpoch).toBeCloseTo(records.reduce((s, e) => s + e.seconds, 0) / 8, 10);
    expect(batches).toHaveLength(8 * 32); // 1000 / 32 → 32 batches (the last of 8)
    expect(batches.at(-1)).toEqual([256, 256]);
    expect(JSON.parse(JSON.stringify(r))).toEqual(r); // plain JSON
  });

  it('is deterministic for a seed (same backend) and depends on it', async () => {
    const options = { zoo, strategy: 'cutmix', strategyOptions: { alpha: 1 }, dataset: mnist, model: 'cnn' as const, epochs: 1, batchSize: 16, learningRate: 0.01 };
    const a = await trainRun({ ...options, seed: 3 });
    const b = await trainRun({ ...options, seed: 3 });
    const c = await trainRun({ ...options, seed: 4 });
    const strip = (r: typeof a) => r.epochs.map(({ seconds: _, ...rest }) => rest);
    expect(strip(b)).toEqual(strip(a));
    expect(strip(c)).not.toEqual(strip(a));
    // 16 cutmix steps already move the CNN off chance (0.1 ± 0.03 on 128 digits)
    expect(a.final.accuracy).toBeGreaterThan(0.2);
  });

  it('trains the small CNN on 256 MNIST digits well above chance in one epoch', async () => {
    const before = tf.memory().numTensors;
    const r = await trainRun({ zoo, strategy: 'none', dataset: mnist, model: 'cnn', epochs: 1, batchSize: 16, seed: 3, learningRate: 0.01 });
    expect(tf.memory().numTensors).toBe(before);
    expect(r.final.accuracy).toBeGreaterThan(0.5);
    expect(r.final.nll).toBeLessThan(Math.log(10));
    expect(r.final.noisyAccuracy['0.1']).toBeGreaterThan(0.3);
  });

  it('visits the same seeded order (epochOrder) whatever the strategy, one batch at a time', async () => {
    seen.length = 0;
    await trainRun({ zoo, strategy: 'spy', dataset: moons, model: 'mlp', epochs: 2, batchSize: 64, seed: 9 });
    const expected = [0, 1].flatMap((epoch) => epochBatches(epochOrder(9, epoch, moons.train.count), 64).map((b) => b.map((k) => moons.train.x[2 * k])));
    // moons has 2 features: the first of each sample identifies it
    expect(seen.map((batch) => Array.from(batch.filter((_, i) => i % 2 === 0)))).toEqual(expected);
  });

  it("trains unmixed with strategy 'none' (one-hot labels) and differs from a mixed run", async () => {
    const options = { zoo, dataset: moons, model: 'mlp' as const, epochs: 1, batchSize: 32, seed: 2 };
    const none = await trainRun({ ...options, strategy: 'none' });
    const spyRun = await trainRun({ ...options, strategy: 'spy' }); // identity plans: the same training as 'none'
    const mixup = await trainRun({ ...options, strategy: 'mixup', strategyOptions: { alpha: 1 } });
    expect(none.id).toBe('none@seed2');
    expect(spyRun.final).toEqual(none.final);
    expect(mixup.final).not.toEqual(none.final);
  });

  it('keeps the model on request, out of the JSON', async () => {
    const r = await trainRun({ zoo, strategy: 'none', dataset: moons, model: 'mlp', epochs: 1, batchSize: 100, seed: 0, keepModel: true, id: 'kept' });
    expect(r.id).toBe('kept');
    expect(r.trainedModel).toBeDefined();
    expect(Object.keys(r)).not.toContain('trainedModel');
    expect(JSON.stringify(r)).not.toContain('trainedModel');
    const probs = tf.tidy(() => (r.trainedModel!.predict(tf.tensor2d(moons.test.x.subarray(0, 4), [2, 2])) as tf.Tensor).dataSync());
    expect(probs).toHaveLength(4);
    disposeModel(r.trainedModel!);
  });

  it('leaves no tensors behind when training fails, and checks its options', async () => {
    const before = tf.memory().numTensors;
    // cutmix needs NHWC images: the moons' [B, 2] batches are refused at the first batch
    await expect(trainRun({ zoo, strategy: 'cutmix', dataset: moons, model: 'mlp', epochs: 1, batchSize: 32, seed: 0 })).rejects.toMatchObject({ code: 'E_SHAPE' });
    expect(tf.memory().numTensors).toBe(before);
    await expect(trainRun({ zoo, strategy: 'mixup', dataset: moons, model: 'mlp', epochs: 0, batchSize: 32, seed: 0 })).rejects.toThrow("trainRun: 'epochs' must be an integer >= 1, got 0.");
    await expect(trainRun({ zoo, strategy: 'mixupp', dataset: moons, model: 'mlp', epochs: 1, batchSize: 32, seed: 0 })).rejects.toMatchObject({ code: 'E_UNKNOWN_STRATEGY' });
    expect(tf.memory().numTensors).toBe(before);
  });
});
