import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { beforeAll, describe, expect, it } from 'vitest';
import { LabOptimizer, resolveOptimizer, type OptimizerSettings } from '@mixzoo/lab';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/**
 * Three steps on f(θ) = ½‖θ − c‖² with θ0 = [1, −2], c = [0.5, 0.5] (gradient θ − c), and the
 * learning rate of step t given by `lr(t)`: the parameters after each step.
 */
function threeSteps(settings: OptimizerSettings, lr: (t: number) => number, decays?: (v: tf.Variable) => boolean): number[][] {
  const theta = tf.tidy(() => tf.variable(tf.tensor1d([1, -2])));
  const c = tf.tensor1d([0.5, 0.5]);
  const optimizer = new LabOptimizer(settings, lr, decays);
  const out: number[][] = [];
  for (let t = 0; t < 3; t++) {
    optimizer.minimize(() => tf.mul(0.5, tf.sum(tf.square(tf.sub(theta, c)))), false, [theta]);
    out.push(Array.from(theta.dataSync()));
  }
  optimizer.dispose();
  tf.dispose([theta, c]);
  return out;
}

/** The same three steps by hand, one coordinate at a time, in float64. */
function byHand(update: (p: number, g: number, t: number, state: number[]) => number): number[][] {
  const p = [1, -2];
  const states = [[0, 0], [0, 0]];
  const out: number[][] = [];
  for (let t = 0; t < 3; t++) {
    for (let k = 0; k < 2; k++) p[k] = update(p[k], p[k] - 0.5, t, states[k]);
    out.push([...p]);
  }
  return out;
}

const expectClose = (got: number[][], want: number[][]) => got.forEach((row, t) => row.forEach((v, k) => expect(v, `step ${t} θ${k}`).toBeCloseTo(want[t][k], 5)));

