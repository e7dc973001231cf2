import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { type MixPlan } from '@mixzoo/core';
import { testZoo } from '../../../test/helpers/zoo-fixture.js';
import { mixzooErrorOf } from '../../../test/helpers/tensors.js';
import { viaJson } from '../../../test/helpers/json.js';

const close = (a: ArrayLike<number>, b: ArrayLike<number>, tol = 1e-6) => {
  expect(a.length).toBe(b.length);
  for (let i = 0; i < a.length; i++) expect(Math.abs(a[i] - b[i])).toBeLessThanOrEqual(tol);
};

const codeOf = (fn: () => unknown): string => mixzooErrorOf(fn).code;

describe.each(['cpu', 'wasm'])('Mixer on %s', (backend) => {
  const plan: MixPlan = { strategy: 'mixup', partner: [2, 0, 1], lambda: [0.25, 1, 0.5] };
  const images = () => tf.tensor4d(Array.from({ length: 3 * 2 * 2 * 1 }, (_, i) => i), [3, 2, 2, 1]);

  it('mixes pixels and labels by the plan, and replays it from JSON', async () => {
    const m = (await testZoo({ backend })).create('mixup');
    const x = images();
    const y = tf.tensor1d([0, 1, 2], 'int32');
    const out = m.apply({ inputs: x, labels: y, numClasses: 3 }, plan);
    const xv = x.dataSync();
    const expected = Array.from({ length: 12 }, (_, k) => {
      const i = Math.floor(k / 4);
      const j = plan.partner[i] * 4 + (k % 4);
      return plan.lambda[i] * xv[k] + (1 - plan.lambda[i]) * xv[j];
    });
    close(out.inputs.dataSync(), expected);
    close(out.labels!.dataSync(), [0.25, 0, 0.75, 0, 1, 0, 0, 0.5, 0.5]);
    expect(out.labels!.shape).toEqual([3, 3]);
    const replay = m.apply({ inputs: x, labels: y, numClasses: 3 }, viaJson(out.plan));
    expect(Array.from(replay.inputs.dataSync())).toEqual(Array.from(out.inputs.dataSync()));
    tf.dispose([x, y, out.inputs, out.labels!, replay.inputs, replay.labels!]);
  });

  it('blends int32 images in float32 and returns float32', async () => {
    const m = (await testZoo({ backend })).create('mixup');
    const x = tf.tensor2d([[0, 10], [20, 30], [40, 50]], [3, 2], 'int32');
    const out = m.apply({ inputs: x }, plan);
    expect(out.inputs.dtype).toBe('float32');
    close(out.inputs.dataSync(), [30, 40, 20, 30, 30, 40]);
    expect(x.dtype).toBe('int32');
    tf.dispose([x, out.inputs]);
  });

  it('never modifies or disposes inputs; outputs are new even for the identity', async () => {
    const m = (await testZoo({ backend })).create('mixup', { alpha: 0 });
    const x = images();
    const before = Array.from(x.dataSync());
    const out = m.mix({ inputs: x });
    expect(out.plan.lambda).toEqual([1, 1, 1]);
    expect(out.plan.partner).toEqual([0, 1, 2]);
    expect(out.inputs).not.toBe(x);
    out.inputs.dispose();
    expect(x.isDisposed).toBe(false);
    expect(Array.from(x.dataSync())).toEqual(before);
    x.dispose();
  });

  it('leaks nothing over many calls and on error paths', async () => {
    const m = (await testZoo({ backend })).create('mixup', { mode: 'elem' });
    const x = images();
    const y = tf.tensor1d([0, 1, 2], 'int32');
    const t = images();
    const baseline = tf.memory().numTensors;
    for (let k = 0; k < 30; k++) {
      const out = m.mix({ inputs: x, labels: y, numClasses: 3, targets: { t } });
      tf.dispose([out.inputs, out.labels!, out.targets!.t]);
    }
    expect(tf.memory().numTensors).toBe(baseline);
    const bad = tf.tensor1d([0, 1, 5], 'int32');
    const badBaseline = tf.memory().numTensors;
    expect(codeOf(() => m.mix({ inputs: x, labels: bad, numClasses: 3 }))).toBe('E_LABELS');
    expect(codeOf(() => m.apply({ inputs: x }, { ...plan, partner: [0, 1, 9] }))).toBe('E_PLAN');
    expect(codeOf(() => m.apply({ inputs: x, targets: { t: tf.zeros([2, 1]) } }, plan))).toBe('E_SHAPE');
    expect(tf.memory().numTensors).toBe(badBaseline + 1); // only the zeros created in the call above
    tf.dispose([x, y, t, bad]);
  });

  it('handles batch sizes 0, 1, 2 and 7', async () => {
    const m = (await testZoo({ backend })).create('mixup', { mode: 'elem' });
    for (const b of [0, 1, 2, 7]) {
      const x = tf.ones([b, 4, 4, 3]);
      const y = tf.zeros([b], 'int32');
      const out = m.mix({ inputs: x, labels: y, numClasses: 2 });
      expect(out.inputs.shape).toEqual([b, 4, 4, 3]);
      expect(out.labels!.shape).toEqual([b, 2]);
      expect(out.plan.lambda).toHaveLength(b);
      if (b === 1) expect(out.plan).toMatchObject({ partner: [0], lambda: [1] });
      tf.dispose([x, y, out.inputs, out.labels!]);
    }
  });

  it('mixes every target with the same plan and refuses to blend int32 class maps', async () => {
    const m = (await testZoo({ backend })).create('paired-mixup');
    const x = images();
    const clean = tf.mul(images(), 2);
    const out = m.mix({ inputs: x, targets: { clean } });
    close(out.targets!.clean.dataSync(), Array.from(out.inputs.dataSync()).map((v) => 2 * v), 1e-5);
    const seg = tf.zeros([3, 2, 2], 'int32');
    expect(codeOf(() => m.apply({ inputs: x, targets: { seg } }, { ...plan, strategy: 'paired-mixup' }))).toBe('E_TARGET');
    const identity = m.apply({ inputs: x, targets: { seg } }, { strategy: 'paired-mixup', partner: [0, 1, 2], lambda: [1, 1, 1] });
    expect(identity.targets!.seg.dtype).toBe('int32');
    tf.dispose([x, clean, seg, out.inputs, out.targets!.clean, identity.inputs, identity.targets!.seg]);
  });

  it('mixes with a partner batch (partners index into it)', async () => {
    const m = (await testZoo({ backend })).create('mixup');
    const a = tf.tensor2d([[1, 1], [2, 2]]);
    const b = tf.tensor2d([[10, 10], [20, 20], [30, 30]]);
    const ya = tf.tensor2d([[1, 0], [0, 1]]);
    const yb = tf.tensor2d([[0, 1], [1, 0], [0, 1]]);
    const out = m.apply({ inputs: a, labels: ya, partner: { inputs: b, labels: yb } }, { strategy: 'mixup', partner: [2, 0], lambda: [0.5, 0.75] });
    close(out.inputs.dataSync(), [15.5, 15.5, 4, 4]);
    close(out.labels!.dataSync(), [0.5, 0.5, 0, 1]);
    const kway = { strategy: 'mixup', partner: [2, 0], lambda: [0.5, 0.75], partners: [[0, 1], [1]], weights: [[0.5, 0.5], [1]] };
    expect(() => m.apply({ inputs: a, partner: { inputs: b } }, kway)).toThrow('k-way plans (partners/weights) cannot be applied with a partner batch.');
    const plan = { strategy: 'mixup', partner: [2, 0], lambda: [0.5, 0.75] };
    expect(() => m.apply({ inputs: a, partner: null as never }, plan)).toThrow("'partner' must be a partner batch { inputs, labels?, targets? } (or left out), got null.");
    const [ta, tb] = [tf.zeros([2, 1]), tf.zeros([2, 1])];
    expect(() => m.apply({ inputs: a, targets: { t: ta }, partner: { inputs: b, targets: { t: tb } } }, plan)).toThrow("'partner.targets.t' must have batch size 3 (as 'partner.inputs'), got [2, 1].");
    tf.dispose([a, b, ya, yb, ta, tb, out.inputs, out.labels!]);
  });

  it('applies label smoothing also to unmixed samples', async () => {
    const m = (await testZoo({ backend })).create('mixup', { labelSmoothing: 0.2 });
    const x = tf.zeros([2, 3]);
    const y = tf.tensor1d([0, 1], 'int32');
    const out = m.apply({ inputs: x, labels: y, numClasses: 4 }, { strategy: 'mixup', partner: [0, 0], lambda: [1, 0.5] });
    close(out.labels!.dataSync(), [0.85, 0.05, 0.05, 0.05, 0.45, 0.45, 0.05, 0.05]);
    tf.dispose([x, y, out.inputs, out.labels!]);
  });

  it('explains bad batches', async () => {
    const m = (await testZoo({ backend })).create('mixup');
    const x = images();
    expect(() => m.apply({ inputs: [1, 2] as never }, plan)).toThrow("mixup: 'inputs' must be a tf.Tensor, got [1, 2].");
    expect(() => m.apply({ inputs: tf.zeros([3]) }, plan)).toThrow("'inputs' must be [B, ...] with rank >= 2, got [3].");
    expect(() => m.apply({ inputs: x, numClasses: 3 }, plan)).toThrow("'numClasses' was given without 'labels'");
    expect(() => m.apply({ inputs: x }, { ...plan, height: 5, width: 5 })).toThrow('plan was sampled for 5×5 images, inputs are 2×2.');
    const gone = images();
    gone.dispose();
    expect(() => m.mix({ inputs: gone })).toThrow("'inputs' was already disposed.");
    expect(() => m.sample({ batchSize: -1 })).toThrow("'batchSize' must be an integer >= 0, got -1.");
    x.dispose();
  });
});
