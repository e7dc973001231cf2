import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  bceTargets,
  binaryCrossEntropy,
  decoupledMixupLoss,
  interpolatedLoss,
  jsdConsistencyLoss,
  perSampleBinaryCrossEntropy,
  perSampleCrossEntropy,
  regmixupLoss,
  smoothTargets,
  softTargetCrossEntropy,
} from '@mixzoo/lab';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const oneHot = (classes: number[], c: number) => tf.tensor2d(classes.map((k) => Array.from({ length: c }, (_, j) => (j === k ? 1 : 0))));
const value = (t: tf.Tensor) => {
  const v = t.dataSync()[0];
  t.dispose();
  return v;
};
/** Runs `fn`, checks it leaves no tensor behind and keeps its inputs. */
function noLeaks<T>(fn: () => T): T {
  const before = tf.memory().numTensors;
  const out = fn();
  expect(tf.memory().numTensors).toBe(before + (out instanceof tf.Tensor ? 1 : 0));
  return out;
}

describe('targets', () => {
  it('smoothing and mixing match timm mixup_target: C=4, ε=0.1, λ=0.7, y_a=0, y_b=2 → [0.655, 0.025, 0.295, 0.025]; threshold 0.2 → [1, 0, 1, 0]', () => {
    const mixed = tf.tensor2d([[0.7, 0, 0.3, 0]]);
    const smoothed = noLeaks(() => smoothTargets(mixed, 0.1));
    const values = Array.from(smoothed.dataSync());
    [0.655, 0.025, 0.295, 0.025].forEach((v, j) => expect(values[j]).toBeCloseTo(v, 6));
    expect(Array.from(bceTargets(smoothed, 0.2).dataSync())).toEqual([1, 0, 1, 0]);
    const copy = bceTargets(smoothed);
    expect(copy).not.toBe(smoothed);
    expect(Array.from(copy.dataSync())).toEqual(values);
    tf.dispose([mixed, smoothed, copy]);
  });

  it('refuses an ε or threshold outside [0, 1] (E_OPTION)', () => {
    const y = tf.tensor2d([[1, 0]]);
    expect(() => smoothTargets(y, 1.5)).toThrow(expect.objectContaining({ code: 'E_OPTION', message: expect.stringContaining("'epsilon' must be a number in [0, 1], got 1.5") }));
    expect(() => bceTargets(y, -0.1)).toThrow(expect.objectContaining({ code: 'E_OPTION' }));
    y.dispose();
  });
});

describe('cross-entropy and BCE', () => {
  it('soft-target CE is −Σ y log softmax(z), averaged over the batch', () => {
    const z = tf.tensor2d([[2, 1, 0], [0, 0, 0]]);
    const y = tf.tensor2d([[0.7, 0.3, 0], [0, 0, 1]]);
    const lse = Math.log(Math.exp(2) + Math.exp(1) + 1);
    const first = 0.7 * (lse - 2) + 0.3 * (lse - 1);
    expect(Array.from(perSampleCrossEntropy(z, y).dataSync())).toEqual([expect.closeTo(first, 5), expect.closeTo(Math.log(3), 5)]);
    expect(value(noLeaks(() => softTargetCrossEntropy(z, y)))).toBeCloseTo((first + Math.log(3)) / 2, 5);
    tf.dispose([z, y]);
  });

  it('BCE with logits: mean over B × C (sum over classes with sum), thresholded targets', () => {
    const z = tf.tensor2d([[1, -1, 0, 2]]);
    const y = tf.tensor2d([[0.655, 0.025, 0.295, 0.025]]);
    const sp = (x: number) => Math.log1p(Math.exp(x));
    const per = [1, -1, 0, 2].map((zi, j) => sp(zi) - [0.655, 0.025, 0.295, 0.025][j] * zi);
    expect(value(noLeaks(() => binaryCrossEntropy(z, y)))).toBeCloseTo(per.reduce((a, b) => a + b) / 4, 5);
    const thr = [1, -1, 0, 2].map((zi, j) => sp(zi) - [1, 0, 1, 0][j] * zi);
    expect(value(perSampleBinaryCrossEntropy(z, y, { threshold: 0.2, sum: true }))).toBeCloseTo(thr.reduce((a, b) => a + b), 5);
    tf.dispose([z, y]);
  });

  it('refuses logits and targets of different shapes (E_SHAPE)', () => {
    const z = tf.tensor2d([[1, 2]]);
    const y = tf.tensor2d([[1, 0, 0]]);
    expect(() => softTargetCrossEntropy(z, y)).toThrow(expect.objectContaining({ code: 'E_SHAPE', message: expect.stringContaining("'targets' must be [1, 2] like 'logits', got [1, 3]") }));
    tf.dispose([z, y]);
  });
});

