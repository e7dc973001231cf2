import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { ATTENTION_LAYER_MARK, createModel, disposeModel, modelContext } from '@mixzoo/lab';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const init = (seed: number) => tfl.initializers.randomNormal({ mean: 0, stddev: 0.5, seed });

/** conv (tanh) → global average pooling → dropout → dense softmax, with names that say nothing. */
function gapModel(seed = 1, classes = 3): tfl.LayersModel {
  const input = tfl.input({ shape: [6, 5, 2] });
  const f = tfl.layers.conv2d({ filters: 4, kernelSize: 3, padding: 'same', activation: 'tanh', kernelInitializer: init(seed), biasInitializer: init(seed + 1), name: 'q1' }).apply(input) as tfl.SymbolicTensor;
  const pooled = tfl.layers.globalAveragePooling2d({ name: 'q2' }).apply(f) as tfl.SymbolicTensor;
  const dropped = tfl.layers.dropout({ rate: 0.5, name: 'q3' }).apply(pooled) as tfl.SymbolicTensor;
  const out = tfl.layers.dense({ units: classes, activation: 'softmax', kernelInitializer: init(seed + 2), biasInitializer: init(seed + 3), name: 'q4' }).apply(dropped) as tfl.SymbolicTensor;
  return tfl.model({ inputs: input, outputs: out });
}

function images(b: number, h = 6, w = 5, c = 2, seed = 0): tf.Tensor4D {
  return tf.tensor4d(Float32Array.from({ length: b * h * w * c }, (_, k) => Math.sin(seed + k * 0.61) * 0.8), [b, h, w, c]);
}

/** The mean cross-entropy of the model (inference mode) on x with int labels y. */
function loss(model: tfl.LayersModel, x: tf.Tensor, y: number[], classes: number): number {
  return tf.tidy(() => {
    const p = model.apply(x, { training: false }) as tf.Tensor;
    return -tf.mean(tf.sum(tf.mul(tf.oneHot(tf.tensor1d(y, 'int32'), classes), tf.log(p)), -1)).dataSync()[0];
  });
}

describe('modelContext: saliency', () => {
  it('matches finite differences: s(h, w) = sqrt(mean_c (∂L/∂x)²) of the mean cross-entropy', () => {
    const model = gapModel(3);
    const x = images(2);
    const y = [2, 0];
    const labels = tf.tensor1d(y, 'int32');
    const { saliency } = modelContext(model, { inputs: x, labels, numClasses: 3 }, ['saliency']);
    expect(saliency!.height).toBe(6);
    expect(saliency!.width).toBe(5);
    const values = Array.from(x.dataSync());
    const eps = 1e-2;
    for (const [i, r, c] of [[0, 0, 0], [0, 2, 3], [1, 5, 4], [1, 3, 1]]) {
      const g = [0, 1].map((ch) => {
        const k = ((i * 6 + r) * 5 + c) * 2 + ch;
        const at = (delta: number) => {
          const shifted = values.slice();
          shifted[k] += delta;
          const xs = tf.tensor4d(shifted, x.shape);
          const l = loss(model, xs, y, 3);
          xs.dispose();
          return l;
        };
        return (at(eps) - at(-eps)) / (2 * eps);
      });
      const expected = Math.sqrt((g[0] ** 2 + g[1] ** 2) / 2);
      expect(saliency!.data[i][r * 5 + c]).toBeCloseTo(expected, 3);
      expect(Math.abs(saliency!.data[i][r * 5 + c] - expected)).toBeLessThan(0.02 * expected + 1e-4);
    }
    tf.dispose([x, labels]);
    model.dispose();
  });

  it('one bright pixel on a flat background: the peak is within 1 px of it (ReLU conv → pooling → dense)', () => {
    const input = tfl.input({ shape: [9, 9, 1] });
    const f = tfl.layers.conv2d({ filters: 3, kernelSize: 3, padding: 'same', activation: 'relu', kernelInitializer: tfl.initializers.randomUniform({ minval: 0.1, maxval: 1, seed: 4 }), useBias: false }).apply(input) as tfl.SymbolicTensor;
    const out = tfl.layers.dense({ units: 2, activation: 'softmax', kernelInitializer: init(5) }).apply(tfl.layers.globalAveragePooling2d({}).apply(f)) as tfl.SymbolicTensor;
    const model = tfl.model({ inputs: input, outputs: out });
    const x = tf.tensor4d(Array.from({ length: 81 }, (_, p) => (p === 6 * 9 + 2 ? 1 : 0)), [1, 9, 9, 1]);
    const labels = tf.tensor2d([[1, 0]]);
    const map = modelContext(model, { inputs: x, labels }, ['saliency']).saliency!.data[0];
    const peak = map.indexOf(Math.max(...map));
    expect(Math.abs(Math.floor(peak / 9) - 6)).toBeLessThanOrEqual(1);
    expect(Math.abs((peak % 9) - 2)).toBeLessThanOrEqual(1);
    tf.dispose([x, labels]);
    model.dispose();
  });
});

