import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { testZoo } from '../../../core/tests/zoo-fixture.js';
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
    const m = (await testZoo({ seed: 4 })).create('paired-mixup');
    const noisy = ramp([5, 6, 4, 3]);
    const clean = tf.add(ramp([5, 6, 4, 3]), 1);
    const depth = ramp([5, 6, 4, 1]);
    const out = m.mix({ inputs: noisy, targets: { clean, depth } });
    expectLerp(noisy, out.inputs, out.plan);
    expectLerp(clean, out.targets!.clean, out.plan);
    expectLerp(depth, out.targets!.depth, out.plan);
    expect(out.labels).toBeUndefined();
    tf.dispose([noisy, clean, depth, out.inputs, out.targets!.clean, out.targets!.depth]);
  });
});
