import { afterAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { createRng } from '@mixzoo/core';
import { conv2dFilterGradientRegistered, createModel, disposeModel, registerConv2dFilterGradient, unregisterConv2dFilterGradient } from '@mixzoo/lab';

function seeded(shape: number[], seed: number): tf.Tensor {
  const rng = createRng(seed);
  return tf.tensor(Float32Array.from({ length: shape.reduce((a, b) => a * b, 1) }, () => rng.uniform(-1, 1)), shape);
}

/** Gradients of Σ conv2d(x, f) · w (w a fixed random weighting, so every output position matters). */
function conv2dGrads(x: tf.Tensor, f: tf.Tensor, strides: number, pad: 'valid' | 'same'): { dx: Float32Array; df: Float32Array } {
  return tf.tidy(() => {
    const out = tf.conv2d(x as tf.Tensor4D, f as tf.Tensor4D, strides, pad);
    const w = seeded(out.shape, 99);
    const [dx, df] = tf.grads((a: tf.Tensor, b: tf.Tensor) => tf.sum(tf.mul(tf.conv2d(a as tf.Tensor4D, b as tf.Tensor4D, strides, pad), w)))([x, f]);
    return { dx: dx.dataSync() as Float32Array, df: df.dataSync() as Float32Array };
  });
}

const maxDiff = (a: Float32Array, b: Float32Array) => a.reduce((m, v, i) => Math.max(m, Math.abs(v - b[i])), 0);

const CASES = [
  { x: [2, 9, 8, 3], f: [3, 3, 3, 4] },
  { x: [3, 10, 7, 2], f: [4, 2, 2, 5] }, // even kernel: 'same' pads unevenly
  { x: [2, 5, 5, 1], f: [1, 1, 1, 3] },
];

describe('registerConv2dFilterGradient', () => {
  afterAll(async () => {
    unregisterConv2dFilterGradient();
    await tf.setBackend('cpu');
  });

  for (const { x: xs, f: fs } of CASES) {
    for (const pad of ['valid', 'same'] as const) {
      for (const strides of [1, 2]) {
        it(`matches the built-in gradient on cpu: x ${xs.join('×')}, filter ${fs.join('×')}, ${pad}, stride ${strides}`, async () => {
          await tf.setBackend('cpu');
          const x = seeded(xs, 1);
          const f = seeded(fs, 2);
          unregisterConv2dFilterGradient();
          const builtin = conv2dGrads(x, f, strides, pad);
          registerConv2dFilterGradient();
          expect(conv2dFilterGradientRegistered()).toBe(true);
          const before = tf.memory().numTensors;
          const replaced = conv2dGrads(x, f, strides, pad);
          expect(tf.memory().numTensors).toBe(before);
          expect(replaced.df).toHaveLength(builtin.df.length);
          // the filter gradient sums N·Ho·Wo products of values in [-1, 1]: a wrong offset is off by ~1
          expect(maxDiff(replaced.df, builtin.df)).toBeLessThan(1.5e-4);
          expect(Math.max(...builtin.df.map(Math.abs))).toBeGreaterThan(0.5);
          expect(replaced.dx).toEqual(builtin.dx); // the input gradient is the built-in one
          tf.dispose([x, f]);
        });
      }
    }
  }

  it('makes CNN training possible on wasm, with the same gradient as cpu', async () => {
    await tf.setBackend('cpu');
    unregisterConv2dFilterGradient();
    const x = seeded([2, 9, 8, 3], 1);
    const f = seeded([3, 3, 3, 4], 2);
    const reference = conv2dGrads(x, f, 2, 'same');
    tf.dispose([x, f]);

    await tf.setBackend('wasm');
    const xw = seeded([2, 9, 8, 3], 1);
    const fw = seeded([3, 3, 3, 4], 2);
    expect(() => conv2dGrads(xw, fw, 2, 'same')).toThrow(/Conv2DBackpropFilter/);
    registerConv2dFilterGradient();
    expect(maxDiff(conv2dGrads(xw, fw, 2, 'same').df, reference.df)).toBeLessThan(1.5e-4);
    tf.dispose([xw, fw]);

    const before = tf.memory().numTensors;
    const model = createModel('cnn', [12, 12, 1], 3, 0);
    const inputs = seeded([8, 12, 12, 1], 3);
    const labels = tf.tidy(() => tf.oneHot(tf.tensor1d([0, 1, 2, 0, 1, 2, 0, 1], 'int32'), 3));
    const first = (await model.trainOnBatch(inputs, labels)) as number;
    let last = first;
    for (let i = 0; i < 20; i++) last = (await model.trainOnBatch(inputs, labels)) as number;
    expect(Number.isFinite(first)).toBe(true);
    expect(last).toBeLessThan(first * 0.5); // it fits 8 samples: gradients flow through the convolutions
    tf.dispose([inputs, labels]);
    disposeModel(model);
    expect(tf.memory().numTensors).toBe(before);
  });
});
