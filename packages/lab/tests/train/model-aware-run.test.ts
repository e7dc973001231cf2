import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { createZoo, type Zoo } from 'mixzoo';
import { loadDataset, trainRun, type Dataset } from '@mixzoo/lab';

let zoo: Zoo;
let mnist: Dataset;

beforeAll(async () => {
  zoo = await createZoo({ backend: 'wasm', seed: 0 });
  mnist = await loadDataset('mnist', { seed: 0, trainSize: 64, testSize: 32 });
});

afterEach(() => {
  vi.restoreAllMocks();
});

/** Trains one epoch of 4 batches and counts the engine's gradient computations (each trainOnBatch is one). */
async function gradientsOf(strategy: string, strategyOptions: Record<string, unknown>, model: 'cnn' | 'resnet') {
  const spy = vi.spyOn(tf.engine(), 'gradients');
  const before = tf.memory().numTensors;
  const result = await trainRun({ zoo, strategy, strategyOptions, dataset: mnist, model, epochs: 1, batchSize: 16, seed: 2, learningRate: 0.01 });
  expect(tf.memory().numTensors).toBe(before);
  const calls = spy.mock.calls.length;
  spy.mockRestore();
  return { calls, result };
}

describe('trainRun with model-aware strategies', () => {
  it('computes the model context only when the strategy asks: static strategies cost no gradient, saliency one per step', async () => {
    expect((await gradientsOf('cutmix', {}, 'cnn')).calls).toBe(4);
    expect((await gradientsOf('saliencymix', {}, 'cnn')).calls).toBe(4);
    expect((await gradientsOf('saliencymix', { saliency: 'model' }, 'cnn')).calls).toBe(8);
    // CAM: exact on the resnet (pooling → dense: no gradient), Grad-CAM on the cnn (one gradient per step).
    expect((await gradientsOf('snapmix', {}, 'resnet')).calls).toBe(4);
    expect((await gradientsOf('snapmix', {}, 'cnn')).calls).toBe(8);
    expect((await gradientsOf('attentivemix', {}, 'resnet')).calls).toBe(4);
    expect((await gradientsOf('choice', { of: [{ name: 'mixup', weight: 0.5 }, { name: 'snapmix', weight: 0.5 }] }, 'cnn')).calls).toBe(8);
  });

  it('is deterministic for a seed and fixed initial weights, and trains (finite losses)', async () => {
    const run = () => trainRun({ zoo, strategy: 'snapmix', dataset: mnist, model: 'resnet', epochs: 1, batchSize: 16, seed: 5, learningRate: 0.01 });
    const a = await run();
    const b = await run();
    const strip = (r: typeof a) => r.epochs.map(({ seconds: _, ...rest }) => rest);
    expect(strip(b)).toEqual(strip(a));
    expect(Number.isFinite(a.epochs[0].trainLoss)).toBe(true);
  });
});
