import { createZoo, tf, type Zoo } from 'mixzoo';
import { beforeAll, describe, expect, it } from 'vitest';
import * as tfl from '@tensorflow/tfjs-layers';
import { createModel, createTrainStep, disposeModel, LabOptimizer, loadDataset, logitsOf, trainRun, type Dataset, type TrainRunOptions } from '@mixzoo/lab';
import { withoutTimings } from '../study/workers/compare-records.js';
import { wholeAndResumed as resumeRun } from './resume.js';

let zoo: Zoo;
let moons: Dataset;
let mnist: Dataset;

beforeAll(async () => {
  zoo = await createZoo({ backend: 'cpu' });
  moons = await loadDataset('moons', { seed: 4, trainSize: 96, testSize: 48 });
  mnist = await loadDataset('mnist', { seed: 4, trainSize: 64, testSize: 32 });
  base = { dataset: moons, model: 'mlp', epochs: 2, batchSize: 16, seed: 3, learningRate: 0.01 };
});

/** The moons runs' settings (set once the data is loaded). */
let base: { dataset: Dataset; model: 'mlp'; epochs: number; batchSize: number; seed: number; learningRate: number };

describe('the training step (optimizer.minimize over the row loss)', () => {
  it('with the defaults (Adam, CE) trains as trainOnBatch did (weights within 1e-5 after 4 steps)', async () => {
    const x = tf.tensor2d(moons.train.x.subarray(0, 64), [32, 2]);
    const y = tf.oneHot(tf.tensor1d(moons.train.y.subarray(0, 32), 'int32'), 2);
    const labels = tf.tensor1d(moons.train.y.subarray(0, 32), 'int32');
    const old = createModel('mlp', [2], 2, 7, { learningRate: 0.01 });
    for (let s = 0; s < 4; s++) await old.trainOnBatch(x, y);
    const optimizer = new LabOptimizer({ name: 'adam', weightDecay: 0 }, () => 0.01);
    const model = createModel('mlp', [2], 2, 7, { optimizer });
    const mix = (_mixer: unknown, batch: { inputs: tf.Tensor; labels: tf.Tensor1D }) => ({ inputs: batch.inputs, labels: tf.oneHot(batch.labels, 2) }); // no mixing
    const step = createTrainStep({ model, optimizer, mix, loss: { name: 'ce' }, labelSmoothing: 0, numClasses: 2 });
    for (let s = 0; s < 4; s++) await step(undefined, { inputs: x, labels });
    const [a, b] = [old.getWeights(), model.getWeights()];
    a.forEach((w, i) => {
      const gap = tf.tidy(() => tf.max(tf.abs(tf.sub(w, b[i]))).dataSync()[0]);
      expect(gap, `weight ${i}`).toBeLessThan(1e-5);
    });
    // and the steps did move the weights
    const moved = tf.tidy(() => tf.max(tf.abs(tf.sub(a[a.length - 2], createModel('mlp', [2], 2, 7).getWeights()[a.length - 2]))).dataSync()[0]);
    expect(moved).toBeGreaterThan(1e-3);
    disposeModel(old);
    disposeModel(model);
    tf.dispose([x, y, labels]);
  });
});

describe('logitsOf', () => {
  it("gives the logits of the lab's models (their softmax is the prediction) and refuses a model without a softmax head", () => {
    for (const [name, shape] of [['mlp', [2]], ['resnet', [8, 8, 1]]] as const) {
      const model = createModel(name, [...shape], 3, 1);
      const x = tf.randomUniform([4, ...shape], 0, 1, 'float32', 7);
      const gap = tf.tidy(() => tf.max(tf.abs(tf.sub(tf.softmax(logitsOf(model)(x, false)), model.predict(x) as tf.Tensor))).dataSync()[0]);
      expect(gap, name).toBeLessThan(1e-6);
      disposeModel(model);
      x.dispose();
    }
    const plain = tfl.sequential({ layers: [tfl.layers.dense({ inputShape: [2], units: 3 })] });
    expect(() => logitsOf(plain)).toThrow(expect.objectContaining({ code: 'E_OPTION', message: expect.stringContaining("the model must end in a softmax") }));
    plain.dispose();
  });
});