describe('interpolatedLoss', () => {
  it('equals label-mixing CE to 1e-6 (CE is linear in the target), per-sample λ', () => {
    const z = tf.tensor2d([[2, 1, 0, -1], [0.5, -0.3, 1.2, 0.1], [0, 0, 3, 1]]);
    const ya = oneHot([0, 2, 3], 4);
    const yb = oneHot([1, 2, 0], 4);
    const lambda = tf.tensor1d([0.7, 0.4, 0.15]);
    const rest = tf.tensor1d([0.3, 0.6, 0.85]);
    const interpolated = value(noLeaks(() => interpolatedLoss(perSampleCrossEntropy, z, [{ targets: ya, weight: lambda }, { targets: yb, weight: rest }])));
    const mixed = tf.add(tf.mul(ya, tf.expandDims(lambda, 1)), tf.mul(yb, tf.expandDims(rest, 1)));
    expect(Math.abs(interpolated - value(softTargetCrossEntropy(z, mixed)))).toBeLessThan(1e-6);
    tf.dispose([z, ya, yb, lambda, rest, mixed]);
  });

  it('differs from label mixing for thresholded BCE (a non-linear target map)', () => {
    const z = tf.tensor2d([[2, 1, 0, -1]]);
    const ya = oneHot([0], 4);
    const yb = oneHot([2], 4);
    const bce = (logits: tf.Tensor, y: tf.Tensor) => perSampleBinaryCrossEntropy(logits, y, { threshold: 0.2 });
    const interpolated = value(interpolatedLoss(bce, z, [{ targets: ya, weight: 0.7 }, { targets: yb, weight: 0.3 }]));
    const mixed = tf.tensor2d([[0.7, 0, 0.3, 0]]);
    const sp = (x: number) => Math.log1p(Math.exp(x));
    const byHand = (t: number[]) => [2, 1, 0, -1].reduce((s, zi, j) => s + sp(zi) - t[j] * zi, 0) / 4;
    expect(interpolated).toBeCloseTo(0.7 * byHand([1, 0, 0, 0]) + 0.3 * byHand([0, 0, 1, 0]), 5);
    expect(value(binaryCrossEntropy(z, mixed, { threshold: 0.2 }))).toBeCloseTo(byHand([1, 0, 1, 0]), 5);
    expect(Math.abs(interpolated - byHand([1, 0, 1, 0]))).toBeGreaterThan(0.1);
    tf.dispose([z, ya, yb, mixed]);
  });

  it('refuses no terms and a weight of the wrong length', () => {
    const z = tf.tensor2d([[1, 2]]);
    expect(() => interpolatedLoss(perSampleCrossEntropy, z, [])).toThrow(expect.objectContaining({ code: 'E_OPTION' }));
    const y = tf.tensor2d([[1, 0]]);
    const w = tf.tensor1d([1, 0]);
    expect(() => interpolatedLoss(perSampleCrossEntropy, z, [{ targets: y, weight: w }])).toThrow(expect.objectContaining({ code: 'E_SHAPE' }));
    tf.dispose([z, y, w]);
  });
});

