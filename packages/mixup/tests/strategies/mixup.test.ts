import * as tf from '@tensorflow/tfjs-core';
import { PLAN_VERSION } from '@mixzoo/core';
import { describe, expect, it } from 'vitest';
import { testZoo } from '../../../../test/helpers/zoo-fixture.js';
import { betaMoments, expectLerp, mean, ramp, variance } from '../helpers.js';
import { viaJson } from '../../../../test/helpers/json.js';

describe('mixup', () => {
  it.each([[[6, 5]], [[6, 4, 3]], [[6, 5, 4, 3]]])('mixes inputs of shape %j and labels by the plan', async (shape) => {
    const zoo = await testZoo({ seed: 3 });
    const m = zoo.create('mixup', { mode: 'elem' });
    const x = ramp(shape);
    const y = tf.tensor1d([0, 1, 2, 0, 1, 2], 'int32');
    const out = m.mix({ inputs: x, labels: y, numClasses: 3 });
    expectLerp(x, out.inputs, out.plan);
    const yv = y.dataSync();
    const lv = out.labels!.dataSync();
    out.plan.partner.forEach((p, i) => {
      const expected = [0, 0, 0];
      expected[yv[i]] += out.plan.lambda[i];
      expected[yv[p]] += 1 - out.plan.lambda[i];
      expected.forEach((e, c) => expect(lv[i * 3 + c]).toBeCloseTo(e, 6));
    });
    tf.dispose([x, y, out.inputs, out.labels!]);
  });

  it('batch mode draws one λ for the batch, elem mode one per sample, pair mode one per symmetric pair', async () => {
    const zoo = await testZoo({ seed: 1 });
    const batch = zoo.create('mixup', { pairing: 'derangement' }).sample({ batchSize: 8 });
    expect(new Set(batch.lambda).size).toBe(1);
    const elem = zoo.create('mixup', { mode: 'elem', pairing: 'derangement' }).sample({ batchSize: 8 });
    expect(new Set(elem.lambda).size).toBe(8);
    const pair = zoo.create('mixup', { mode: 'pair' }).sample({ batchSize: 8 });
    pair.partner.forEach((p, i) => {
      expect(pair.partner[p]).toBe(i);
      expect(pair.lambda[p]).toBe(pair.lambda[i]);
    });
    expect(new Set(pair.lambda).size).toBe(4);
  });

  it.each([
    [1, 1],
    [0.2, 0.2],
    [2, 2],
  ])('draws λ ~ Beta(%d, %d)', async (alpha) => {
    const m = (await testZoo({ seed: 7 })).create('mixup', { alpha, mode: 'elem', pairing: 'derangement' });
    const draws = Array.from({ length: 250 }, () => m.sample({ batchSize: 16 }).lambda).flat();
    const theory = betaMoments(alpha, alpha);
    const n = draws.length;
    expect(Math.abs(mean(draws) - theory.mean)).toBeLessThan(5 * Math.sqrt(theory.variance / n));
    // relative error of a sample variance is ~ sqrt(2/n)·(kurtosis factor); 10% fails a wrong α
    expect(Math.abs(variance(draws) / theory.variance - 1)).toBeLessThan(0.1);
  });

  it('alpha 0 is off: the identity plan', async () => {
    const plan = (await testZoo()).create('mixup', { alpha: 0, mode: 'elem' }).sample({ batchSize: 5 });
    expect(plan).toMatchObject({ partner: [0, 1, 2, 3, 4], lambda: [1, 1, 1, 1, 1] });
  });

  it('applies prob once per batch (batch mode)', async () => {
    const m = (await testZoo({ seed: 2 })).create('mixup', { prob: 0.4, pairing: 'derangement' });
    const runs = 1500;
    let mixed = 0;
    for (let k = 0; k < runs; k++) {
      const plan = m.sample({ batchSize: 6 });
      const active = plan.partner.map((p, i) => p !== i);
      expect(new Set(active).size).toBe(1);
      if (active[0]) mixed++;
      else expect(plan.lambda).toEqual([1, 1, 1, 1, 1, 1]);
    }
    expect(Math.abs(mixed / runs - 0.4)).toBeLessThan(5 * Math.sqrt(0.24 / runs));
  });

  it('passes the pairing through', async () => {
    const zoo = await testZoo();
    expect(zoo.create('mixup', { pairing: 'flip' }).sample({ batchSize: 4 }).partner).toEqual([3, 2, 1, 0]);
    expect(zoo.create('mixup', { pairing: 'roll' }).sample({ batchSize: 4 }).partner).toEqual([3, 0, 1, 2]);
  });

  it('mixes soft labels and smooths one-hot ones', async () => {
    const m = (await testZoo()).create('mixup', { labelSmoothing: 0.1 });
    const x = tf.zeros([2, 2]);
    const y = tf.tensor2d([[1, 0], [0, 1]]);
    const out = m.apply({ inputs: x, labels: y }, { strategy: 'mixup', partner: [1, 0], lambda: [0.6, 0.6] });
    // smoothed rows: [0.95, 0.05] and [0.05, 0.95]
    const v = out.labels!.dataSync();
    expect(v[0]).toBeCloseTo(0.6 * 0.95 + 0.4 * 0.05, 6);
    expect(v[1]).toBeCloseTo(0.6 * 0.05 + 0.4 * 0.95, 6);
    tf.dispose([x, y, out.inputs, out.labels!]);
  });
});