describe('trainRun with a recipe', () => {
  it('records the recipe with defaults filled, and the schedule is applied (step γ = 0: epoch 2 trains at rate 0)', async () => {
    const before = tf.memory().numTensors;
    const r = await trainRun({ zoo, ...base, strategy: 'mixup', optimizer: 'sgd', lrSchedule: { name: 'step', stepEpochs: 1, gamma: 0 }, labelSmoothing: 0.1 });
    expect(tf.memory().numTensors).toBe(before);
    expect(r.training).toEqual({
      epochs: 2, batchSize: 16, optimizer: 'sgd', learningRate: 0.01, momentum: 0.9, nesterov: false, weightDecay: 0,
      lrSchedule: { name: 'step', stepEpochs: 1, gamma: 0 }, labelSmoothing: 0.1, loss: { name: 'ce' },
    });
    expect(r.epochs[1].test).toEqual(r.epochs[0].test); // no step moved the weights in epoch 2
    const moving = await trainRun({ zoo, ...base, strategy: 'mixup', optimizer: 'sgd', labelSmoothing: 0.1 });
    expect(moving.epochs[1].test).not.toEqual(moving.epochs[0].test);
  });

  it('trains every row loss without leaks; interpolated CE equals CE, the others differ', async () => {
    const before = tf.memory().numTensors;
    // 10 classes: with 2 (the moons) every class is mixed in every row and the decoupled terms vanish.
    const run = (loss: TrainRunOptions['loss']) => trainRun({ zoo, ...base, dataset: mnist, strategy: 'mixup', strategyOptions: { alpha: 1 }, loss });
    const ce = await run('ce');
    const interpolated = await run('interpolated');
    expect(interpolated.training.loss).toEqual({ name: 'interpolated', base: 'ce' });
    interpolated.epochs.forEach((e, i) => expect(e.trainLoss).toBeCloseTo(ce.epochs[i].trainLoss, 4));
    for (const loss of [{ name: 'bce', threshold: 0.2 }, { name: 'interpolated', base: 'bce', threshold: 0.2 }, 'regmixup', { name: 'decoupled', eta: 0.5 }] as const) {
      const r = await run(loss);
      expect(Number.isFinite(r.epochs[1].trainLoss), JSON.stringify(loss)).toBe(true);
      expect(r.final, JSON.stringify(loss)).not.toEqual(ce.final);
    }
    expect(tf.memory().numTensors).toBe(before);
  });

  it('decoupled and interpolated losses train with a hidden-layer mixer (manifold-mixup) and k-way plans (ricap)', async () => {
    const manifold = await trainRun({ zoo, ...base, strategy: 'manifold-mixup', loss: 'decoupled' });
    expect(manifold.epochs[1].trainLoss).toBeLessThan(manifold.epochs[0].trainLoss + 1);
    const ricap = await trainRun({ zoo, dataset: mnist, model: 'cnn', epochs: 1, batchSize: 16, seed: 1, strategy: 'ricap', loss: 'interpolated' });
    const ricapCe = await trainRun({ zoo, dataset: mnist, model: 'cnn', epochs: 1, batchSize: 16, seed: 1, strategy: 'ricap' });
    expect(ricap.epochs[0].trainLoss).toBeCloseTo(ricapCe.epochs[0].trainLoss, 3);
  });

  it('regmixup: one forward on the concatenation or two forwards are the same without batch norm (mlp), not with it (resnet)', async () => {
    const run = (model: 'mlp' | 'resnet', concatForward: boolean) =>
      trainRun({ zoo, dataset: mnist, model, epochs: 1, batchSize: 16, seed: 2, strategy: 'mixup', loss: { name: 'regmixup', concatForward } });
    const [mlpOne, mlpTwo] = [await run('mlp', true), await run('mlp', false)];
    expect(mlpTwo.training.loss).toEqual({ name: 'regmixup', eta: 1, concatForward: false });
    expect(mlpTwo.epochs[0].trainLoss).toBeCloseTo(mlpOne.epochs[0].trainLoss, 5);
    const [resOne, resTwo] = [await run('resnet', true), await run('resnet', false)];
    expect(Math.abs(resTwo.epochs[0].trainLoss - resOne.epochs[0].trainLoss)).toBeGreaterThan(1e-4);
  });

  it('refuses regmixup without input mixing, and a bad recipe, before training (E_OPTION, no tensors left)', async () => {
    const before = tf.memory().numTensors;
    await expect(trainRun({ zoo, ...base, strategy: 'none', loss: 'regmixup' })).rejects.toMatchObject({ code: 'E_OPTION', message: expect.stringContaining("loss 'regmixup' needs a strategy that mixes the inputs") });
    await expect(trainRun({ zoo, ...base, strategy: 'manifold-mixup', loss: 'regmixup' })).rejects.toMatchObject({ code: 'E_OPTION' });
    await expect(trainRun({ zoo, ...base, strategy: 'mixup', optimizer: 'lamb' as never })).rejects.toMatchObject({ code: 'E_OPTION', message: expect.stringContaining("trainRun: 'optimizer' must be one of adam, adamw, sgd") });
    await expect(trainRun({ zoo, ...base, strategy: 'mixup', labelSmoothing: 1 })).rejects.toMatchObject({ code: 'E_OPTION', message: expect.stringContaining("'labelSmoothing' must be a number in [0, 1)") });
    await expect(trainRun({ zoo, ...base, strategy: 'mixup', loss: { name: 'decoupled', eta: -1 } })).rejects.toMatchObject({ code: 'E_OPTION' });
    expect(tf.memory().numTensors).toBe(before);
  });
});

const wholeAndResumed = (options: Omit<TrainRunOptions, 'zoo'>) => resumeRun(zoo, options);

describe('checkpoints of the new optimizers', () => {
  it('SGD Nesterov with weight decay, cosine warm-up, label smoothing: resumed == uninterrupted', async () => {
    const { whole, resumed } = await wholeAndResumed({ ...base, epochs: 3, strategy: 'cutmix', dataset: mnist, optimizer: { name: 'sgd', nesterov: true, weightDecay: 5e-4 }, lrSchedule: { name: 'cosine', warmupEpochs: 1 }, labelSmoothing: 0.1 });
    expect(withoutTimings(resumed)).toEqual(withoutTimings(whole));
  });

  it('AdamW, one-cycle, decoupled loss: resumed == uninterrupted', async () => {
    const { whole, resumed } = await wholeAndResumed({ ...base, epochs: 3, strategy: 'mixup', optimizer: 'adamw', lrSchedule: 'one-cycle', loss: 'decoupled' });
    expect(withoutTimings(resumed)).toEqual(withoutTimings(whole));
  });
});
