import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import type { AugmentPlan } from '@mixzoo/augment';
import { BACKENDS, createAugmenter, expectClose, expectMixzooError, guardInputs, image } from '../helpers.js';
import { chainsOf, expectUniformOps, opContext, opStats, refChains } from './chain-reference.js';


describe('randaugment draws (torchvision v2 RandAugment)', () => {
  const aug = createAugmenter(['randaugment'], { seed: 4 });
  const chains = Array.from({ length: 200 }, () => chainsOf(aug.sample({ batchSize: 10, height: 20, width: 28, channels: 3 })[0])).flat();
  const { counts, values } = opStats(chains);

  it('two ops per sample, each uniform over the 14 (with replacement)', () => {
    expect(chains.every((c) => c?.length === 2)).toBe(true);
    expectUniformOps(counts, 4000); // each count ~ Binomial(4000, 1/14)
  });

  it('magnitude 9 of 31 bins is 30 % of each maximum; signed ops take either sign', () => {
    const sorted = (op: string) => [...(values.get(op) ?? [])].sort((a, b) => a - b);
    const close = (op: string, expected: number[]) => {
      const got = sorted(op);
      expect(got.length, op).toBe(expected.length);
      got.forEach((v, k) => expect(v, op).toBeCloseTo(expected[k], 12));
    };
    close('rotate', [-9, 9]);
    close('shear-x', [-0.09, 0.09]);
    close('shear-y', [-0.09, 0.09]);
    // 0.3 · 150/331 · 28 = 3.81 → 3 px; · 20 = 2.72 → 2 px (int() toward zero).
    expect(sorted('translate-x')).toEqual([-3, 3]);
    expect(sorted('translate-y')).toEqual([-2, 2]);
    for (const op of ['brightness', 'color', 'contrast', 'sharpness']) close(op, [0.73, 1.27]);
    expect(sorted('posterize')).toEqual([7]);
    close('solarize', [0.7]);
    for (const op of ['identity', 'autocontrast', 'equalize']) expect(sorted(op)).toEqual([0]);
    const rotations = chains.flat().filter((s) => s?.op === 'rotate').map((s) => s!.value);
    const negative = rotations.filter((v) => v < 0).length / rotations.length;
    expect(Math.abs(negative - 0.5)).toBeLessThan(5 * Math.sqrt(0.25 / rotations.length));
  });

  it('other magnitudes and bins: magnitude 30 of 31 is each maximum, 0 is none', () => {
    const top = opStats(chainsOf(createAugmenter([{ name: 'randaugment', options: { magnitude: 30, numOps: 40 } }], { seed: 1 }).sample({ batchSize: 8, height: 32, width: 32, channels: 1 })[0])).values;
    expect([...top.get('rotate')!].map(Math.abs)).toEqual(expect.arrayContaining([30]));
    expect([...top.get('posterize')!]).toEqual([4]);
    expect([...top.get('translate-x')!].map(Math.abs)).toEqual(expect.arrayContaining([14])); // 150/331 · 32 = 14.5
    const none = opStats(chainsOf(createAugmenter([{ name: 'randaugment', options: { magnitude: 0, numOps: 40 } }], { seed: 1 }).sample({ batchSize: 8, height: 32, width: 32, channels: 1 })[0])).values;
    expect([...none.get('rotate')!]).toEqual([0]);
    expect([...none.get('solarize')!]).toEqual([1]);
    expect([...none.get('posterize')!]).toEqual([8]);
  });

  it('is deterministic per seed and replays from JSON', () => {
    const shape = { batchSize: 6, height: 8, width: 8, channels: 3 };
    const a = createAugmenter(['randaugment'], { seed: 11 }).sample(shape);
    expect(createAugmenter(['randaugment'], { seed: 11 }).sample(shape)).toEqual(a);
    expect(createAugmenter(['randaugment'], { seed: 12 }).sample(shape)).not.toEqual(a);
    expect(JSON.parse(JSON.stringify(a))).toEqual(a);
  });
});

