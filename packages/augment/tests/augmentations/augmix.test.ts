import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import type { AugmentPlan } from '@mixzoo/augment';
import { BACKENDS, createAugmenter, expectClose, expectMixzooError, guardInputs, image } from '../helpers.js';
import { opContext, opStats, refChains, type Chain } from './chain-reference.js';

interface Params {
  weights: number[];
  m: number;
  chains: NonNullable<Chain>[];
}

const moments = (v: number[]) => {
  const mean = v.reduce((s, x) => s + x, 0) / v.length;
  return { mean, variance: v.reduce((s, x) => s + (x - mean) ** 2, 0) / (v.length - 1) };
};

describe('augmix draws (google-research/augmix)', () => {
  const draw = (options: Record<string, unknown> = {}, height = 60, width = 90) => {
    const aug = createAugmenter([{ name: 'augmix', options }], { seed: 3 });
    return Array.from({ length: 100 }, () => aug.sample({ batchSize: 10, height, width, channels: 3 })[0].params as unknown as Params[]).flat();
  };
  const params = draw();

  it('Dirichlet(1, 1, 1) chain weights and a Beta(1, 1) blend weight', () => {
    expect(params.every((p) => p.weights.length === 3 && Math.abs(p.weights.reduce((s, w) => s + w, 0) - 1) < 1e-12)).toBe(true);
    const w0 = moments(params.map((p) => p.weights[0]));
    // Dirichlet(1,1,1) marginal: Beta(1, 2), mean 1/3, variance 1/18.
    expect(Math.abs(w0.mean - 1 / 3)).toBeLessThan(5 * Math.sqrt(1 / 18 / 1000));
    expect(Math.abs(w0.variance / (1 / 18) - 1)).toBeLessThan(0.15);
    const m = moments(params.map((p) => p.m));
    expect(Math.abs(m.mean - 0.5)).toBeLessThan(5 * Math.sqrt(1 / 12 / 1000));
    expect(Math.abs(m.variance * 12 - 1)).toBeLessThan(0.15);
  });

  it('three chains of depth uniform in {1, 2, 3}, ops uniform over the 9 (13 with allOps)', () => {
    const chains = params.flatMap((p) => p.chains);
    expect(chains.length).toBe(3000);
    for (const depth of [1, 2, 3]) expect(Math.abs(chains.filter((c) => c.length === depth).length - 1000)).toBeLessThan(5 * Math.sqrt(3000 * (2 / 9)));
    const { counts } = opStats(chains);
    expect([...counts.keys()].sort()).toEqual(['autocontrast', 'equalize', 'posterize', 'rotate', 'shear-x', 'shear-y', 'solarize', 'translate-x', 'translate-y']);
    const all = opStats(draw({ allOps: true }).flatMap((p) => p.chains)).counts;
    expect([...all.keys()].sort()).toEqual(['autocontrast', 'brightness', 'color', 'contrast', 'equalize', 'posterize', 'rotate', 'sharpness', 'shear-x', 'shear-y', 'solarize', 'translate-x', 'translate-y']);
    expect(draw({ depth: 2 }).every((p) => p.chains.every((c) => c.length === 2))).toBe(true);
  });

  it('levels U(0.1, 3): rotate int(3l)°, shear 0.03l, posterize 4 − int(0.4l), solarize (256 − int(25.6l))/255, translate int(l·side/30) of the real side', () => {
    const { values } = opStats(params.flatMap((p) => p.chains));
    const abs = (op: string) => [...values.get(op)!].map(Math.abs);
    expect(new Set(abs('rotate'))).toEqual(new Set([0, 1, 2, 3, 4, 5, 6, 7, 8]));
    expect(Math.max(...abs('shear-x'))).toBeLessThan(0.09);
    expect(Math.min(...abs('shear-x'))).toBeGreaterThanOrEqual(0.003);
    expect([...values.get('posterize')!].sort()).toEqual([3, 4]);
    const thresholds = [...values.get('solarize')!].map((t) => Math.round(t * 255));
    expect(Math.min(...thresholds)).toBeGreaterThanOrEqual(256 - 76);
    expect(Math.max(...thresholds)).toBe(254);
    // 90 px wide: int(3l) up to 8 (32 px would give at most 3); 60 px high: int(2l) up to 5.
    expect(Math.max(...abs('translate-x'))).toBe(8);
    expect(Math.max(...abs('translate-y'))).toBe(5);
    expect([...values.get('rotate')!].some((v) => v < 0)).toBe(true);
    const factors = [...opStats(draw({ allOps: true }).flatMap((p) => p.chains)).values.get('brightness')!];
    expect(Math.min(...factors)).toBeGreaterThanOrEqual(0.118);
    expect(Math.max(...factors)).toBeLessThan(0.64);
  });
});

