import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { testZoo } from '../../../../test/helpers/zoo-fixture.js';
import { betaMoments, expectLerp, mean, ramp, variance } from '../helpers.js';

describe('paired-mixup', () => {
  it('defaults to Beta(1.2, 1.2) per sample (MixUp_AUG)', async () => {
    const zoo = await testZoo();
    expect(zoo.describe('paired-mixup').defaults).toMatchObject({ alpha: 1.2, mode: 'elem', pairing: 'random' });
    const m = zoo.create('paired-mixup', { pairing: 'derangement' });
    const draws = Array.from({ length: 300 }, () => m.sample({ batchSize: 16 }).lambda).flat();
    const theory = betaMoments(1.2, 1.2);
    expect(Math.abs(mean(draws) - 0.5)).toBeLessThan(5 * Math.sqrt(theory.variance / draws.length));
    expect(Math.abs(variance(draws) / theory.variance - 1)).toBeLessThan(0.1);
  });

  it('mixes the noisy input and every aligned target with one λ and one permutation', async () => {
    const m = (await testZoo({ seed: 4 })).create('paired-mixup', { pairing: 'derangement' });
    const noisy = ramp([5, 6, 4, 3]);
    const clean = tf.add(ramp([5, 6, 4, 3]), 1);
    const depth = ramp([5, 6, 4, 1]);
    const out = m.mix({ inputs: noisy, targets: { clean, depth } });
    // Not the identity plan: every sample has another partner and keeps strictly less than all of itself.
    out.plan.partner.forEach((p, i) => expect(p, `partner[${i}]`).not.toBe(i));
    out.plan.lambda.forEach((l, i) => expect(l > 0 && l < 1, `lambda[${i}] = ${l}`).toBe(true));
    expectLerp(noisy, out.inputs, out.plan);
    expectLerp(clean, out.targets!.clean, out.plan);
    expectLerp(depth, out.targets!.depth, out.plan);
    // λ recovered from each output on its own (no plan involved) is the same for input and targets.
    const recovered = (x: tf.Tensor, y: tf.Tensor) => {
      const xv = x.dataSync();
      const yv = y.dataSync();
      const per = x.size / x.shape[0];
      return out.plan.partner.map((p, i) => {
        const own = xv[i * per] - xv[p * per];
        return (yv[i * per] - xv[p * per]) / own;
      });
    };
    const lambdaOf = recovered(noisy, out.inputs);
    for (const [name, target] of [['clean', clean], ['depth', depth]] as const) {
      recovered(target, out.targets![name]).forEach((l, i) => expect(Math.abs(l - lambdaOf[i]), `${name}[${i}]`).toBeLessThan(1e-3));
    }
    lambdaOf.forEach((l, i) => expect(Math.abs(l - out.plan.lambda[i]), `inputs[${i}]`).toBeLessThan(1e-3));
    expect(Math.max(...Array.from(tf.abs(tf.sub(out.inputs, noisy)).dataSync()))).toBeGreaterThan(1e-2);
    expect(out.labels).toBeUndefined();
    tf.dispose([noisy, clean, depth, out.inputs, out.targets!.clean, out.targets!.depth]);
  });

  it('applies a hand-written plan exactly: out_i = λ_i x_i + (1 − λ_i) x_partner(i), targets alike', async () => {
    const m = (await testZoo()).create('paired-mixup');
    const noisy = tf.tensor2d([[1, 2], [10, 20], [100, 200]]);
    const clean = tf.tensor2d([[3], [30], [300]]);
    const plan = { strategy: 'paired-mixup', partner: [2, 0, 1], lambda: [0.25, 0.5, 1] };
    const out = m.apply({ inputs: noisy, targets: { clean } }, plan);
    expect(Array.from(out.inputs.dataSync())).toEqual([75.25, 150.5, 5.5, 11, 100, 200]);
    expect(Array.from(out.targets!.clean.dataSync())).toEqual([225.75, 16.5, 300]);
    tf.dispose([noisy, clean, out.inputs, out.targets!.clean]);
  });
});
