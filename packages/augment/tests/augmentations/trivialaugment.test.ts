import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import type { AugmentPlan } from '@mixzoo/augment';
import { BACKENDS, createAugmenter, expectClose, expectMixzooError, guardInputs, image } from '../helpers.js';
import { chainsOf, expectUniformOps, opContext, opStats, refChains } from './chain-reference.js';

const linspace = (max: number) => Array.from({ length: 31 }, (_, b) => (b / 30) * max);

describe('trivialaugment draws (torchvision v2 TrivialAugmentWide)', () => {
  const chains = (options: Record<string, unknown>, width = 28) => {
    const aug = createAugmenter([{ name: 'trivialaugment', options }], { seed: 5 });
    return Array.from({ length: 300 }, () => chainsOf(aug.sample({ batchSize: 10, height: 28, width, channels: 1 })[0])).flat();
  };
  const drawn = chains({});
  const { counts, values } = opStats(drawn);

  it('one op per sample, uniform over the 14', () => {
    expect(drawn.every((c) => c?.length === 1)).toBe(true);
    expectUniformOps(counts, 3000); // each count ~ Binomial(3000, 1/14)
  });

  it('magnitudes are the wide linspaces at a uniform bin of 31, signed ops either sign', () => {
    const onGrid = (op: string, grid: number[]) => {
      for (const v of values.get(op)!) expect(grid.some((g) => Math.abs(Math.abs(v) - g) < 1e-12), `${op} ${v}`).toBe(true);
    };
    onGrid('rotate', linspace(135));
    onGrid('shear-x', linspace(0.99));
    for (const op of ['brightness', 'color', 'contrast', 'sharpness']) {
      for (const v of values.get(op)!) expect(linspace(0.99).some((g) => Math.abs(Math.abs(v - 1) - g) < 1e-12), `${op} ${v}`).toBe(true);
    }
    // Posterize 8 − round(bin / 5): 8 down to 2.
    expect([...values.get('posterize')!].sort()).toEqual([2, 3, 4, 5, 6, 7, 8]);
    onGrid('solarize', linspace(1));
    // Many distinct bins were drawn (uniform over 31), both signs.
    const rotations = [...values.get('rotate')!];
    expect(new Set(rotations.map(Math.abs)).size).toBeGreaterThan(20);
    expect(rotations.some((v) => v < 0) && rotations.some((v) => v > 0)).toBe(true);
  });

  it("translations reach 'translate' × the side: 28 px on 28×28 by default (torchvision: 32 px on 32×32)", () => {
    const shifts = [...values.get('translate-x')!];
    expect(Math.max(...shifts.map(Math.abs))).toBe(28);
    expect(shifts.every(Number.isInteger)).toBe(true);
    const small = opStats(chains({ translate: 32 / 224 }, 224)).values.get('translate-x')!;
    // torchvision's 32 px on 224×224 images: linspace(0, 32, 31), int().
    expect(Math.max(...[...small].map(Math.abs))).toBe(32);
  });
});

describe.each(BACKENDS)('trivialaugment on %s', (backend) => {
  beforeAll(async () => {
    expect(await tf.setBackend(backend)).toBe(true);
  });

  it('drawn plans equal each sample run through its op; inputs kept, no leaks; replay is bit-identical', () => {
    const shape = [16, 7, 9, 1];
    const { x } = image(shape, 51);
    const guard = guardInputs(x);
    const before = tf.memory().numTensors;
    const aug = createAugmenter([{ name: 'trivialaugment', options: { fill: 0.5 } }], { seed: 7 });
    const out = aug.augment({ inputs: x });
    const expected = refChains(x, chainsOf(out.plans[0]), opContext(7, 9, 0.5));
    expectClose(out.inputs.dataSync(), expected.dataSync(), 1e-6);
    const again = aug.apply({ inputs: x }, JSON.parse(JSON.stringify(out.plans)) as AugmentPlan[]);
    expect(Array.from(again.inputs.dataSync())).toEqual(Array.from(out.inputs.dataSync()));
    tf.dispose([out.inputs, again.inputs, expected]);
    expect(tf.memory().numTensors).toBe(before);
    guard.unchanged();
    x.dispose();
  });

  it('a hand-written plan: posterize 2 bits, shear-x 0.5 nearest with fill, equalize of a constant image', () => {
    const x = tf.tensor4d([...[0, 63, 64, 200].map((v) => (v / 255) * 10), 1, 2, 3, 4, 0.3, 0.3, 0.3, 0.3], [3, 2, 2, 1]);
    const plan: AugmentPlan = {
      augmentation: 'trivialaugment', height: 2, width: 2,
      params: [{ ops: [{ op: 'posterize', value: 2 }] }, { ops: [{ op: 'shear-x', value: 0.5 }] }, { ops: [{ op: 'equalize', value: 0 }] }],
    };
    const out = createAugmenter([{ name: 'trivialaugment', options: { fill: 9, valueRange: [0, 10] } }]).apply({ inputs: x }, [plan]);
    // Values in [0, 10] units. Sample 0: levels 0, 63, 64, 200 keep their top 2 bits.
    // Sample 1: row 0 reads c + 0.25 → c; row 1 reads c + 0.75 → c + 1, the fill at the end.
    // Sample 2: one level, equalize leaves it (on the byte grid: 0.3 → level 7 of 10 · 255 = 76.5 → 76 → 7.45...).
    const level = Math.floor(0.03 * 255.999) / 255;
    expectClose(out.inputs.dataSync(), [0, 0, (64 / 255) * 10, (192 / 255) * 10, 1, 2, 4, 9, ...Array<number>(4).fill(level * 10)], 1e-5);
    tf.dispose([x, out.inputs]);
  });

  it('rejects a translation beyond the option in a replayed plan', () => {
    const x = tf.zeros([1, 10, 10, 1]);
    const plan = [{ augmentation: 'trivialaugment', height: 10, width: 10, params: [{ ops: [{ op: 'translate-y', value: 6 }] }] }];
    expectMixzooError(() => createAugmenter([{ name: 'trivialaugment', options: { translate: 0.5 } }]).apply({ inputs: x }, plan), 'E_PLAN',
      "trivialaugment: plan 'params[0].ops[0].value' is invalid ('translate-y' takes an integer in [-5, 5]), got 6.");
    x.dispose();
  });
});
