import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import type { LayersModel } from '@tensorflow/tfjs-layers';
import { createZoo, type Zoo } from 'mixzoo';
import {
  accuracyOf, CORRUPTION_NAMES, corruptImages, disposeModel, evaluateRobustness, FASHION_MNIST_DIR, loadDataset, predictProbs, resolveRobustness, robustnessText, trainRun,
  type Dataset,
} from '@mixzoo/lab';

let zoo: Zoo;
let mnist: Dataset;
let model: LayersModel;

/** A small MLP trained 2 epochs on 1,000 digits (about 85% held-out accuracy). */
beforeAll(async () => {
  zoo = await createZoo({ backend: 'wasm', seed: 0 });
  mnist = await loadDataset('mnist', { seed: 1, trainSize: 1000, testSize: 300 });
  const run = await trainRun({ zoo, strategy: 'none', dataset: mnist, model: 'mlp', epochs: 2, batchSize: 64, seed: 1, keepModel: true });
  if (!run.trainedModel) throw new Error('trainRun kept no model');
  model = run.trainedModel;
});
afterAll(() => disposeModel(model));

describe('evaluateRobustness', () => {
  let record: Awaited<ReturnType<typeof evaluateRobustness>>;

  it('measures every corruption at every severity: a trained model does worse at severity 5 than at 1; no tensors left, inputs kept', async () => {
    const tensors = tf.memory().numTensors;
    const before = Float32Array.from(mnist.test.x);
    record = await evaluateRobustness(model, mnist, {}, { seed: 1, kernels: zoo.kernels });
    expect(tf.memory().numTensors).toBe(tensors);
    expect(Buffer.from(mnist.test.x.buffer).equals(Buffer.from(before.buffer))).toBe(true);
    expect(record.corruptions).toEqual(CORRUPTION_NAMES);
    expect(record.severities).toEqual([1, 2, 3, 4, 5]);
    for (const name of CORRUPTION_NAMES) {
      const accuracy = record.accuracy[name];
      expect(accuracy).toHaveLength(5);
      expect(accuracy[4]).toBeLessThan(accuracy[0]);
    }
    const all = Object.values(record.accuracy).flat();
    expect(record.meanCorruptionAccuracy).toBeCloseTo(all.reduce((s, v) => s + v, 0) / all.length, 12);
    expect(record.ood).toBeUndefined();
  });

  it('each accuracy is the model on the corrupted test split of the run seed (the same images for any model)', () => {
    const [height, width, channels] = mnist.inputShape;
    const x = corruptImages({ x: mnist.test.x, count: mnist.test.count, height, width, channels }, 'rotation', 4, 1, zoo.kernels);
    expect(record.accuracy.rotation[3]).toBe(accuracyOf(predictProbs(model, { ...mnist.test, x }, 10), mnist.test.y, 10));
  });

  it('evaluates the chosen corruptions and severities in canonical order; the same seed gives the same record', async () => {
    const config = { corruptions: ['occlusion', 'contrast'], severities: [5, 1] };
    const some = await evaluateRobustness(model, mnist, config, { seed: 1, kernels: zoo.kernels });
    expect(some.corruptions).toEqual(['contrast', 'occlusion']);
    expect(some.severities).toEqual([1, 5]);
    expect(some.accuracy).toEqual({ contrast: [record.accuracy.contrast[0], record.accuracy.contrast[4]], occlusion: [record.accuracy.occlusion[0], record.accuracy.occlusion[4]] });
    expect(await evaluateRobustness(model, mnist, config, { seed: 1, kernels: zoo.kernels })).toEqual(some);
    const none = await evaluateRobustness(model, mnist, { corruptions: [] }, { seed: 1, kernels: zoo.kernels });
    expect(none).toEqual({ corruptions: [], severities: [1, 2, 3, 4, 5], accuracy: {} });
  });

  it('refuses corruptions of feature vectors', async () => {
    const moons = await loadDataset('moons', { seed: 0, trainSize: 10, testSize: 10 });
    await expect(evaluateRobustness(model, moons, {}, { seed: 0, kernels: zoo.kernels })).rejects.toThrow(/corruptions need images \[H, W, C\], 'moons' has samples of shape \[2\]/);
  });

  it.skipIf(!existsSync(FASHION_MNIST_DIR))('OOD: a Fashion-MNIST model tells its test split from MNIST digits by max-softmax (AUROC well above ½)', async () => {
    // Skipped only where Debian's dataset-fashion-mnist is not installed.
    const fashion = await loadDataset('fashion-mnist', { seed: 1, trainSize: 1000, testSize: 300 });
    const run = await trainRun({ zoo, strategy: 'none', dataset: fashion, model: 'mlp', epochs: 2, batchSize: 64, seed: 1, keepModel: true });
    const tensors = tf.memory().numTensors;
    try {
      const r = await evaluateRobustness(run.trainedModel!, fashion, { corruptions: [], ood: 'mnist' }, { seed: 1, kernels: zoo.kernels, testSize: 300 });
      expect(r.ood).toMatchObject({ dataset: 'mnist', inCount: 300, outCount: 300 });
      expect(r.ood!.auroc).toBeGreaterThan(0.6);
      expect(r.ood!.auroc).toBeLessThanOrEqual(1);
      expect(tf.memory().numTensors).toBe(tensors);
    } finally {
      disposeModel(run.trainedModel!);
    }
  });
});

describe('robustness settings', () => {
  it('fill defaults, order corruptions as the registry, sort severities, canonicalise the OOD spec', () => {
    expect(resolveRobustness({})).toEqual({ corruptions: CORRUPTION_NAMES, severities: [1, 2, 3, 4, 5], ood: null });
    expect(resolveRobustness({ corruptions: ['rotation', 'shot-noise'], severities: [3, 1], ood: 'mnist' })).toEqual({ corruptions: ['shot-noise', 'rotation'], severities: [1, 3], ood: 'mnist' });
    expect(robustnessText({ severities: [1, 3, 5], ood: 'mnist' })).toBe('all 8 corruptions at severities 1, 3, 5; OOD mnist');
    expect(robustnessText({ corruptions: ['contrast'] })).toBe('corruptions contrast at severities 1, 2, 3, 4, 5; no OOD detection');
  });

  it.each([
    [{ corruptions: ['fog'] }, /'robustness.corruptions' must be 'all' or a list of shot-noise, .*, got \['fog'\]/],
    [{ corruptions: 'some' }, /'robustness.corruptions' must be 'all' or a list/],
    [{ corruptions: ['contrast', 'contrast'] }, /must not repeat/],
    [{ severities: [0, 1] }, /'robustness.severities' must be a non-empty list of distinct integers from 1 to 5, got \[0, 1\]/],
    [{ severities: [] }, /'robustness.severities' must be a non-empty list/],
    [{ severities: [2, 2] }, /distinct/],
    [{ ood: 'mnst' }, /'robustness.ood': unknown dataset 'mnst'.*did you mean 'mnist'/i],
    [{ severity: [1] }, /'robustness.severity' is not a setting/],
    [null, /'robustness' must be an object/],
  ])('refuses %j', (config, message) => {
    expect(() => resolveRobustness(config as never)).toThrow(message);
  });
});
