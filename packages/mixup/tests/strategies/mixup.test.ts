import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { testZoo } from '../../../core/tests/zoo-fixture.js';
import { betaMoments, expectLerp, mean, ramp, variance } from '../helpers.js';

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
