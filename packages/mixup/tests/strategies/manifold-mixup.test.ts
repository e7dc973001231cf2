import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { testZoo } from '../../../../test/helpers/zoo-fixture.js';
import { betaMoments, expectLerp, mean, ramp, variance } from '../helpers.js';
import { mixzooErrorOf } from '../../../../test/helpers/tensors.js';
import { viaJson } from '../../../../test/helpers/json.js';

const codeOf = (fn: () => unknown): string => mixzooErrorOf(fn).code;

describe('manifold-mixup (strategy)', () => {
  it('defaults to the reference: α = 2, one λ per batch, a random permutation, depths of the attached layers', async () => {
    const zoo = await testZoo();
    const d = zoo.describe('manifold-mixup');
    expect(d.defaults).toEqual({ alpha: 2, mode: 'batch', pairing: 'random', prob: 1, labelSmoothing: 0 });
    expect(d.paper).toContain('ICML 2019');
    expect(d.schema).toMatchObject({ properties: { layers: { type: 'array', items: { type: 'integer', minimum: 0 } } } });
    const plan = zoo.create('manifold-mixup').sample({ batchSize: 8 });
    // one λ for the batch (samples the permutation left in place are unmixed: λ = 1)
    const mixed = plan.lambda.filter((_, i) => plan.partner[i] !== i);
    expect(mixed.length).toBeGreaterThan(4);
    expect(new Set(mixed).size).toBe(1);
    expect(mixed[0]).toBeLessThan(1);
    expect(plan.extra).toEqual({ layer: 0 }); // nothing attached, no 'layers': the input
  });

  it('draws λ ~ Beta(2, 2)', async () => {
    const m = (await testZoo({ seed: 5 })).create('manifold-mixup', { mode: 'elem', pairing: 'derangement' });
    const draws = Array.from({ length: 250 }, () => m.sample({ batchSize: 16 }).lambda).flat();
    const theory = betaMoments(2, 2);
    expect(Math.abs(mean(draws) - theory.mean)).toBeLessThan(5 * Math.sqrt(theory.variance / draws.length));
    expect(Math.abs(variance(draws) / theory.variance - 1)).toBeLessThan(0.1);
    // Beta(1, 1) would have variance 1/12: twice Beta(2, 2)'s 1/20
    expect(variance(draws)).toBeLessThan(0.06);
  });

  it('draws the depth uniformly among option layers, from its own stream (λ and partners unchanged)', async () => {
    const zoo = await testZoo({ seed: 3 });
    const three = zoo.create('manifold-mixup', { layers: [0, 2, 5], mode: 'elem' });
    const one = zoo.create('manifold-mixup', { layers: [4], mode: 'elem' });
    const n = 3000;
    const counts = new Map<number, number>();
    for (let k = 0; k < n; k++) {
      const a = three.sample({ batchSize: 4 });
      const b = one.sample({ batchSize: 4 });
      expect(b.extra!.layer).toBe(4);
      if (k < 20) expect([a.partner, a.lambda]).toEqual([b.partner, b.lambda]);
      counts.set(a.extra!.layer as number, (counts.get(a.extra!.layer as number) ?? 0) + 1);
    }
    expect([...counts.keys()].sort()).toEqual([0, 2, 5]);
    for (const c of counts.values()) expect(Math.abs(c / n - 1 / 3)).toBeLessThan(5 * Math.sqrt((1 / 3) * (2 / 3) / n));
  });

  it('as a plain mixer it mixes the tensors it is given (inputs, features, labels) like mixup, and replays from JSON', async () => {
    const m = (await testZoo({ seed: 2 })).create('manifold-mixup', { mode: 'elem' });
    for (const shape of [[6, 5], [6, 4, 3], [6, 5, 4, 3]]) {
      const x = ramp(shape);
      const y = tf.tensor1d([0, 1, 2, 0, 1, 2], 'int32');
      const out = m.mix({ inputs: x, labels: y, numClasses: 3 });
      expectLerp(x, out.inputs, out.plan);
      expect(out.plan.lambda.some((l) => l > 0.05 && l < 0.95)).toBe(true);
      const rows = out.labels!.arraySync() as number[][];
      out.plan.partner.forEach((p, i) => {
        const expected = [0, 0, 0];
        expected[i % 3] += out.plan.lambda[i];
        expected[p % 3] += 1 - out.plan.lambda[i];
        rows[i].forEach((v, c) => expect(v).toBeCloseTo(expected[c], 6));
      });
      const again = m.apply({ inputs: x, labels: y, numClasses: 3 }, viaJson(out.plan));
      expect(Array.from(again.inputs.dataSync())).toEqual(Array.from(out.inputs.dataSync()));
      tf.dispose([x, y, out.inputs, out.labels!, again.inputs, again.labels!]);
    }
  });

  it('alpha 0 is off and prob applies once per batch', async () => {
    const zoo = await testZoo({ seed: 4 });
    expect(zoo.create('manifold-mixup', { alpha: 0 }).sample({ batchSize: 3 })).toMatchObject({ partner: [0, 1, 2], lambda: [1, 1, 1] });
    const m = zoo.create('manifold-mixup', { prob: 0.3, pairing: 'derangement' });
    const runs = 1500;
    const mixed = Array.from({ length: runs }, () => m.sample({ batchSize: 4 }).lambda[0] < 1).filter(Boolean).length;
    expect(Math.abs(mixed / runs - 0.3)).toBeLessThan(5 * Math.sqrt(0.21 / runs));
  });

  it('refuses bad options at creation', async () => {
    const zoo = await testZoo();
    expect(() => zoo.create('manifold-mixup', { layers: [1, 1] })).toThrow("manifold-mixup: option 'layers' must list each depth once, got [1, 1].");
    expect(() => zoo.create('manifold-mixup', { layers: [-1] })).toThrow("manifold-mixup: option 'layers.0' must be >= 0, got -1.");
    expect(() => zoo.create('manifold-mixup', { layers: [] })).toThrow("manifold-mixup: option 'layers' must be >= 1 items, got [].");
    expect(codeOf(() => zoo.create('manifold-mixup', { alpha: -2 }))).toBe('E_OPTION');
    expect(codeOf(() => zoo.create('manifold-mixup', { k: 3 }))).toBe('E_OPTION');
  });
});