describe.each(BACKENDS)('randaugment on %s', (backend) => {
  beforeAll(async () => {
    expect(await tf.setBackend(backend)).toBe(true);
  });

  it('a hand-written plan: fill enters with the shift and later ops act on it; enhance factors; null samples untouched', () => {
    const x = tf.tensor4d([0.1, 0.2, 0.6, 0.3, 0.7, 0.9, 0.1, 0.2, 0.6, 0.3, 0.7, 0.9, 0.1, 0.2, 0.6, 0.3, 0.7, 0.9], [3, 2, 3, 1]);
    const aug = createAugmenter([{ name: 'randaugment', options: { fill: 0.8 } }]);
    const plan: AugmentPlan = {
      augmentation: 'randaugment', height: 2, width: 3,
      params: [
        { ops: [{ op: 'translate-x', value: 1 }, { op: 'solarize', value: 0.5 }] },
        { ops: [{ op: 'identity', value: 0 }, { op: 'brightness', value: 1.5 }] },
        null,
      ],
    };
    const out = aug.apply({ inputs: x }, [plan]);
    // Sample 0: [0.8, 0.1, 0.2; 0.8, 0.3, 0.7], then x ≥ 0.5 → 1 − x. Sample 1: 1.5x clamped.
    expectClose(out.inputs.dataSync(), [0.2, 0.1, 0.2, 0.2, 0.3, 0.3, 0.15, 0.3, 0.9, 0.45, 1, 1, 0.1, 0.2, 0.6, 0.3, 0.7, 0.9]);
    tf.dispose([x, out.inputs]);
  });

  it('drawn plans equal each sample run through its ops one by one; inputs kept, no leaks; replay is bit-identical', () => {
    const shape = [12, 9, 10, 3];
    const { x } = image(shape, 31);
    const guard = guardInputs(x);
    const before = tf.memory().numTensors;
    const aug = createAugmenter([{ name: 'randaugment', options: { numOps: 3, magnitude: 20, prob: 0.8 } }], { seed: 6 });
    const out = aug.augment({ inputs: x });
    const chains = chainsOf(out.plans[0]);
    expect(chains.some((c) => c === null)).toBe(true);
    const expected = refChains(x, chains, opContext(9, 10));
    expectClose(out.inputs.dataSync(), expected.dataSync(), 1e-6);
    const again = aug.apply({ inputs: x }, JSON.parse(JSON.stringify(out.plans)) as AugmentPlan[]);
    expect(Array.from(again.inputs.dataSync())).toEqual(Array.from(out.inputs.dataSync()));
    tf.dispose([out.inputs, again.inputs, expected]);
    expect(tf.memory().numTensors).toBe(before);
    guard.unchanged();
    x.dispose();
  });

  it('a plan where every sample has the same ops runs them on the whole batch: the same pixels as one by one', () => {
    const shape = [5, 6, 7, 3];
    const { x } = image(shape, 36);
    const ops = [{ op: 'rotate', value: -21 }, { op: 'sharpness', value: 1.54 }] as const;
    const chains = Array.from({ length: 5 }, () => ops);
    const plan: AugmentPlan = { augmentation: 'randaugment', height: 6, width: 7, params: chains.map((c) => ({ ops: [...c] })) };
    const out = createAugmenter(['randaugment']).apply({ inputs: x }, [plan]);
    const expected = refChains(x, chains, opContext(6, 7));
    expectClose(out.inputs.dataSync(), expected.dataSync(), 1e-6);
    tf.dispose([x, out.inputs, expected]);
  });

  it('byte-scale values: the same result in [0, 255] units (fill in those units)', () => {
    const { x } = image([8, 6, 6, 1], 32);
    const bytes = tf.mul(x, 255);
    const unit = createAugmenter([{ name: 'randaugment', options: { fill: 0.4, magnitude: 15 } }], { seed: 3 }).augment({ inputs: x });
    const scaled = createAugmenter([{ name: 'randaugment', options: { fill: 102, magnitude: 15, valueRange: [0, 255] } }], { seed: 3 }).augment({ inputs: bytes });
    expect(scaled.plans).toEqual(unit.plans);
    expectClose(scaled.inputs.dataSync(), Array.from(unit.inputs.dataSync(), (v) => v * 255), 2e-3);
    tf.dispose([x, bytes, unit.inputs, scaled.inputs]);
  });

  it('aligned targets follow the geometric ops only (int32 class maps stay int32, nearest)', () => {
    const { x } = image([10, 8, 8, 3], 33);
    const seg = image([10, 8, 8, 1], 34, 'int32', 5);
    const out = createAugmenter([{ name: 'randaugment', options: { magnitude: 25, interpolation: 'bilinear' } }], { seed: 8 }).augment({ inputs: x, targets: { seg: seg.x } });
    const chains = chainsOf(out.plans[0]);
    expect(chains.some((c) => c!.some((s) => s.op === 'rotate' || s.op.startsWith('shear')))).toBe(true);
    const expected = refChains(seg.x, chains, opContext(8, 8, 0, 'nearest', 'seg'), false);
    expect(out.targets!.seg.dtype).toBe('int32');
    expect(Array.from(out.targets!.seg.dataSync())).toEqual(Array.from(expected.dataSync()));
    tf.dispose([x, seg.x, out.inputs, out.targets!.seg, expected]);
  });

  it('one channel: color is a no-op (torchvision returns gray images as they are)', () => {
    const { data, x } = image([2, 5, 5, 1], 35);
    const plan: AugmentPlan = { augmentation: 'randaugment', height: 5, width: 5, params: [{ ops: [{ op: 'color', value: 1.27 }, { op: 'color', value: 0.73 }] }, null] };
    const out = createAugmenter(['randaugment']).apply({ inputs: x }, [plan]);
    expect(Array.from(out.inputs.dataSync())).toEqual(Array.from(data));
    tf.dispose([x, out.inputs]);
  });
});

