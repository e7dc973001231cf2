// mixup beyond images: features [B, D], padded sequences [B, T, D] with a mask, token-level targets,
// partner batches of another length, and ragged sequences padded to the longest.
import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import type { MixPlan } from '@mixzoo/core';
import { mixSequences, padSequences } from '@mixzoo/mixup';
import { testZoo } from '../../../test/helpers/zoo-fixture.js';
import { expectMixzooError } from '../../../test/helpers/tensors.js';

const JUNK = 99; // what the padding holds: must never reach an output

/** Sequences [B, T, D]: step s of sample i holds (i + 1)·10 + s in every feature; padding holds JUNK. */
function sequences(lengths: number[], t: number, d = 2): { x: tf.Tensor3D; mask: number[][] } {
  const mask = lengths.map((n) => Array.from({ length: t }, (_, s) => (s < n ? 1 : 0)));
  const values = lengths.flatMap((n, i) => Array.from({ length: t }, (_, s) => new Array<number>(d).fill(s < n ? (i + 1) * 10 + s : JUNK)).flat());
  return { x: tf.tensor3d(values, [lengths.length, t, d]), mask };
}

/** Expected lerp of masked (padding = 0) and padded rows: one value per step of each sample. */
function expectedSteps(own: number[][], other: number[][], plan: MixPlan): number[][] {
  return own.map((row, i) => row.map((v, s) => plan.lambda[i] * v + (1 - plan.lambda[i]) * other[plan.partner[i]][s]));
}

/** Step values of a [B, T, D] tensor (feature 0), after checking all features agree. */
function stepValues(t: tf.Tensor): number[][] {
  const rows = t.arraySync() as number[][][];
  return rows.map((r) => r.map((features) => {
    features.forEach((f) => expect(f).toBeCloseTo(features[0], 5));
    return features[0];
  }));
}

const plain = (lengths: number[], t: number) => lengths.map((n, i) => Array.from({ length: t }, (_, s) => (s < n ? (i + 1) * 10 + s : 0)));

