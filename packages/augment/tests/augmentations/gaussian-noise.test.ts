import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { createRng } from '@mixzoo/core';
import { BACKENDS, createAugmenter, expectClose, expectMixzooError, guardInputs, image } from '../helpers.js';
import { viaJson } from '../../../../test/helpers/json.js';

describe.each(BACKENDS)('gaussian-noise on %s', (backend) => {
  beforeAll(async () => {
    expect(await tf.setBackend(backend)).toBe(true);
  });

  it('adds σ·N(0, 1) regenerated from each sample’s seed (mixzoo rng), clipped; unselected samples exact', () => {
    const shape = [5, 3, 4, 2];
    const { data, x } = image(shape, 71);
    const guard = guardInputs(x);
    const out = createAugmenter([{ name: 'gaussian-noise', options: { sigma: 0.2, prob: 0.6 } }], { seed: 4 }).augment({ inputs: x });
    const params = out.plans[0].params as ({ seed: number } | null)[];
    expect(params.some((p) => p === null) && params.some((p) => p !== null)).toBe(true);
    const per = 24;
    const expected = Array.from(data);
    params.forEach((p, i) => {
      if (p === null) return;
      const rng = createRng(p.seed);
      for (let e = 0; e < per; e++) expected[i * per + e] = Math.min(1, Math.max(0, data[i * per + e] + 0.2 * rng.normal()));
    });
    expectClose(out.inputs.dataSync(), expected, 1e-6);
    guard.unchanged();
    tf.dispose([x, out.inputs]);
  });
});

describe('gaussian-noise statistics and options', () => {
  it('the noise has mean 0 and standard deviation σ·(high − low), per value', () => {
    const x = tf.fill([4, 32, 32, 3], 128);
    const out = createAugmenter([{ name: 'gaussian-noise', options: { sigma: 0.05, clip: false, valueRange: [0, 255] } }], { seed: 8 }).augment({ inputs: x });
    const diff = Array.from(out.inputs.dataSync(), (v) => v - 128);
    const n = diff.length;
    const mean = diff.reduce((s, v) => s + v, 0) / n;
    const sd = Math.sqrt(diff.reduce((s, v) => s + (v - mean) ** 2, 0) / (n - 1));
    expect(Math.abs(mean)).toBeLessThan(5 * (12.75 / Math.sqrt(n)));
    expect(Math.abs(sd / 12.75 - 1)).toBeLessThan(0.03);
    const samples = [0, 1, 2, 3].map((i) => diff.slice(i * 3072, i * 3072 + 10).join());
    expect(new Set(samples).size).toBe(4);
    tf.dispose([x, out.inputs]);
  });

  it('plans hold one integer seed per sample and replay exactly', () => {
    const { x } = image([3, 8, 8, 3], 72);
    const aug = createAugmenter(['gaussian-noise'], { seed: 1 });
    const out = aug.augment({ inputs: x });
    const plans = viaJson(out.plans);
    expect(JSON.stringify(plans).length).toBeLessThan(200);
    const again = aug.apply({ inputs: x }, plans);
    expect(Array.from(again.inputs.dataSync())).toEqual(Array.from(out.inputs.dataSync()));
    tf.dispose([x, out.inputs, again.inputs]);
  });

  it('rejects negative sigma and bad replayed seeds', () => {
    expectMixzooError(() => createAugmenter([{ name: 'gaussian-noise', options: { sigma: -1 } }]), 'E_OPTION', "gaussian-noise: option 'sigma' must be >= 0, got -1.");
    const x = tf.zeros([1, 2, 2, 1]);
    expectMixzooError(() => createAugmenter(['gaussian-noise']).apply({ inputs: x }, [{ augmentation: 'gaussian-noise', height: 2, width: 2, params: [{ seed: -3 }] }]),
      'E_PLAN', /^gaussian-noise: plan 'params\[0\]\.seed' is invalid \(.*\), got -3\.$/);
    x.dispose();
  });
});