describe('randaugment options and plans', () => {
  it('rejects bad options, channel counts and plans', () => {
    expectMixzooError(() => createAugmenter([{ name: 'randaugment', options: { magnitude: 31 } }]), 'E_OPTION',
      "randaugment: option 'magnitude' must be a bin below 'bins' (31), got 31.");
    expectMixzooError(() => createAugmenter(['randaugment']).sample({ batchSize: 1, height: 4, width: 4, channels: 2 }), 'E_SHAPE',
      'randaugment: images must have 1 (gray) or 3 (RGB) channels, got 2.');
    const x = tf.zeros([1, 4, 4, 1]);
    const aug = createAugmenter(['randaugment']);
    const plan = (ops: unknown) => [{ augmentation: 'randaugment', height: 4, width: 4, params: [{ ops }] }];
    expectMixzooError(() => aug.apply({ inputs: x }, plan([{ op: 'rotate', value: 45 }, { op: 'identity', value: 0 }])), 'E_PLAN',
      "randaugment: plan 'params[0].ops[0].value' is invalid ('rotate' takes a number in [-30, 30]), got 45.");
    expectMixzooError(() => aug.apply({ inputs: x }, plan([{ op: 'posterize', value: 6.5 }, { op: 'identity', value: 0 }])), 'E_PLAN',
      /^randaugment: plan 'params\[0\]\.ops\[0\]\.value' is invalid \('posterize' takes an integer in \[4, 8\]\), got 6\.5\.$/);
    expectMixzooError(() => aug.apply({ inputs: x }, plan([{ op: 'invert', value: 0 }, { op: 'identity', value: 0 }])), 'E_PLAN',
      /^randaugment: plan 'params\[0\]\.ops\[0\]\.op' is invalid/);
    expectMixzooError(() => aug.apply({ inputs: x }, plan([{ op: 'identity', value: 0 }])), 'E_PLAN', /^randaugment: plan 'params\[0\]\.ops' is invalid/);
    x.dispose();
  });
});