describe('mixSequences', () => {
  it('zeroes padding, mixes inputs and token targets with one plan, ORs the masks of contributing samples', async () => {
    const mixer = (await testZoo({ seed: 6 })).create('mixup', { mode: 'elem', pairing: 'derangement' });
    const lengths = [2, 5, 3, 4];
    const { x, mask } = sequences(lengths, 5);
    const maskTensor = tf.tensor2d(mask, [4, 5], 'int32');
    const tags = tf.tidy(() => tf.cast(tf.oneHot(tf.tensor2d([[0, 1, 2, 2, 2], [1, 1, 0, 2, 0], [2, 0, 1, 1, 1], [0, 0, 1, 2, 2]], [4, 5], 'int32'), 3), 'float32'));
    const y = tf.tensor1d([0, 1, 0, 1], 'int32');
    const before = tf.memory().numTensors;
    const out = mixSequences(mixer, { inputs: x, mask: maskTensor, labels: y, numClasses: 2, targets: { tags } });
    const { plan } = out;
    expect(plan.lambda.every((l) => l > 0 && l < 1)).toBe(true);
    const own = plain(lengths, 5);
    stepValues(out.inputs).forEach((row, i) => row.forEach((v, s) => expect(v).toBeCloseTo(expectedSteps(own, own, plan)[i][s], 4)));
    // masks: a step is real if real in the sample or its partner (both contribute: 0 < λ < 1)
    expect(out.mask.dtype).toBe('int32');
    expect(out.mask.arraySync()).toEqual(mask.map((row, i) => row.map((m, s) => m | mask[plan.partner[i]][s])));
    // token targets: same plan, padding zeroed
    const tagRows = (tags.arraySync() as number[][][]).map((r, i) => r.map((v, s) => v.map((c) => c * mask[i][s])));
    (out.targets!.tags.arraySync() as number[][][]).forEach((r, i) => r.forEach((v, s) => v.forEach((c, k) => {
      expect(c).toBeCloseTo(plan.lambda[i] * tagRows[i][s][k] + (1 - plan.lambda[i]) * tagRows[plan.partner[i]][s][k], 5);
    })));
    expect(out.labels!.shape).toEqual([4, 2]);
    expect((out.inputs.dataSync() as Float32Array).some((v) => v > 60)).toBe(false); // no JUNK anywhere
    tf.dispose([out.inputs, out.labels!, out.targets!.tags, out.mask]);
    expect(tf.memory().numTensors).toBe(before);
    expect(Array.from(x.dataSync()).filter((v) => v === JUNK)).toHaveLength((20 - 14) * 2); // input untouched
    tf.dispose([x, maskTensor, tags, y]);
  });

  it('λ = 1 keeps the own mask, λ = 0 takes the partner mask; bool and float masks keep their dtype', async () => {
    const mixer = (await testZoo()).create('mixup');
    const { x, mask } = sequences([1, 3, 2], 4);
    const plan: MixPlan = { strategy: 'mixup', partner: [1, 2, 0], lambda: [1, 0, 0.5] };
    for (const dtype of ['bool', 'float32'] as const) {
      const m = tf.tensor2d(mask, [3, 4], dtype === 'bool' ? 'bool' : 'float32');
      const out = mixSequences(mixer, { inputs: x, mask: m }, plan);
      expect(out.mask.dtype).toBe(dtype);
      expect(Array.from(out.mask.dataSync())).toEqual([...mask[0], ...mask[2], ...mask[2].map((v, s) => v | mask[0][s])]);
      tf.dispose([m, out.inputs, out.mask]);
    }
    x.dispose();
  });

  it('pads a partner batch of another length (and its targets) to the longer one', async () => {
    const mixer = (await testZoo({ seed: 2 })).create('mixup', { mode: 'elem' });
    const a = sequences([2, 3], 3);
    const b = sequences([5, 1, 4], 5);
    const ta = tf.ones([2, 3, 1]);
    const tb = tf.fill([3, 5, 1], 2);
    const [maskA, maskB] = [tf.tensor2d(a.mask, [2, 3]), tf.tensor2d(b.mask, [3, 5])];
    const [ya, yb] = [tf.tensor1d([0, 1], 'int32'), tf.tensor1d([1, 1, 0], 'int32')];
    const before = tf.memory().numTensors;
    const out = mixSequences(mixer, {
      inputs: a.x, mask: maskA, labels: ya, numClasses: 2, targets: { t: ta },
      partner: { inputs: b.x, mask: maskB, labels: yb, targets: { t: tb } },
    });
    expect(tf.memory().numTensors).toBe(before + 4);
    const { plan } = out;
    expect(out.inputs.shape).toEqual([2, 5, 2]);
    expect(out.targets!.t.shape).toEqual([2, 5, 1]);
    const own = plain([2, 3], 5);
    const other = plain([5, 1, 4], 5);
    stepValues(out.inputs).forEach((row, i) => row.forEach((v, s) => expect(v).toBeCloseTo(expectedSteps(own, other, plan)[i][s], 4)));
    const ownMask = a.mask.map((r) => [...r, 0, 0]);
    expect(out.mask.arraySync()).toEqual(ownMask.map((r, i) => r.map((m, s) => (plan.lambda[i] > 0 ? m : 0) | (plan.lambda[i] < 1 ? b.mask[plan.partner[i]][s] : 0))));
    (out.targets!.t.arraySync() as number[][][]).forEach((r, i) => r.forEach(([v], s) => {
      expect(v).toBeCloseTo(plan.lambda[i] * ownMask[i][s] + (1 - plan.lambda[i]) * 2 * b.mask[plan.partner[i]][s], 5);
    }));
    const labels = out.labels!.arraySync() as number[][];
    labels.forEach((row, i) => expect(row[1]).toBeCloseTo(plan.lambda[i] * i + (1 - plan.lambda[i]) * [1, 1, 0][plan.partner[i]], 6));
    tf.dispose([a.x, b.x, ta, tb, maskA, maskB, ya, yb, out.inputs, out.labels!, out.targets!.t, out.mask]);
  });

  it('k-way plans OR the masks of every source with weight > 0', async () => {
    const mixer = (await testZoo({ seed: 1 })).create('mixup', { k: 3, mode: 'elem' });
    const { x, mask } = sequences([1, 2, 3, 4], 4);
    const m = tf.tensor2d(mask, [4, 4]);
    const out = mixSequences(mixer, { inputs: x, mask: m });
    const { partners, weights } = out.plan;
    expect(partners![0]).toHaveLength(3);
    const expected = partners!.map((row, i) => [0, 1, 2, 3].map((s) => (row.some((p, k) => weights![i][k] > 0 && mask[p][s] === 1) ? 1 : 0)));
    expect(out.mask.arraySync()).toEqual(expected);
    tf.dispose([x, m, out.inputs, out.mask]);
  });

  it('refuses what it cannot mix, names the argument, and leaks nothing', async () => {
    const mixer = (await testZoo()).create('mixup');
    const { x } = sequences([2, 2], 3);
    const features = tf.zeros([2, 4]);
    const badMask = tf.tensor2d([[1, 0.5, 0], [1, 1, 0]]);
    const shortMask = tf.ones([2, 2]);
    const shortTarget = tf.zeros([2, 2, 1]);
    const otherWidth = tf.zeros([2, 4, 3]);
    const badLabels = tf.tensor1d([0, 5], 'int32');
    const intTargets = tf.zeros([2, 3], 'int32');
    expectMixzooError(() => mixSequences(mixer, { inputs: features }), 'E_SHAPE', "mixSequences: 'inputs' must be sequences [B, T, ...], got [2, 4]; features [B, D] need no mask: use mixer.mix.");
    expectMixzooError(() => mixSequences(mixer, { inputs: x, mask: shortMask }), 'E_SHAPE', "mixSequences: 'mask' must be [2, 3] (batch, steps), got [2, 2].");
    expectMixzooError(() => mixSequences(mixer, { inputs: x, mask: badMask }), 'E_SHAPE', "mixSequences: 'mask' must hold 0 or 1, got 0.5 at [0, 1].");
    expectMixzooError(() => mixSequences(mixer, { inputs: x, targets: { t: shortTarget } }), 'E_SHAPE', "mixSequences: 'targets.t' must be [2, 3, ...] (batch, steps, ...), got [2, 2, 1].");
    expectMixzooError(() => mixSequences(mixer, { inputs: x, partner: { inputs: otherWidth } }), 'E_SHAPE', "mixSequences: 'partner.inputs' must be [B', T', 2] like 'inputs' (steps may differ), got [2, 4, 3].");
    expectMixzooError(() => mixSequences(mixer, { inputs: x, labels: badLabels, numClasses: 2 }), 'E_LABELS', /'labels\[1\]' must be a class index in \[0, 2\), got 5/);
    // int32 token ids cannot be blended: pass one-hot float targets
    expectMixzooError(() => mixSequences(mixer, { inputs: x, targets: { ids: intTargets } }, { strategy: 'mixup', partner: [1, 0], lambda: [0.5, 0.5] }), 'E_TARGET', /int32/);
    const boxed: MixPlan = { strategy: 'cutmix', partner: [1, 0], lambda: [0.5, 0.5], boxes: [null, null], height: 3, width: 2 };
    expectMixzooError(() => mixSequences(mixer, { inputs: x }, boxed), 'E_PLAN', /sequences take λ plans/);
    expect(Array.from(x.dataSync()).filter((v) => v === JUNK)).toHaveLength(4); // untouched by the failed calls
    tf.dispose([x, features, badMask, shortMask, shortTarget, otherWidth, badLabels, intTargets]);
  });
});

