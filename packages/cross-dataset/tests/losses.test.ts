import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-core/dist/register_all_gradients.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { MixzooError, selectBackend } from '@mixzoo/core';
import { IGNORED_CLASS, maskedBinaryCrossEntropy, maskedSoftCrossEntropy, maskTargets } from '@mixzoo/cross-dataset';

beforeAll(() => selectBackend('cpu'));

const softmax = (z: number[]) => {
  const m = Math.max(...z);
  const e = z.map((v) => Math.exp(v - m));
  const s = e.reduce((a, b) => a + b, 0);
  return e.map((v) => v / s);
};
const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));

/** Masked soft CE from the definition: softmax over the valid classes only. */
function referenceSoftCE(target: number[], valid: boolean[], logits: number[]): number {
  const idx = valid.flatMap((v, c) => (v ? [c] : []));
  if (idx.length === 0) return 0;
  const p = softmax(idx.map((c) => logits[c]));
  return -idx.reduce((s, c, k) => s + target[c] * Math.log(p[k]), 0);
}

function lossOf(fn: (a: tf.Tensor, b: tf.Tensor) => tf.Tensor, yTrue: number[][], yPred: number[][]): number[] {
  return tf.tidy(() => Array.from(fn(tf.tensor2d(yTrue), tf.tensor2d(yPred)).dataSync()));
}

describe('maskTargets', () => {
  it('keeps labels where validity > 0 and writes IGNORED_CLASS elsewhere, same shape', () => {
    const labels = tf.tensor2d([[0.3, 0.7, 0], [0, 0, 1]]);
    const validity = tf.tensor2d([[1, 1, 0], [0, 1, 1]]);
    const encoded = maskTargets(labels, validity);
    expect(IGNORED_CLASS).toBeLessThan(0);
    expect(encoded.shape).toEqual([2, 3]);
    Array.from(encoded.dataSync()).forEach((v, k) => expect(v).toBeCloseTo([0.3, 0.7, -1, -1, 0, 1][k], 6));
    tf.dispose([labels, validity, encoded]);
  });

  it('rejects different shapes naming both', () => {
    const a = tf.zeros([2, 3]);
    const b = tf.zeros([2, 4]);
    expect(() => maskTargets(a, b)).toThrow(new MixzooError('E_SHAPE', "maskTargets: 'labels' and 'validity' must have the same shape [..., classes], got [2, 3] and [2, 4]."));
    tf.dispose([a, b]);
  });
});