describe.each(BACKENDS)('augmix on %s', (backend) => {
  beforeAll(async () => {
    expect(await tf.setBackend(backend)).toBe(true);
  });

  it('a hand-written plan: x\' = (1 − m) x + m Σ w_k chain_k(x)', () => {
    const x = tf.tensor4d([0.2, 0.6, 0.8, 0.4], [1, 1, 4, 1]);
    const plan: AugmentPlan = {
      augmentation: 'augmix', height: 1, width: 4,
      params: [{ weights: [0.25, 0.75], m: 0.5, chains: [[{ op: 'solarize', value: 0.5 }], [{ op: 'translate-x', value: 1 }, { op: 'autocontrast', value: 0 }]] }],
    };
    // Severity 10: solarize thresholds reach 0 and 4-px-wide images shift by up to int(10 · 4/30) = 1 px.
    const out = createAugmenter([{ name: 'augmix', options: { width: 2, severity: 10 } }]).apply({ inputs: x }, [plan]);
    // chain 1: [0.2, 0.4, 0.2, 0.4]; chain 2: shift → [0, 0.2, 0.6, 0.8], stretched → [0, 0.25, 0.75, 1].
    const chain1 = [0.2, 0.4, 0.2, 0.4];
    const chain2 = [0, 0.25, 0.75, 1];
    expectClose(out.inputs.dataSync(), [0.2, 0.6, 0.8, 0.4].map((v, k) => 0.5 * v + 0.5 * (0.25 * chain1[k] + 0.75 * chain2[k])), 1e-6);
    tf.dispose([x, out.inputs]);
  });

  it('drawn plans equal the reference mix of chains run sample by sample; inputs kept, no leaks; replay is bit-identical', () => {
    const shape = [10, 8, 9, 3];
    const { x } = image(shape, 61);
    const guard = guardInputs(x);
    const before = tf.memory().numTensors;
    const aug = createAugmenter([{ name: 'augmix', options: { allOps: true, prob: 0.6 } }], { seed: 9 });
    const out = aug.augment({ inputs: x });
    const params = out.plans[0].params as (Params | null)[];
    expect(params.some((p) => p === null)).toBe(true);
    const ctx = opContext(8, 9, 0, 'bilinear');
    const chains = [0, 1, 2].map((k) => refChains(x, params.map((p) => p?.chains[k] ?? null), ctx));
    const [c0, c1, c2] = chains.map((c) => c.dataSync());
    const data = x.dataSync();
    const size = 8 * 9 * 3;
    const expected = Array.from(data, (v, e) => {
      const p = params[Math.floor(e / size)];
      return p ? (1 - p.m) * v + p.m * (p.weights[0] * c0[e] + p.weights[1] * c1[e] + p.weights[2] * c2[e]) : v;
    });
    expectClose(out.inputs.dataSync(), expected, 1e-5);
    const again = aug.apply({ inputs: x }, JSON.parse(JSON.stringify(out.plans)) as AugmentPlan[]);
    expect(Array.from(again.inputs.dataSync())).toEqual(Array.from(out.inputs.dataSync()));
    tf.dispose([out.inputs, again.inputs, ...chains]);
    expect(tf.memory().numTensors).toBe(before);
    guard.unchanged();
    x.dispose();
  });

  it('refuses aligned targets (a blend of differently warped copies has no aligned target), leaking nothing', () => {
    const { x } = image([2, 4, 4, 1], 62);
    const seg = image([2, 4, 4, 1], 63, 'int32', 3);
    expectMixzooError(() => createAugmenter(['augmix']).augment({ inputs: x, targets: { seg: seg.x } }), 'E_OPTION',
      "augmix: aligned targets cannot follow a blend of differently warped copies of each image; augment without the target 'seg'.");
    tf.dispose([x, seg.x]);
  });
});

describe('augmix options and plans', () => {
  it('rejects bad options and plans', () => {
    expectMixzooError(() => createAugmenter([{ name: 'augmix', options: { depth: 0 } }]), 'E_OPTION', /^augmix: option 'depth' must be -1 \(random 1 to 3\) or 1 to 3/);
    expectMixzooError(() => createAugmenter([{ name: 'augmix', options: { severity: 11 } }]), 'E_OPTION', /^augmix: option 'severity'/);
    const x = tf.zeros([1, 4, 4, 1]);
    const aug = createAugmenter([{ name: 'augmix', options: { width: 2 } }]);
    const plan = (p: Record<string, unknown>) => [{ augmentation: 'augmix', height: 4, width: 4, params: [p] }];
    const chains = [[{ op: 'equalize', value: 0 }], [{ op: 'rotate', value: 3 }]];
    expectMixzooError(() => aug.apply({ inputs: x }, plan({ weights: [0.5, 0.6], m: 0.5, chains })), 'E_PLAN', /^augmix: plan 'params\[0\]\.weights' is invalid \(weights must sum to 1\)/);
    expectMixzooError(() => aug.apply({ inputs: x }, plan({ weights: [0.5, 0.5], m: 0.5, chains: [[{ op: 'brightness', value: 0.5 }], chains[1]] })), 'E_PLAN',
      /^augmix: plan 'params\[0\]\.chains\[0\]\[0\]\.op' is invalid/);
    expectMixzooError(() => aug.apply({ inputs: x }, plan({ weights: [0.5, 0.5], m: 0.5, chains: [[], chains[1]] })), 'E_PLAN', /^augmix: plan 'params\[0\]\.chains\[0\]' is invalid/);
    x.dispose();
  });
});