describe('padSequences', () => {
  it('pads ragged sequences to the longest (or to a given length) with a float mask', () => {
    const seqs = [tf.tensor2d([[1, 1]]), tf.tensor2d([[2, 2], [3, 3], [4, 4]]), tf.tensor2d([[5, 5], [6, 6]])];
    const before = tf.memory().numTensors;
    const { inputs, mask } = padSequences(seqs);
    expect(inputs.arraySync()).toEqual([
      [[1, 1], [0, 0], [0, 0]],
      [[2, 2], [3, 3], [4, 4]],
      [[5, 5], [6, 6], [0, 0]],
    ]);
    expect(mask.dtype).toBe('float32');
    expect(mask.arraySync()).toEqual([[1, 0, 0], [1, 1, 1], [1, 1, 0]]);
    const longer = padSequences(seqs, 4);
    expect(longer.inputs.shape).toEqual([3, 4, 2]);
    expect((longer.mask.arraySync() as number[][])[1]).toEqual([1, 1, 1, 0]);
    tf.dispose([inputs, mask, longer.inputs, longer.mask]);
    expect(tf.memory().numTensors).toBe(before);
    expect(() => padSequences(seqs, 2)).toThrow("padSequences: 'length' must be an integer >= the longest sequence (3), got 2.");
    expect(() => padSequences([])).toThrow("padSequences: 'sequences' must be a non-empty array of tensors [T_i, ...], got [].");
    const odd = tf.zeros([2, 3]);
    expect(() => padSequences([seqs[0], odd])).toThrow("padSequences: 'sequences[1]' must be float32 [T, 2] like sequences[0], got float32 [2, 3].");
    tf.dispose([...seqs, odd]);
  });
});

describe('features [B, D]', () => {
  it('mixup mixes feature rows and labels with the plan (no mask needed)', async () => {
    const mixer = (await testZoo({ seed: 8 })).create('mixup', { mode: 'elem', pairing: 'derangement' });
    const x = tf.tensor2d([[1, 2, 3], [4, 5, 6], [7, 8, 9]]);
    const out = mixer.mix({ inputs: x, labels: tf.tensor1d([0, 1, 2], 'int32'), numClasses: 3 });
    const rows = x.arraySync();
    (out.inputs.arraySync() as number[][]).forEach((row, i) => row.forEach((v, k) => {
      expect(v).toBeCloseTo(out.plan.lambda[i] * rows[i][k] + (1 - out.plan.lambda[i]) * rows[out.plan.partner[i]][k], 5);
    }));
    expect(out.plan.partner.every((p, i) => p !== i)).toBe(true);
    tf.dispose([x, out.inputs, out.labels!]);
  });
});
