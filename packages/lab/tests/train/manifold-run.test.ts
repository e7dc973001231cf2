import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { createZoo, type Zoo } from 'mixzoo';
import { ManifoldMixup, MixLayer } from '@mixzoo/mixup';
import { disposeModel, loadDataset, trainRun, type Dataset } from '@mixzoo/lab';

let zoo: Zoo;
let moons: Dataset;
let digits: Dataset;

beforeAll(async () => {
  zoo = await createZoo({ backend: 'wasm', seed: 0 });
  moons = await loadDataset('moons', { seed: 0, trainSize: 600, testSize: 300 });
  digits = await loadDataset('mnist', { seed: 0, trainSize: 64, testSize: 32 });
});
afterEach(() => vi.restoreAllMocks());

describe("trainRun with 'manifold-mixup'", () => {
  it('mixes inside the model (one manifold step per batch, never on the inputs) and learns the moons', async () => {
    const step = vi.spyOn(ManifoldMixup.prototype, 'step');
    const mix = vi.spyOn(ManifoldMixup.prototype, 'mix');
    const before = tf.memory().numTensors;
    const r = await trainRun({ zoo, strategy: 'manifold-mixup', dataset: moons, model: 'mlp', epochs: 6, batchSize: 32, seed: 1, learningRate: 0.01, keepModel: true });
    expect(step).toHaveBeenCalledTimes(6 * 19); // 600 / 32 → 19 batches (the last of 24)
    expect(mix).not.toHaveBeenCalled();
    expect(r.final.accuracy).toBeGreaterThan(0.85);
    expect(r.epochs[5].trainLoss).toBeLessThan(r.epochs[0].trainLoss);
    expect(r).toMatchObject({ id: 'manifold-mixup@seed1', strategy: 'manifold-mixup', strategyOptions: {} });
    const depths = r.trainedModel!.layers.filter((l): l is MixLayer => l instanceof MixLayer).map((l) => l.depth);
    expect(depths).toEqual([0, 1, 2]); // DEFAULT_MANIFOLD_LAYERS
    disposeModel(r.trainedModel!);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('draws every placed depth, is deterministic for a seed, and differs from input mixup and from no mixing', async () => {
    const begin = vi.spyOn(ManifoldMixup.prototype, 'begin');
    const options = { zoo, dataset: moons, model: 'mlp' as const, epochs: 1, batchSize: 50, seed: 4 };
    const a = await trainRun({ ...options, strategy: 'manifold-mixup', strategyOptions: { layers: [1, 2] } });
    const layers = begin.mock.results.flatMap((r) => (r.type === 'return' ? [r.value.plan.extra!.layer as number] : []));
    expect(new Set(layers)).toEqual(new Set([1, 2]));
    const b = await trainRun({ ...options, strategy: 'manifold-mixup', strategyOptions: { layers: [1, 2] } });
    const strip = (r: typeof a) => r.epochs.map(({ seconds: _, ...rest }) => rest);
    expect(strip(b)).toEqual(strip(a));
    const mixup = await trainRun({ ...options, strategy: 'mixup', strategyOptions: { alpha: 2 } });
    const none = await trainRun({ ...options, strategy: 'none' });
    expect(a.final).not.toEqual(mixup.final);
    expect(a.final).not.toEqual(none.final);
    expect(a.strategyOptions).toEqual({ layers: [1, 2] });
  });

  it('places MixLayers in the cnn at the requested depths and trains it on wasm', async () => {
    const before = tf.memory().numTensors;
    const r = await trainRun({ zoo, strategy: 'manifold-mixup', strategyOptions: { layers: [1, 3] }, dataset: digits, model: 'cnn', epochs: 1, batchSize: 16, seed: 0, keepModel: true });
    expect(r.trainedModel!.layers.filter((l): l is MixLayer => l instanceof MixLayer).map((l) => l.depth)).toEqual([1, 3]);
    expect(Number.isFinite(r.epochs[0].trainLoss)).toBe(true);
    disposeModel(r.trainedModel!);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('refuses depths the model does not have before training, and leaks nothing', async () => {
    const before = tf.memory().numTensors;
    await expect(trainRun({ zoo, strategy: 'manifold-mixup', strategyOptions: { layers: [0, 3] }, dataset: moons, model: 'mlp', epochs: 1, batchSize: 32, seed: 0 })).rejects.toThrow(
      "trainRun: manifold-mixup option 'layers' must be depths among [0, 1, 2] of the 'mlp' model, got [0, 3].",
    );
    await expect(trainRun({ zoo, strategy: 'manifold-mixup', strategyOptions: { layers: [2, 2] }, dataset: moons, model: 'mlp', epochs: 1, batchSize: 32, seed: 0 })).rejects.toMatchObject({ code: 'E_OPTION' });
    expect(tf.memory().numTensors).toBe(before);
  });
});
