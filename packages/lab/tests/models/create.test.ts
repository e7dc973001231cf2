import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import type { LayersModel } from '@tensorflow/tfjs-layers';
import { createModel, disposeModel, registerConv2dFilterGradient } from '@mixzoo/lab';

beforeAll(async () => {
  await tf.setBackend('wasm');
  registerConv2dFilterGradient();
});

const weightsOf = (m: LayersModel) => m.getWeights().map((w) => Array.from(w.dataSync()));

describe('createModel', () => {
  for (const [name, shape] of [['mlp', [2]], ['mlp', [8, 8, 1]], ['cnn', [8, 8, 3]], ['resnet', [8, 8, 1]], ['vit', [8, 8, 1]]] as const) {
    it(`${name} on [${shape.join(', ')}]: softmax rows over numClasses, seeded weights, trains on wasm, no leak`, async () => {
      const before = tf.memory().numTensors;
      // Transformers diverge at Adam steps CNNs take in stride: the ViT trains at 0.003.
      const model = createModel(name, [...shape], 4, 11, { learningRate: name === 'vit' ? 0.003 : 0.01 });
      const same = createModel(name, [...shape], 4, 11);
      const other = createModel(name, [...shape], 4, 12);
      expect(weightsOf(same)).toEqual(weightsOf(model));
      expect(weightsOf(other)).not.toEqual(weightsOf(model));
      disposeModel(same);
      disposeModel(other);

      const n = 8;
      const size = (shape as readonly number[]).reduce((a, b) => a * b, 1);
      const x = tf.tensor(Float32Array.from({ length: n * size }, (_, i) => ((i * 7919) % 101) / 100), [n, ...shape]);
      const labels = tf.tensor2d(Float32Array.from({ length: n * 4 }, (_, i) => (i % 4 === Math.floor(i / 4) % 4 ? 1 : 0)), [n, 4]);
      const probs = tf.tidy(() => (model.predict(x) as tf.Tensor).arraySync() as number[][]);
      expect(probs).toHaveLength(n);
      for (const row of probs) expect(row.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
      const first = (await model.trainOnBatch(x, labels)) as number;
      let last = first;
      for (let i = 0; i < 30; i++) last = (await model.trainOnBatch(x, labels)) as number;
      expect(last).toBeLessThan(first * 0.7);
      tf.dispose([x, labels]);
      disposeModel(model);
      expect(tf.memory().numTensors).toBe(before);
    });
  }

  it('draws a different kernel for every layer (no repeated seed across layers)', () => {
    const model = createModel('mlp', [64], 64, 0);
    const kernels = model.weights.filter((w) => w.name.endsWith('/kernel')).map((w) => Array.from(w.read().dataSync().slice(0, 8)));
    expect(kernels).toHaveLength(3);
    expect(kernels[1]).not.toEqual(kernels[0]);
    expect(kernels[2]).not.toEqual(kernels[1]);
    // Glorot uniform: |w| < sqrt(6 / (fanIn + fanOut)) = sqrt(6 / 128)
    const all = model.weights.filter((w) => w.name.endsWith('/kernel')).flatMap((w) => Array.from(w.read().dataSync()));
    expect(Math.max(...all.map(Math.abs))).toBeLessThan(Math.sqrt(6 / 128));
    expect(Math.max(...all.map(Math.abs))).toBeGreaterThan(0.9 * Math.sqrt(6 / 128));
    disposeModel(model);
  });

  it('refuses unknown models, image models on vectors, bad class counts and learning rates', () => {
    expect(() => createModel('transformer' as 'mlp', [2], 2, 0)).toThrow("createModel: model must be one of mlp, cnn, resnet, vit, got 'transformer'.");
    expect(() => createModel('cnn', [2], 2, 0)).toThrow(expect.objectContaining({ code: 'E_SHAPE' }));
    expect(() => createModel('mlp', [2], 1, 0)).toThrow(expect.objectContaining({ code: 'E_OPTION' }));
    expect(() => createModel('mlp', [2], 2, 0, { learningRate: 0 })).toThrow(/learningRate/);
  });
});