describe('modelContext: CAM, activation, features', () => {
  it("a pooling → dense model (found by structure, whatever the layer names): the CAM's mean is the class logit", () => {
    const model = gapModel(7);
    const x = images(3, 6, 5, 2, 1);
    const probs = tf.tidy(() => (model.predict(x) as tf.Tensor).arraySync() as number[][]);
    const camOf = (y: number[]) => {
      const labels = tf.tensor1d(y, 'int32');
      const { cam } = modelContext(model, { inputs: x, labels, numClasses: 3 }, ['cam']);
      labels.dispose();
      return cam!;
    };
    const a = camOf([0, 1, 2]);
    const b = camOf([1, 2, 0]);
    expect([a.height, a.width]).toEqual([6, 5]);
    const mean = (row: number[]) => row.reduce((s, v) => s + v, 0) / row.length;
    // Logit differences are log-probability differences: z_a − z_b = log p_a − log p_b.
    for (let i = 0; i < 3; i++) {
      expect(mean(a.data[i]) - mean(b.data[i])).toBeCloseTo(Math.log(probs[i][i]) - Math.log(probs[i][(i + 1) % 3]), 4);
    }
    tf.dispose(x);
    model.dispose();
  });

  it('activation = channel mean of the pooled feature map; features = the pooled vector', () => {
    const model = gapModel(9);
    const x = images(2, 6, 5, 2, 2);
    const conv = tfl.model({ inputs: model.inputs, outputs: model.layers[1].output });
    const f = tf.tidy(() => (conv.predict(x) as tf.Tensor).arraySync() as number[][][][]);
    const context = modelContext(model, { inputs: x }, ['activation', 'features']);
    for (let i = 0; i < 2; i++) {
      for (let p = 0; p < 30; p++) {
        const cell = f[i][Math.floor(p / 5)][p % 5];
        expect(context.activation!.data[i][p]).toBeCloseTo(cell.reduce((s, v) => s + v, 0) / 4, 5);
      }
      for (let d = 0; d < 4; d++) expect(context.features![i][d]).toBeCloseTo(f[i].flat().reduce((s, v) => s + v[d], 0) / 30, 5);
    }
    tf.dispose(x);
    model.dispose();
  });

  it('Grad-CAM for a Sequential model without pooling: conv → flatten → dense gives Σ_d mean_hw(W[h, w, d, y])·F[h, w, d]', () => {
    const model = tfl.sequential({
      layers: [
        tfl.layers.conv2d({ inputShape: [4, 4, 1], filters: 2, kernelSize: 3, padding: 'same', activation: 'tanh', kernelInitializer: init(11) }),
        tfl.layers.flatten(),
        tfl.layers.dense({ units: 3, activation: 'softmax', kernelInitializer: init(12) }),
      ],
    });
    const x = images(2, 4, 4, 1, 3);
    const labels = tf.tensor1d([1, 2], 'int32');
    const { cam } = modelContext(model, { inputs: x, labels, numClasses: 3 }, ['cam']);
    const conv = tfl.model({ inputs: model.inputs, outputs: model.layers[0].output });
    const f = tf.tidy(() => (conv.predict(x) as tf.Tensor).arraySync() as number[][][][]);
    const w = model.layers[2].getWeights()[0].arraySync() as number[][]; // [16·2, 3], flattened (h, w, d)
    [1, 2].forEach((y, i) => {
      const alpha = [0, 1].map((d) => Array.from({ length: 16 }, (_, p) => w[p * 2 + d][y]).reduce((s, v) => s + v, 0) / 16);
      for (let p = 0; p < 16; p++) {
        const cell = f[i][Math.floor(p / 4)][p % 4];
        expect(cam!.data[i][p]).toBeCloseTo(alpha[0] * cell[0] + alpha[1] * cell[1], 5);
      }
    });
    tf.dispose([x, labels]);
    model.dispose();
  });

  it("the lab's cnn (Grad-CAM) and resnet (CAM) give maps on their last feature grid", () => {
    for (const name of ['cnn', 'resnet'] as const) {
      const model = createModel(name, [8, 8, 1], 4, 3);
      const x = images(2, 8, 8, 1);
      const labels = tf.tensor1d([0, 3], 'int32');
      const context = modelContext(model, { inputs: x, labels, numClasses: 4 }, ['cam', 'activation', 'saliency']);
      expect([context.cam!.height, context.cam!.width]).toEqual([2, 2]);
      expect([context.activation!.height, context.activation!.width]).toEqual([2, 2]);
      expect([context.saliency!.height, context.saliency!.width]).toEqual([8, 8]);
      for (const maps of [context.cam!, context.activation!, context.saliency!]) expect(maps.data.flat().every(Number.isFinite)).toBe(true);
      tf.dispose([x, labels]);
      disposeModel(model);
    }
  });
});