describe('mixup k (k-way)', () => {
  // Plans recorded before 'k' existed (seed 11, batches of 6 then 5): k = 2 must reproduce them bit for bit.
  const recorded: [Record<string, unknown>, { partner: number[]; lambda: number[] }[]][] = [
    [{}, [{ partner: [4, 5, 2, 1, 0, 3], lambda: [0.5006816949698001, 0.5006816949698001, 1, 0.5006816949698001, 0.5006816949698001, 0.5006816949698001] }, { partner: [3, 1, 2, 0, 4], lambda: [0.01164150410151546, 1, 1, 0.01164150410151546, 1] }]],
    [{ mode: 'elem' }, [{ partner: [4, 5, 2, 1, 0, 3], lambda: [0.5006816949698001, 0.01164150410151546, 1, 0.7829546190231967, 0.25418006000415594, 0.24872971827089296] }, { partner: [3, 1, 2, 0, 4], lambda: [0.3162246787042672, 1, 1, 0.9985583575304473, 1] }]],
    [{ mode: 'pair', alpha: 0.4 }, [{ partner: [3, 2, 1, 0, 5, 4], lambda: [0.8293682559462617, 0.6250199403319341, 0.6250199403319341, 0.8293682559462617, 0.004018663753613647, 0.004018663753613647] }, { partner: [2, 3, 0, 1, 4], lambda: [0.9990681451733353, 0.15273763054717557, 0.9990681451733353, 0.15273763054717557, 1] }]],
    [{ mode: 'elem', prob: 0.5, pairing: 'derangement' }, [{ partner: [3, 5, 0, 2, 4, 5], lambda: [0.5006816949698001, 0.01164150410151546, 0.16413187395254356, 0.7829546190231967, 1, 1] }, { partner: [1, 1, 2, 4, 2], lambda: [0.3162246787042672, 1, 1, 0.9985583575304473, 0.6728045865352366] }]],
  ];

  it.each(recorded)('k = 2 (default and explicit) reproduces the plans of before, options %j', async (options, plans) => {
    for (const k of [undefined, 2]) {
      const m = (await testZoo({ seed: 11 })).create('mixup', k === undefined ? options : { ...options, k });
      const got = [m.sample({ batchSize: 6 }), m.sample({ batchSize: 5 })];
      expect(got).toEqual(plans.map((p) => ({ strategy: 'mixup', version: PLAN_VERSION, ...p })));
    }
  });

  it('k = 3 (elem): rows [i, p1, p2] from independent permutations, Dirichlet weights, summaries, pixels and labels', async () => {
    const m = (await testZoo({ seed: 4 })).create('mixup', { k: 3, mode: 'elem' });
    const x = ramp([6, 3, 2, 2]);
    const y = tf.tensor1d([0, 1, 2, 3, 0, 1], 'int32');
    const guard = Array.from(x.dataSync());
    const out = m.mix({ inputs: x, labels: y, numClasses: 4 });
    const { partners, weights, partner, lambda } = out.plan;
    expect(partners).toHaveLength(6);
    for (const j of [1, 2]) expect(partners!.map((row) => row[j]).sort()).toEqual([0, 1, 2, 3, 4, 5]);
    expect(partners!.map((row) => row[1])).not.toEqual(partners!.map((row) => row[2]));
    partners!.forEach((row, i) => {
      expect(row).toHaveLength(3);
      expect(row[0]).toBe(i);
      expect(weights![i].reduce((s, w) => s + w, 0)).toBeCloseTo(1, 12);
      const own = row.reduce((s, p, k) => (p === i ? s + weights![i][k] : s), 0);
      expect(lambda[i]).toBeCloseTo(own, 12);
      const others = new Map<number, number>();
      row.forEach((p, k) => p !== i && others.set(p, (others.get(p) ?? 0) + weights![i][k]));
      expect(others.get(partner[i]) ?? 0).toBe(Math.max(0, ...others.values()));
    });
    expect(new Set(weights!.map((w) => w[0])).size).toBe(6);
    // pixels: out_i = Σ_k w_ik x[p_ik], element by element
    const xv = x.dataSync();
    const ov = out.inputs.dataSync();
    const per = 12;
    for (let i = 0; i < 6; i++) {
      for (let e = 0; e < per; e++) {
        const want = partners![i].reduce((s, p, k) => s + weights![i][k] * xv[p * per + e], 0);
        expect(Math.abs(ov[i * per + e] - want)).toBeLessThan(1e-5);
      }
    }
    // labels: Σ_k w_ik onehot(y[p_ik])
    const yv = y.dataSync();
    const lv = out.labels!.dataSync();
    for (let i = 0; i < 6; i++) {
      const want = [0, 0, 0, 0];
      partners![i].forEach((p, k) => (want[yv[p]] += weights![i][k]));
      want.forEach((v, c) => expect(lv[i * 4 + c]).toBeCloseTo(v, 6));
    }
    expect(Array.from(x.dataSync())).toEqual(guard);
    tf.dispose([x, y, out.inputs, out.labels!]);
  });

  it.each([
    [3, 1],
    [4, 0.5],
  ])('k = %i: weights ~ Dirichlet(α = %d): component mean 1/k and variance (k−1)/(k²(kα+1))', async (k, alpha) => {
    const m = (await testZoo({ seed: 9 })).create('mixup', { k, alpha, mode: 'elem', pairing: 'derangement' });
    const draws: number[][] = Array.from({ length: k }, () => []);
    for (let r = 0; r < 200; r++) m.sample({ batchSize: 16 }).weights!.forEach((w) => w.forEach((v, j) => draws[j].push(v)));
    const theory = { mean: 1 / k, variance: (k - 1) / (k * k * (k * alpha + 1)) };
    const n = draws[0].length;
    for (const column of draws) {
      expect(Math.abs(mean(column) - theory.mean)).toBeLessThan(5 * Math.sqrt(theory.variance / n));
      expect(Math.abs(variance(column) / theory.variance - 1)).toBeLessThan(0.1);
    }
  });

  it('batch mode shares one weight row; derangements never pick the sample itself; prob leaves rows [i] with weight [1]', async () => {
    const zoo = await testZoo({ seed: 5 });
    const batch = zoo.create('mixup', { k: 4, pairing: 'derangement' }).sample({ batchSize: 7 });
    expect(new Set(batch.weights!.map((w) => w.join())).size).toBe(1);
    batch.partners!.forEach((row, i) => row.slice(1).forEach((p) => expect(p).not.toBe(i)));
    expect(batch.lambda.every((l, i) => l === batch.weights![i][0])).toBe(true);
    const m = zoo.create('mixup', { k: 3, mode: 'elem', prob: 0.5 });
    let unmixed = 0;
    let total = 0;
    for (let r = 0; r < 200; r++) {
      const plan = m.sample({ batchSize: 10 });
      plan.partners!.forEach((row, i) => {
        total++;
        if (row.length === 1) {
          unmixed++;
          expect(row).toEqual([i]);
          expect(plan.weights![i]).toEqual([1]);
          expect([plan.partner[i], plan.lambda[i]]).toEqual([i, 1]);
        } else expect(row).toHaveLength(3);
      });
    }
    expect(Math.abs(unmixed / total - 0.5)).toBeLessThan(5 * Math.sqrt(0.25 / total));
  });

  it('alpha 0 and B = 1 are the identity; replaying the JSON plan gives the same pixels', async () => {
    const zoo = await testZoo({ seed: 2 });
    expect(zoo.create('mixup', { k: 3, alpha: 0, mode: 'elem' }).sample({ batchSize: 3 })).toMatchObject({
      partner: [0, 1, 2], lambda: [1, 1, 1], partners: [[0], [1], [2]], weights: [[1], [1], [1]],
    });
    expect(zoo.create('mixup', { k: 3 }).sample({ batchSize: 1 })).toMatchObject({ partners: [[0]], weights: [[1]] });
    const m = zoo.create('mixup', { k: 3, mode: 'elem' });
    const x = ramp([4, 5]);
    const out = m.mix({ inputs: x });
    const again = m.apply({ inputs: x }, viaJson(out.plan));
    expect(Array.from(again.inputs.dataSync())).toEqual(Array.from(out.inputs.dataSync()));
    tf.dispose([x, out.inputs, again.inputs]);
  });

  it('mixes float targets with the same k-way plan and refuses int32 class maps (E_TARGET), leaking nothing', async () => {
    const m = (await testZoo({ seed: 3 })).create('mixup', { k: 3, mode: 'elem', pairing: 'derangement' });
    const x = ramp([4, 2, 2, 1]);
    const t = ramp([4, 2, 2, 3]);
    const out = m.mix({ inputs: x, targets: { t } });
    const tv = t.dataSync();
    const ov = out.targets!.t.dataSync();
    out.plan.partners!.forEach((row, i) => {
      for (let e = 0; e < 12; e++) {
        expect(Math.abs(ov[i * 12 + e] - row.reduce((s, p, k) => s + out.plan.weights![i][k] * tv[p * 12 + e], 0))).toBeLessThan(1e-5);
      }
    });
    tf.dispose([out.inputs, out.targets!.t]);
    const seg = tf.zeros([4, 2, 2, 1], 'int32');
    const before = tf.memory().numTensors;
    expect(() => m.mix({ inputs: x, targets: { seg } })).toThrow(
      expect.objectContaining({ code: 'E_TARGET', message: 'mixup: an int32 tensor (class map) cannot be blended by a k-way plan; pass float one-hot maps instead.' }),
    );
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose([x, t, seg]);
  });

  it.each([
    [{ k: 1 }, /^mixup: option 'k' must be >= 2, got 1\.$/],
    [{ k: 2.5 }, /^mixup: option 'k' must be an integer, got 2\.5\.$/],
    [{ k: 3, mode: 'pair' }, /^mixup: option 'mode' 'pair' \(symmetric pairs\) needs k = 2, got k = 3; use 'batch' or 'elem'\.$/],
    [{ k: 3, pairing: 'flip' }, /^mixup: option 'pairing' must be 'random' or 'derangement' for k > 2 \(k - 1 independent draws\), got 'flip'\.$/],
  ])('rejects %j with E_OPTION', async (options, message) => {
    const zoo = await testZoo();
    expect(() => zoo.create('mixup', options)).toThrow(expect.objectContaining({ code: 'E_OPTION', message: expect.stringMatching(message) }));
  });

  it('k > 2 cannot sample for a partner batch (cross-dataset)', async () => {
    const m = (await testZoo()).create('mixup', { k: 3 });
    expect(() => m.sample({ batchSize: 4, partnerBatchSize: 6 })).toThrow(
      expect.objectContaining({ code: 'E_OPTION', message: "mixup: option 'k' must be 2 to mix with a partner batch (cross-dataset), got 3." }),
    );
  });
});