describe('maskedSoftCrossEntropy', () => {
  const logits = [
    [2, -1, 0.5, 3],
    [0.1, 0.2, -0.3, 1.5],
    [1, 2, 3, 4],
  ];
  const targets = [
    [0.6, 0, 0.4, 0],
    [0, 0.25, 0, 0.75],
    [0, 0, 0, 0],
  ];
  const valid = [
    [true, true, true, false],
    [false, true, false, true],
    [false, false, false, false],
  ];
  const encoded = targets.map((row, i) => row.map((t, c) => (valid[i][c] ? t : IGNORED_CLASS)));

  it('with every class valid it is the usual soft cross-entropy (logits and probabilities agree)', () => {
    const all = logits.map((row) => row.map(() => true));
    const y = [[0.2, 0.3, 0.5, 0], [0, 0, 0, 1], [1, 0, 0, 0]];
    const expected = y.map((t, i) => referenceSoftCE(t, all[i], logits[i]));
    const fromLogits = lossOf(maskedSoftCrossEntropy({ fromLogits: true }), y, logits);
    const fromProbs = lossOf(maskedSoftCrossEntropy(), y, logits.map(softmax));
    expected.forEach((e, i) => {
      expect(fromLogits[i]).toBeCloseTo(e, 5);
      expect(fromProbs[i]).toBeCloseTo(e, 5);
    });
  });

  it('is a softmax over the valid classes only; a row with none costs 0', () => {
    const expected = targets.map((t, i) => referenceSoftCE(t, valid[i], logits[i]));
    expect(expected[0]).toBeGreaterThan(0.5);
    const fromLogits = lossOf(maskedSoftCrossEntropy({ fromLogits: true }), encoded, logits);
    const fromProbs = lossOf(maskedSoftCrossEntropy(), encoded, logits.map(softmax));
    expected.forEach((e, i) => {
      expect(fromLogits[i]).toBeCloseTo(e, 5);
      expect(fromProbs[i]).toBeCloseTo(e, 5);
    });
    expect(fromLogits[2]).toBe(0);
  });

  it('ignores the logits of ignored classes entirely', () => {
    const moved = logits.map((row, i) => row.map((z, c) => (valid[i][c] ? z : z + 40)));
    const fn = maskedSoftCrossEntropy({ fromLogits: true });
    const a = lossOf(fn, encoded, logits);
    const b = lossOf(fn, encoded, moved);
    a.forEach((v, i) => expect(b[i]).toBeCloseTo(v, 5));
  });

  it('gradients: s·p̃ − t on valid classes, exactly 0 on ignored ones, finite everywhere', () => {
    const fn = maskedSoftCrossEntropy({ fromLogits: true });
    const yTrue = tf.tensor2d(encoded);
    const grad = tf.grad((z: tf.Tensor) => tf.sum(fn(yTrue, z)))(tf.tensor2d(logits));
    const g = grad.arraySync() as number[][];
    g.forEach((row, i) => {
      const idx = valid[i].flatMap((v, c) => (v ? [c] : []));
      const p = softmax(idx.map((c) => logits[i][c]));
      const mass = idx.reduce((s, c) => s + targets[i][c], 0);
      row.forEach((v, c) => {
        expect(Number.isFinite(v)).toBe(true);
        const k = idx.indexOf(c);
        expect(v).toBeCloseTo(k < 0 ? 0 : mass * p[k] - targets[i][c], 5);
      });
    });
    tf.dispose([yTrue, grad]);
  });

  it('returns one value per sample, allocates nothing else, and rejects shape mismatches', () => {
    const fn = maskedSoftCrossEntropy();
    const yTrue = tf.tensor2d(encoded);
    const yPred = tf.tensor2d(logits.map(softmax));
    const before = tf.memory().numTensors;
    const loss = fn(yTrue, yPred);
    expect(loss.shape).toEqual([3]);
    expect(tf.memory().numTensors).toBe(before + 1);
    const wrong = tf.zeros([3, 5]);
    expect(() => fn(yTrue, wrong)).toThrow("maskedSoftCrossEntropy: 'yTrue' and 'yPred' must have the same shape [..., classes], got [3, 4] and [3, 5].");
    tf.dispose([yTrue, yPred, loss, wrong]);
  });
});

describe('maskedBinaryCrossEntropy', () => {
  const logits = [
    [2, -1, 0.5],
    [-3, 0.2, 1],
  ];
  const yTrue = [
    [1, 0, IGNORED_CLASS],
    [IGNORED_CLASS, IGNORED_CLASS, IGNORED_CLASS],
  ];

  it('averages the per-class BCE over the valid classes; logits and probabilities agree; a row with none costs 0', () => {
    const bce = (t: number, z: number) => -(t * Math.log(sigmoid(z)) + (1 - t) * Math.log(1 - sigmoid(z)));
    const expected = (bce(1, 2) + bce(0, -1)) / 2;
    const fromLogits = lossOf(maskedBinaryCrossEntropy({ fromLogits: true }), yTrue, logits);
    const fromProbs = lossOf(maskedBinaryCrossEntropy(), yTrue, logits.map((row) => row.map(sigmoid)));
    expect(fromLogits[0]).toBeCloseTo(expected, 5);
    expect(fromProbs[0]).toBeCloseTo(expected, 5);
    expect(fromLogits[1]).toBe(0);
    expect(fromProbs[1]).toBe(0);
  });

  it('stays finite for large logits and gives zero gradient on ignored classes', () => {
    const fn = maskedBinaryCrossEntropy({ fromLogits: true });
    const t = tf.tensor2d([[1, 0, IGNORED_CLASS]]);
    const z = tf.tensor2d([[200, -200, 500]]);
    const loss = fn(t, z);
    expect(loss.dataSync()[0]).toBeCloseTo(0, 6);
    const grad = tf.grad((x: tf.Tensor) => tf.sum(fn(t, x)))(tf.tensor2d([[0.5, 0.5, 0.5]]));
    const g = Array.from(grad.dataSync());
    expect(g[0]).toBeCloseTo((sigmoid(0.5) - 1) / 2, 6);
    expect(g[1]).toBeCloseTo(sigmoid(0.5) / 2, 6);
    expect(g[2]).toBe(0);
    tf.dispose([t, z, loss, grad]);
  });
});
