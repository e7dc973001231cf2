import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import type { LayersModel } from '@tensorflow/tfjs-layers';
import { classificationMetrics, createModel, decisionBoundary, disposeModel, evaluate, loadDataset, type Split } from '@mixzoo/lab';

/** A stand-in model of 2-D inputs: softmax over `logits(x, y)` per row (enough for evaluate and decisionBoundary). */
function stubModel(logits: (a: number, b: number) => number[]): LayersModel {
  return {
    inputs: [{ shape: [null, 2] }],
    predict: (x: tf.Tensor) => {
      const v = x.dataSync();
      const rows = Array.from({ length: x.shape[0] }, (_, i) => logits(v[2 * i], v[2 * i + 1]));
      return tf.softmax(tf.tensor2d(rows));
    },
  } as unknown as LayersModel;
}

/** Class 1 when the first feature exceeds 0.5 (a sharp threshold). */
const threshold = stubModel((a) => [0, 50 * (a - 0.5)]);

beforeAll(async () => {
  await tf.setBackend('cpu');
});

function split(points: number[][], labels: number[]): Split {
  return { x: Float32Array.from(points.flat()), y: Int32Array.from(labels), count: labels.length };
}

describe('evaluate', () => {
  it('returns classificationMetrics of the predicted probabilities, in any batch size', () => {
    const s = split([[0.2, 0.5], [0.7, 0.1], [0.45, 0.9], [0.9, 0.9], [0.6, 0.3]], [0, 1, 1, 1, 0]);
    const m = evaluate(threshold, s, 2, { batchSize: 2, noiseSigmas: [] });
    const p = tf.tidy(() => (threshold.predict(tf.tensor2d(s.x, [5, 2])) as tf.Tensor).dataSync() as Float32Array);
    const { reliability, ...expected } = classificationMetrics(p, s.y, 2);
    expect(m).toMatchObject(expected);
    expect(m.reliability).toEqual(reliability);
    expect(m.accuracy).toBe(3 / 5);
    expect(m.noisyAccuracy).toEqual({});
  });

  it('noisy accuracy: σ = 0 is the accuracy; noise flips points near the boundary; seeded', () => {
    // points 0.02 from the boundary: σ = 0.1 flips about 42% of them, σ = 0.2 about 46%.
    const n = 400;
    const s = split(Array.from({ length: n }, (_, i) => [i % 2 ? 0.52 : 0.48, 0.5]), Array.from({ length: n }, (_, i) => i % 2));
    const m = evaluate(threshold, s, 2, { noiseSigmas: [0, 0.1, 0.2], seed: 3 });
    expect(m.accuracy).toBe(1);
    expect(m.noisyAccuracy['0']).toBe(1);
    expect(m.noisyAccuracy['0.1']).toBeGreaterThan(0.5);
    expect(m.noisyAccuracy['0.1']).toBeLessThan(0.65);
    expect(m.noisyAccuracy['0.2']).toBeLessThan(0.6);
    expect(evaluate(threshold, s, 2, { noiseSigmas: [0.1], seed: 3 }).noisyAccuracy).toEqual({ '0.1': m.noisyAccuracy['0.1'] });
    expect(evaluate(threshold, s, 2, { noiseSigmas: [0.1], seed: 4 }).noisyAccuracy['0.1']).not.toBe(m.noisyAccuracy['0.1']);
  });

  it('clips noisy inputs to [0, 1]', () => {
    // class 1 exactly when both features are inside [0, 1]: noise at the corners would leave it.
    const inside = stubModel((a, b) => [0, a >= 0 && a <= 1 && b >= 0 && b <= 1 ? 10 : -10]);
    const s = split(Array.from({ length: 50 }, (_, i) => [i % 2, (i >> 1) % 2]), Array.from({ length: 50 }, () => 1));
    expect(evaluate(inside, s, 2, { noiseSigmas: [0.5] }).noisyAccuracy['0.5']).toBe(1);
  });

  it('leaves no tensors behind with a real model', async () => {
    const data = await loadDataset('moons', { seed: 0, trainSize: 10, testSize: 300 });
    const model = createModel('mlp', [2], 2, 0);
    const before = tf.memory().numTensors;
    const m = evaluate(model, data.test, 2, { batchSize: 64 });
    expect(tf.memory().numTensors).toBe(before);
    expect(Object.keys(m.noisyAccuracy)).toEqual(['0.1', '0.2']);
    expect(m.accuracy).toBeGreaterThanOrEqual(0);
    disposeModel(model);
  });

  it('refuses a split of another sample size', () => {
    expect(() => evaluate(threshold, { x: new Float32Array(9), y: new Int32Array(3), count: 3 }, 2)).toThrow(expect.objectContaining({ code: 'E_SHAPE' }));
  });
});

describe('decisionBoundary', () => {
  it('evaluates cell centres row by row, row 0 at the lowest y', () => {
    // class 1 above the line y = 0.5 + x / 2
    const model = stubModel((a, b) => [0, 40 * (b - 0.5 - a / 2)]);
    const before = tf.memory().numTensors;
    const d = decisionBoundary(model, { xRange: [0, 1], yRange: [0, 2], resolution: 4 });
    expect(tf.memory().numTensors).toBe(before);
    expect(d.grid).toHaveLength(4 * 4 * 2);
    expect(d.numClasses).toBe(2);
    // centres: x ∈ {0.125, 0.375, 0.625, 0.875}, y ∈ {0.25, 0.75, 1.25, 1.75}
    expect(Array.from(d.argmax)).toEqual([0, 0, 0, 0, 1, 1, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1]);
    d.confidence.forEach((c, i) => expect(c).toBeCloseTo(Math.max(d.grid[2 * i], d.grid[2 * i + 1]), 6));
    expect(d.grid[0] + d.grid[1]).toBeCloseTo(1, 6);
  });

  it('refuses models of other inputs and bad ranges', () => {
    const model = createModel('mlp', [3], 2, 0);
    expect(() => decisionBoundary(model)).toThrow(expect.objectContaining({ code: 'E_SHAPE' }));
    disposeModel(model);
    expect(() => decisionBoundary(threshold, { xRange: [1, 0] })).toThrow(expect.objectContaining({ code: 'E_OPTION' }));
    expect(() => decisionBoundary(threshold, { resolution: 0 })).toThrow(expect.objectContaining({ code: 'E_OPTION' }));
  });
});