describe('decoupledMixupLoss', () => {
  it("reproduces the worked example: z = [2, 1, 0], a = 0, b = 1, λ = 0.7, η = 0.1 → 0.72589", () => {
    const z = tf.tensor2d([[2, 1, 0]]);
    const y = tf.tensor2d([[0.7, 0.3, 0]]);
    expect(value(noLeaks(() => decoupledMixupLoss(z, y, { eta: 0.1 })))).toBeCloseTo(0.72589, 5);
    // the parts: CE_mix 0.70761 alone with η = 0
    expect(value(decoupledMixupLoss(z, y, { eta: 0 }))).toBeCloseTo(0.70761, 5);
    tf.dispose([z, y]);
  });

  it('pairs η·λ with y_a wherever y_a sits (not with the lower class index, the OpenMixup quirk)', () => {
    const z = tf.tensor2d([[1, 2, 0]]);
    const y = tf.tensor2d([[0.3, 0.7, 0]]); // y_a = 1 with λ = 0.7, y_b = 0
    const termA = Math.log1p(Math.exp(0 - 2)); // class 1 against class 2
    const termB = Math.log1p(Math.exp(0 - 1));
    const lse = Math.log(Math.exp(1) + Math.exp(2) + 1);
    const ce = 0.3 * (lse - 1) + 0.7 * (lse - 2);
    expect(value(decoupledMixupLoss(z, y, { eta: 0.5 }))).toBeCloseTo(ce + 0.5 * (0.7 * termA + 0.3 * termB), 5);
    tf.dispose([z, y]);
  });

  it('is plain CE for a row of one class (y_a = y_b) and for λ = 0.5; averages the rows', () => {
    const z = tf.tensor2d([[2, 1, 0], [2, 1, 0], [2, 1, 0]]);
    const y = tf.tensor2d([[1, 0, 0], [0.5, 0.5, 0], [0.7, 0.3, 0]]);
    const ce = value(softTargetCrossEntropy(z, y));
    expect(value(decoupledMixupLoss(z, y, { eta: 0.1 }))).toBeCloseTo(ce + (0.1 * (0.7 * 0.12693 + 0.3 * 0.31326)) / 3, 5);
    tf.dispose([z, y]);
  });

  it('smooths the CE part only', () => {
    const z = tf.tensor2d([[2, 1, 0]]);
    const y = tf.tensor2d([[0.7, 0.3, 0]]);
    const smoothed = smoothTargets(y, 0.1);
    const expected = value(softTargetCrossEntropy(z, smoothed)) + 0.1 * (0.7 * 0.126928 + 0.3 * 0.313262);
    expect(value(decoupledMixupLoss(z, y, { eta: 0.1, labelSmoothing: 0.1 }))).toBeCloseTo(expected, 5);
    tf.dispose([z, y, smoothed]);
  });
});

describe('regmixupLoss', () => {
  it('is ½(CE_clean + η·CE_mixed); with η = 1 the mean CE over the concatenated 2B rows', () => {
    const z = tf.tensor2d([[2, 0], [0, 1], [1, 1], [3, -1]]);
    const clean = oneHot([0, 1], 2);
    const mixed = tf.tensor2d([[0.6, 0.4], [0.2, 0.8]]);
    const all = tf.concat([clean, mixed]);
    expect(value(noLeaks(() => regmixupLoss(z, clean, mixed)))).toBeCloseTo(value(softTargetCrossEntropy(z, all)), 6);
    const [zc, zm] = tf.split(z, 2);
    expect(value(regmixupLoss(z, clean, mixed, 0.5))).toBeCloseTo(0.5 * (value(softTargetCrossEntropy(zc, clean)) + 0.5 * value(softTargetCrossEntropy(zm, mixed))), 6);
    expect(() => regmixupLoss(zc, clean, mixed)).toThrow(expect.objectContaining({ code: 'E_SHAPE' }));
    tf.dispose([z, clean, mixed, all, zc, zm]);
  });
});

describe('jsdConsistencyLoss', () => {
  it('is CE(clean) + 12·(1/3)·Σ KL(p_k ‖ M), by hand on one sample', () => {
    const rows = [[1, 0], [0, 0], [0, 2]];
    const softmax = (r: number[]) => r.map((v) => Math.exp(v) / r.reduce((s, x) => s + Math.exp(x), 0));
    const p = rows.map(softmax);
    const m = [0, 1].map((j) => (p[0][j] + p[1][j] + p[2][j]) / 3);
    const kl = p.reduce((s, pk) => s + pk.reduce((t, v, j) => t + v * Math.log(v / m[j]), 0), 0);
    const ce = -Math.log(p[0][0]);
    const [zc, z1, z2] = rows.map((r) => tf.tensor2d([r]));
    const y = oneHot([0], 2);
    expect(value(noLeaks(() => jsdConsistencyLoss(zc, z1, z2, y)))).toBeCloseTo(ce + (12 / 3) * kl, 5);
    // identical views: no consistency term
    expect(value(jsdConsistencyLoss(zc, zc, zc, y))).toBeCloseTo(ce, 5);
    tf.dispose([zc, z1, z2, y]);
  });
});