describe('LabOptimizer, three steps against hand-computed values', () => {
  it('SGD with Nesterov momentum and L2 weight decay (torch.optim.SGD), scheduled rates', () => {
    const lrs = [0.1, 0.05, 0.2];
    const [mu, wd] = [0.9, 0.01];
    const want = byHand((p, g0, t, s) => {
      const g = g0 + wd * p;
      s[0] = mu * s[0] + g; // the buffer starts at the first gradient
      return p - lrs[t] * (g + mu * s[0]);
    });
    // worked first step for θ0 = 1: g = 0.5 + 0.01 = 0.51, b = 0.51, step 0.51·1.9 = 0.969 → 1 − 0.0969
    expect(want[0][0]).toBeCloseTo(0.9031, 10);
    expectClose(threeSteps({ name: 'sgd', momentum: mu, nesterov: true, weightDecay: wd }, (t) => lrs[t]), want);
  });

  it('SGD with classic momentum, and plain SGD', () => {
    const want = byHand((p, g, _t, s) => {
      s[0] = 0.5 * s[0] + g;
      return p - 0.1 * s[0];
    });
    expectClose(threeSteps({ name: 'sgd', momentum: 0.5, nesterov: false, weightDecay: 0 }, () => 0.1), want);
    expectClose(threeSteps({ name: 'sgd', momentum: 0, nesterov: false, weightDecay: 0 }, () => 0.1), byHand((p, g) => p - 0.1 * g));
  });

  const adam = (wd: number, decoupled: boolean, lrs: number[]) =>
    byHand((p0, g0, t, s) => {
      const p = decoupled ? p0 * (1 - lrs[t] * wd) : p0;
      const g = decoupled ? g0 : g0 + wd * p0;
      s[0] = 0.9 * s[0] + 0.1 * g;
      s[1] = 0.999 * s[1] + 0.001 * g * g;
      const mHat = s[0] / (1 - 0.9 ** (t + 1));
      const vHat = s[1] / (1 - 0.999 ** (t + 1));
      return p - (lrs[t] * mHat) / (Math.sqrt(vHat) + 1e-7);
    });

  it('AdamW: decoupled decay θ·(1 − lr·wd) then Adam on the gradient alone (torch.optim.AdamW)', () => {
    const lrs = [0.1, 0.1, 0.05];
    const want = adam(0.5, true, lrs);
    // step 1, θ0 = 1: decay to 0.95, then Adam's first step is lr·sign(g) = 0.1 → 0.85
    expect(want[0][0]).toBeCloseTo(0.85, 6);
    expectClose(threeSteps({ name: 'adamw', weightDecay: 0.5 }, (t) => lrs[t]), want);
    // not the same as coupled L2 decay
    expect(Math.abs(adam(0.5, false, lrs)[2][0] - want[2][0])).toBeGreaterThan(1e-3);
    expectClose(threeSteps({ name: 'adam', weightDecay: 0.5 }, (t) => lrs[t]), adam(0.5, false, lrs));
  });

  it('Adam without decay trains exactly as tf.train.adam (same ops, bit for bit)', () => {
    const ours = threeSteps({ name: 'adam', weightDecay: 0 }, () => 0.01);
    const theta = tf.variable(tf.tensor1d([1, -2]));
    const c = tf.tensor1d([0.5, 0.5]);
    const reference = tf.train.adam(0.01);
    const theirs: number[][] = [];
    for (let t = 0; t < 3; t++) {
      reference.minimize(() => tf.mul(0.5, tf.sum(tf.square(tf.sub(theta, c)))), false, [theta]);
      theirs.push(Array.from(theta.dataSync()));
    }
    reference.dispose();
    tf.dispose([theta, c]);
    expect(ours).toEqual(theirs);
  });

  it('decays only the variables `decays` selects', () => {
    const none = threeSteps({ name: 'sgd', momentum: 0, nesterov: false, weightDecay: 0.5 }, () => 0.1, () => false);
    expectClose(none, byHand((p, g) => p - 0.1 * g));
  });

  it('saves and restores its state (getWeights / setWeights) and leaves no tensors', async () => {
    const before = tf.memory().numTensors;
    const theta = tf.tidy(() => tf.variable(tf.tensor1d([1, -2])));
    const loss = () => tf.sum<tf.Scalar>(tf.square(theta));
    const a = new LabOptimizer({ name: 'sgd', momentum: 0.9, nesterov: true, weightDecay: 0 }, (t) => 0.1 / (t + 1));
    a.minimize(loss, false, [theta]);
    const [iterations, ...slots] = await a.getWeights();
    const saved = [iterations, ...slots.map((w) => ({ name: w.name, tensor: tf.clone(w.tensor) }))]; // the iteration count is a fresh scalar
    expect(saved.map((w) => w.tensor.shape)).toEqual([[], [2]]);
    const b = new LabOptimizer({ name: 'sgd', momentum: 0.9, nesterov: true, weightDecay: 0 }, (t) => 0.1 / (t + 1));
    await b.setWeights(saved);
    tf.dispose(saved.map((w) => w.tensor));
    expect(b.iterations).toBe(1);
    const copy = tf.tidy(() => tf.variable(tf.clone(theta)));
    a.minimize(loss, false, [theta]);
    b.minimize(() => tf.sum<tf.Scalar>(tf.square(copy)), false, [copy]);
    expect(Array.from(copy.dataSync())).toEqual(Array.from(theta.dataSync()));
    a.dispose();
    b.dispose();
    tf.dispose([theta, copy]);
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe('resolveOptimizer', () => {
  it('fills the defaults', () => {
    expect(resolveOptimizer('adam', 'x')).toEqual({ name: 'adam', weightDecay: 0 });
    expect(resolveOptimizer('adamw', 'x')).toEqual({ name: 'adamw', weightDecay: 0.01 });
    expect(resolveOptimizer({ name: 'sgd', nesterov: true }, 'x')).toEqual({ name: 'sgd', momentum: 0.9, nesterov: true, weightDecay: 0 });
  });

  it('refuses unknown names and options, and bad values (E_OPTION naming them)', () => {
    expect(() => resolveOptimizer('rmsprop', 'runStudy')).toThrow(expect.objectContaining({ code: 'E_OPTION', message: expect.stringContaining("runStudy: 'optimizer' must be one of adam, adamw, sgd") }));
    expect(() => resolveOptimizer({ name: 'adam', momentum: 0.9 }, 'x')).toThrow(/optimizer 'adam' takes weightDecay, not 'momentum'/);
    expect(() => resolveOptimizer({ name: 'sgd', momentum: 1 }, 'x')).toThrow(/'momentum' must be a number in \[0, 1\), got 1/);
    expect(() => resolveOptimizer({ name: 'sgd', momentum: 0, nesterov: true }, 'x')).toThrow(/'nesterov' needs a momentum > 0/);
    expect(() => resolveOptimizer({ name: 'adamw', weightDecay: -1 }, 'x')).toThrow(/'weightDecay' must be a finite number >= 0, got -1/);
  });
});