describe('modelContext: attention, determinism, leaks, errors', () => {
  it(`reads the last layer named with '${ATTENTION_LAYER_MARK}' ([B, N] → √N × √N maps)`, () => {
    const input = tfl.input({ shape: [3, 3, 1] });
    const flat = tfl.layers.flatten().apply(input) as tfl.SymbolicTensor;
    const attention = tfl.layers.dense({ units: 4, activation: 'softmax', kernelInitializer: init(13), name: `block1_${ATTENTION_LAYER_MARK}` }).apply(flat) as tfl.SymbolicTensor;
    const out = tfl.layers.dense({ units: 2, activation: 'softmax', kernelInitializer: init(14) }).apply(attention) as tfl.SymbolicTensor;
    const model = tfl.model({ inputs: input, outputs: out });
    const x = images(2, 3, 3, 1);
    const expected = tf.tidy(() => (tfl.model({ inputs: input, outputs: attention }).predict(x) as tf.Tensor).arraySync() as number[][]);
    const context = modelContext(model, { inputs: x }, ['attention']);
    expect([context.attention!.height, context.attention!.width]).toEqual([2, 2]);
    context.attention!.data.forEach((row, i) => row.forEach((v, k) => expect(v).toBeCloseTo(expected[i][k], 6)));
    expect(() => modelContext(gapModel(), { inputs: images(1) }, ['attention'])).toThrow(/mixzoo_attention/);
    tf.dispose(x);
    model.dispose();
  });

  it('is deterministic, computes only what is asked, leaks nothing and leaves the inputs alone', () => {
    const model = gapModel(2);
    const x = images(4);
    const labels = tf.tensor1d([0, 1, 2, 1], 'int32');
    const all = ['saliency', 'cam', 'activation', 'features'] as const;
    modelContext(model, { inputs: x, labels, numClasses: 3 }, all); // builds the cached sub-models
    const before = tf.memory().numTensors;
    const first = modelContext(model, { inputs: x, labels, numClasses: 3 }, all);
    expect(tf.memory().numTensors).toBe(before);
    expect(modelContext(model, { inputs: x, labels, numClasses: 3 }, all)).toEqual(first);
    expect(Object.keys(modelContext(model, { inputs: x, labels, numClasses: 3 }, ['cam']))).toEqual(['cam']);
    expect(modelContext(model, { inputs: x }, [])).toEqual({});
    expect(x.isDisposed || labels.isDisposed).toBe(false);
    expect(() => modelContext(model, { inputs: x }, ['saliency'])).toThrow(/'labels'/);
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose([x, labels]);
    model.dispose();
  });

  it('refuses what it cannot use, naming it', () => {
    const model = gapModel();
    const x = images(2);
    expect(() => modelContext(Object.create(null) as tfl.LayersModel, { inputs: x }, ['cam'])).toThrow(/'model' must be a tfjs-layers model/);
    expect(() => modelContext(model, { inputs: x }, ['heat' as 'cam'])).toThrow(/'needs' must be an array of 'saliency'/);
    const flat = tf.zeros([2, 60]);
    expect(() => modelContext(model, { inputs: flat }, ['activation'])).toThrow(/NHWC images/);
    const mlp = createModel('mlp', [4], 2, 1);
    const square = tf.zeros([2, 2, 2, 1]);
    const labels = tf.tensor1d([0, 1], 'int32');
    expect(() => modelContext(mlp, { inputs: square, labels, numClasses: 2 }, ['cam'])).toThrow(/global average pooling → dense/);
    tf.dispose([x, flat, square, labels]);
    disposeModel(mlp);
    model.dispose();
  });
});
