import { afterAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { createRng } from '@mixzoo/core';
import { registerNoFusedBackend } from '@mixzoo/kernels';
import { createModel, disposeModel, registerTrainingGradients, trainingGradientsRegistered, unregisterTrainingGradients } from '@mixzoo/lab';
import { expectClose } from '../../../../test/helpers/tensors.js';
import { conv2dBiasRelu } from '../../src/train-kernels/conv2d-bias-relu.js';

function seeded(shape: number[], seed: number, integers = false): tf.Tensor {
  const rng = createRng(seed);
  // integer values make ties (several maxima in one pooling window) common
  const draw = () => (integers ? Math.floor(rng.uniform(0, 3)) : rng.uniform(-1, 1));
  return tf.tensor(Float32Array.from({ length: shape.reduce((a, b) => a * b, 1) }, draw), shape);
}

type Op = (...inputs: tf.Tensor[]) => tf.Tensor;

/** Gradients of Σ op(inputs) · w (w a fixed random weighting, so every output position matters). */
function gradsOf(op: Op, inputs: tf.Tensor[]): Float32Array[] {
  return tf.tidy(() => {
    const w = seeded(op(...inputs).shape, 99);
    return tf.grads((...xs: tf.Tensor[]) => tf.sum(tf.mul(op(...xs), w)))(inputs).map((g) => g.dataSync() as Float32Array);
  });
}

/** The op's gradients with tfjs's built-in gradients on cpu, then with registerTrainingGradients on `backend`. */
async function compare(op: Op, shapes: number[][], backend: string, integers = false): Promise<{ builtin: Float32Array[]; fast: Float32Array[] }> {
  await tf.setBackend('cpu');
  unregisterTrainingGradients();
  const cpuInputs = shapes.map((s, k) => seeded(s, k + 1, integers));
  const builtin = gradsOf(op, cpuInputs);
  tf.dispose(cpuInputs);
  await tf.setBackend(backend);
  registerTrainingGradients();
  const inputs = shapes.map((s, k) => seeded(s, k + 1, integers));
  const before = tf.memory().numTensors;
  const fast = gradsOf(op, inputs);
  expect(tf.memory().numTensors).toBe(before);
  tf.dispose(inputs);
  return { builtin, fast };
}

// cpu-nofused: a backend without the typed-array kernels, where the gradients fall back to tfjs's own ones
const BACKENDS = ['cpu', 'wasm', registerNoFusedBackend()];

const CONV_CASES: { x: number[]; f: number[]; strides: number | [number, number]; pad: 'valid' | 'same' | tf.backend_util.ExplicitPadding }[] = [
  { x: [2, 9, 8, 3], f: [3, 3, 3, 4], strides: 1, pad: 'same' },
  { x: [2, 9, 8, 3], f: [3, 3, 3, 4], strides: 2, pad: 'same' },
  { x: [2, 9, 8, 3], f: [3, 3, 3, 4], strides: 2, pad: 'valid' },
  { x: [3, 10, 7, 2], f: [4, 2, 2, 5], strides: 1, pad: 'same' }, // even kernel: 'same' pads unevenly
  { x: [3, 10, 7, 2], f: [4, 2, 2, 5], strides: [2, 3], pad: 'same' },
  { x: [3, 10, 7, 2], f: [4, 2, 2, 5], strides: [3, 2], pad: 'valid' }, // the last rows reach no window
  { x: [1, 7, 6, 3], f: [3, 3, 3, 2], strides: 1, pad: 'valid' }, // batch 1
  { x: [1, 7, 6, 3], f: [2, 3, 3, 2], strides: 2, pad: [[0, 0], [2, 1], [0, 3], [0, 0]] }, // explicit, wider than the kernel
  { x: [2, 5, 5, 1], f: [1, 1, 1, 3], strides: 1, pad: 'same' },
  { x: [2, 4, 4, 2], f: [5, 5, 2, 3], strides: 1, pad: 'same' }, // kernel larger than the image
];

describe('registerTrainingGradients', () => {
  afterAll(async () => {
    unregisterTrainingGradients();
    await tf.setBackend('cpu');
  });

  for (const backend of BACKENDS) {
    for (const { x, f, strides, pad } of CONV_CASES) {
      it(`conv2d gradients match the built-in ones on ${backend}: x ${x.join('×')}, filter ${f.join('×')}, stride ${String(strides)}, pad ${JSON.stringify(pad)}`, async () => {
        const op: Op = (a, b) => tf.conv2d(a as tf.Tensor4D, b as tf.Tensor4D, strides, pad);
        const { builtin, fast } = await compare(op, [x, f], backend);
        // sums of up to N·H·W products of values in [-1, 1]: a wrong offset is off by ~1
        expectClose(fast[0], builtin[0], 1e-4);
        expectClose(fast[1], builtin[1], 2e-4);
        expect(Math.max(...builtin[1].map(Math.abs))).toBeGreaterThan(0.5);
      });
    }

    for (const [x, size, strides, pad] of [
      [[2, 8, 6, 3], 2, 2, 'valid'],
      [[1, 7, 5, 2], 2, 2, 'same'], // odd sizes: the last window is cut by the padding
      [[2, 9, 9, 2], 3, 2, 'valid'], // overlapping windows add up
      [[2, 6, 7, 3], 3, 1, 'same'],
      [[1, 6, 6, 1], [3, 2], [1, 2], 'valid'],
    ] as [number[], number | [number, number], number | [number, number], 'valid' | 'same'][]) {
      it(`maxPool gradient equals the built-in one on ${backend}, ties included: x ${x.join('×')}, pool ${String(size)}, stride ${String(strides)}, ${pad}`, async () => {
        const { builtin, fast } = await compare((a) => tf.maxPool(a as tf.Tensor4D, size, strides, pad), [x], backend, true);
        expect(fast[0]).toEqual(builtin[0]);
      });
    }

    for (const [transposeA, transposeB] of [[false, false], [false, true], [true, false], [true, true]]) {
      for (const batch of [[], [3]]) {
        it(`matMul gradients match the built-in ones on ${backend}: transposeA ${String(transposeA)}, transposeB ${String(transposeB)}, batch [${String(batch)}]`, async () => {
          const a = [...batch, ...(transposeA ? [5, 4] : [4, 5])];
          const b = [...batch, ...(transposeB ? [6, 5] : [5, 6])];
          const { builtin, fast } = await compare((p, q) => tf.matMul(p, q, transposeA, transposeB), [a, b], backend);
          expectClose(fast[0], builtin[0], 1e-5);
          expectClose(fast[1], builtin[1], 1e-5);
        });
      }
    }
  }

  for (const backend of ['cpu', 'wasm']) {
    for (const { x, f, strides, pad } of [
      { x: [2, 9, 8, 3], f: [3, 3, 3, 4], strides: [1, 1], pad: 'same' },
      { x: [3, 10, 7, 2], f: [4, 2, 2, 5], strides: [2, 3], pad: 'same' },
      { x: [1, 7, 6, 1], f: [3, 3, 1, 2], strides: [2, 1], pad: 'valid' },
    ] as { x: number[]; f: number[]; strides: [number, number]; pad: 'valid' | 'same' }[]) {
      it(`conv2dBiasRelu equals relu(conv2d + bias) with its gradients on ${backend}: x ${x.join('×')}, filter ${f.join('×')}, stride ${String(strides)}, ${pad}`, async () => {
        const shapes = [x, f, [f[3]]];
        const composed: Op = (a, b, c) => tf.relu(tf.add(tf.conv2d(a as tf.Tensor4D, b as tf.Tensor4D, strides, pad), c));
        await tf.setBackend('cpu');
        unregisterTrainingGradients();
        const cpuInputs = shapes.map((s, k) => seeded(s, k + 1));
        const expected = composed(...cpuInputs);
        const builtin = gradsOf(composed, cpuInputs);
        await tf.setBackend(backend);
        registerTrainingGradients();
        const inputs = shapes.map((s, k) => seeded(s, k + 1));
        const before = tf.memory().numTensors;
        const fusedOp: Op = (a, b, c) => conv2dBiasRelu(a as tf.Tensor4D, b as tf.Tensor4D, c as tf.Tensor1D, strides, pad);
        const out = fusedOp(...inputs);
        expectClose(out.dataSync(), expected.dataSync(), 1e-5);
        const fast = gradsOf(fusedOp, inputs);
        out.dispose();
        expect(tf.memory().numTensors).toBe(before);
        fast.forEach((g, k) => expectClose(g, builtin[k], 2e-4));
        expect(Math.min(...builtin[2].map(Math.abs))).toBeGreaterThan(0); // every bias gets a gradient
        tf.dispose([...inputs, expected]);
        await tf.setBackend('cpu');
        tf.dispose(cpuInputs);
      });
    }
  }

  it('is idempotent and can be put back', () => {
    registerTrainingGradients();
    registerTrainingGradients();
    expect(trainingGradientsRegistered()).toBe(true);
    unregisterTrainingGradients();
    expect(trainingGradientsRegistered()).toBe(false);
    expect(tf.getGradient(tf.MaxPool)).toBeDefined();
  });

  it('trains the CNN on wasm bit-identically for a seed, without leaks', async () => {
    await tf.setBackend('wasm');
    registerTrainingGradients();
    const before = tf.memory().numTensors;
    const inputs = seeded([8, 12, 12, 1], 3);
    const labels = tf.tidy(() => tf.oneHot(tf.tensor1d([0, 1, 2, 0, 1, 2, 0, 1], 'int32'), 3));
    const train = async () => {
      const model = createModel('cnn', [12, 12, 1], 3, 0);
      const losses: number[] = [];
      for (let i = 0; i < 15; i++) losses.push((await model.trainOnBatch(inputs, labels)) as number);
      const weights = model.getWeights().map((w) => Array.from(w.dataSync()));
      disposeModel(model);
      return { losses, weights };
    };
    const first = await train();
    const second = await train();
    expect(second.weights).toEqual(first.weights);
    expect(first.losses[14]).toBeLessThan(first.losses[0] * 0.5); // it fits 8 samples: gradients flow through the convolutions
    tf.dispose([inputs, labels]);
    expect(tf.memory().numTensors).toBe(before);
  });
});
