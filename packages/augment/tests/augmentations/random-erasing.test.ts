import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { eraseSize, randomErasing, type AugmentPlan } from '@mixzoo/augment';
import type { Box, Rng } from '@mixzoo/core';
import { at, BACKENDS, build, createAugmenter, expectMixzooError, guardInputs, image } from '../helpers.js';

const inside = (b: Box, r: number, c: number) => r >= b.y0 && r < b.y1 && c >= b.x0 && c < b.x1;
type Options = Parameters<typeof randomErasing.draw>[0]['options'];
const optionsOf = (options: Record<string, unknown> = {}) => createAugmenter([{ name: 'random-erasing', options }]).steps[0].options as unknown as Options;

/** An rng whose uniform and int draws are scripted; records the bounds it was asked for. */
function scripted(uniforms: number[], ints: number[]) {
  const calls: string[] = [];
  const rng = {
    uniform(lo = 0, hi = 1) {
      calls.push(`uniform(${lo}, ${hi})`);
      const v = uniforms.shift();
      if (v === undefined) throw new Error('no scripted uniform left');
      return v;
    },
    int(n: number) {
      calls.push(`int(${n})`);
      const v = ints.shift();
      if (v === undefined) throw new Error('no scripted int left');
      return v;
    },
  } as unknown as Rng;
  return { rng, calls };
}

describe('random-erasing box sizes (timm / torchvision)', () => {
  it('worked example: 10×10, area draw 0.2 (of the image), aspect 1.25 → h = round(√25) = 5, w = round(√16) = 4', () => {
    expect(eraseSize(0.2 * 100, 1.25, 10, 10)).toEqual({ h: 5, w: 4 });
  });

  it('the same with injected draws through draw(): area, log-aspect, then top in [0, H − h], left in [0, W − w]', () => {
    const { rng, calls } = scripted([0.2, Math.log(1.25)], [3, 2]);
    const params = randomErasing.draw({ rng, options: optionsOf(), height: 10, width: 10, channels: 1 });
    expect(params).toEqual({ boxes: [{ y0: 3, x0: 2, y1: 8, x1: 6 }] });
    expect(calls).toEqual([`uniform(0.02, ${1 / 3})`, `uniform(${Math.log(0.3)}, ${Math.log(1 / 0.3)})`, 'int(6)', 'int(7)']);
  });

  it('rounds halves to even, as Python; a box must be strictly smaller than the image', () => {
    expect(eraseSize(20.25, 1, 10, 10)).toEqual({ h: 4, w: 4 });
    expect(eraseSize(30.25, 1, 10, 10)).toEqual({ h: 6, w: 6 });
    expect(eraseSize(100, 1, 10, 10)).toBeNull();
    expect(eraseSize(90, 1, 10, 10)).toEqual({ h: 9, w: 9 });
  });

  it('retries a box that does not fit, up to 10 attempts; all failing skips it', () => {
    // Attempt 1: a third of the image at aspect 3.33 → h = round(√111) = 11 ≥ 10; attempt 2 fits.
    const big = [1 / 3, Math.log(1 / 0.3)];
    const retry = scripted([...big, 0.2, Math.log(1.25)], [0, 0]);
    expect(randomErasing.draw({ rng: retry.rng, options: optionsOf(), height: 10, width: 10, channels: 1 })).toEqual({ boxes: [{ y0: 0, x0: 0, y1: 5, x1: 4 }] });
    const fail = scripted(Array.from({ length: 10 }, () => big).flat(), []);
    expect(randomErasing.draw({ rng: fail.rng, options: optionsOf(), height: 10, width: 10, channels: 1 })).toEqual({ boxes: [] });
    expect(fail.calls.length).toBe(20);
  });

  it('count boxes each get area / count; the count is uniform in [minCount, maxCount]', () => {
    // count 2 (int(3) → 1, + minCount 1): each box's area is 0.2 · 100 / 2 = 10, aspect 0.4 → h = 2, w = 5.
    const { rng } = scripted([0.2, Math.log(0.4), 0.2, Math.log(0.4)], [1, 0, 0, 8, 5]);
    const params = randomErasing.draw({ rng, options: optionsOf({ minCount: 1, maxCount: 3 }), height: 10, width: 10, channels: 1 });
    expect(params.boxes).toEqual([{ y0: 0, x0: 0, y1: 2, x1: 5 }, { y0: 8, x0: 5, y1: 10, x1: 10 }]);
    const aug = createAugmenter([{ name: 'random-erasing', options: { maxCount: 3, maxArea: 0.1, prob: 1 } }], { seed: 2 });
    const counts = Array.from({ length: 100 }, () => aug.sample({ batchSize: 10, height: 32, width: 32, channels: 3 })[0].params).flat()
      .map((p) => (p as { boxes: Box[] }).boxes.length);
    for (const n of [1, 2, 3]) expect(Math.abs(counts.filter((c) => c === n).length - 1000 / 3)).toBeLessThan(5 * Math.sqrt(1000 * (2 / 9)));
  });

  it('erases each sample with probability 0.5 by default; deterministic per seed', () => {
    const shape = { batchSize: 10, height: 16, width: 16, channels: 1 };
    const aug = createAugmenter(['random-erasing'], { seed: 4 });
    const params = Array.from({ length: 100 }, () => aug.sample(shape)[0].params).flat();
    expect(Math.abs(params.filter((p) => p === null).length - 500)).toBeLessThan(5 * Math.sqrt(250));
    expect(createAugmenter(['random-erasing'], { seed: 9 }).sample(shape)).toEqual(createAugmenter(['random-erasing'], { seed: 9 }).sample(shape));
  });
});

describe.each(BACKENDS)('random-erasing on %s', (backend) => {
  beforeAll(async () => {
    expect(await tf.setBackend(backend)).toBe(true);
  });

  it.each(['float32', 'int32'] as const)("%s, 'const': the boxes hold the value, everything else is the input; targets untouched", (dtype) => {
    const shape = [8, 10, 12, 3];
    const { data, x } = image(shape, 71, dtype);
    const t = image([8, 10, 12, 1], 72, 'int32');
    const guard = guardInputs(x, t.x);
    const before = tf.memory().numTensors;
    const out = createAugmenter([{ name: 'random-erasing', options: { value: 7, maxCount: 2 } }], { seed: 2 }).augment({ inputs: x, targets: { t: t.x } });
    const params = out.plans[0].params as ({ boxes: Box[] } | null)[];
    expect(params.some((p) => p === null) && params.some((p) => p !== null && p.boxes.length > 0)).toBe(true);
    const expected = build(shape, (i, r, c, ch) => (params[i]?.boxes.some((b) => inside(b, r, c)) ? 7 : at(data, shape, i, r, c, ch)));
    expect(out.inputs.dtype).toBe(dtype);
    expect(Array.from(out.inputs.dataSync())).toEqual(Array.from(expected, Math.fround));
    expect(Array.from(out.targets!.t.dataSync())).toEqual(Array.from(t.data));
    tf.dispose([out.inputs, out.targets!.t]);
    expect(tf.memory().numTensors).toBe(before);
    guard.unchanged();
    tf.dispose([x, t.x]);
  });

  it("'rand': one value per box and channel (one per box on gray images); a later box wins where boxes overlap", () => {
    const x = tf.zeros([2, 4, 4, 1]);
    const plan: AugmentPlan = {
      augmentation: 'random-erasing', height: 4, width: 4,
      params: [{ boxes: [{ y0: 0, x0: 0, y1: 2, x1: 3 }, { y0: 1, x0: 2, y1: 3, x1: 4 }], values: [[0.5], [-1.5]] }, null],
    };
    const out = createAugmenter([{ name: 'random-erasing', options: { mode: 'rand', maxCount: 2 } }]).apply({ inputs: x }, [plan]);
    const a = 0.5;
    const b = -1.5;
    expect(Array.from(out.inputs.dataSync())).toEqual([a, a, a, 0, a, a, b, b, 0, 0, b, b, 0, 0, 0, 0, ...Array<number>(16).fill(0)]);
    const drawn = createAugmenter([{ name: 'random-erasing', options: { mode: 'rand', prob: 1 } }], { seed: 1 }).sample({ batchSize: 20, height: 8, width: 8, channels: 3 })[0];
    expect(drawn.params.every((p) => (p as { values: number[][] }).values.every((v) => v.length === 3))).toBe(true);
    tf.dispose([x, out.inputs]);
  });

  it("'pixel': N(0, 1) per erased pixel from the plan's seed (replays exactly), nothing else changes", () => {
    const shape = [20, 16, 16, 1];
    const { data, x } = image(shape, 73);
    const aug = createAugmenter([{ name: 'random-erasing', options: { mode: 'pixel', prob: 1, minArea: 0.2 } }], { seed: 5 });
    const out = aug.augment({ inputs: x });
    const again = aug.apply({ inputs: x }, JSON.parse(JSON.stringify(out.plans)) as AugmentPlan[]);
    const values = out.inputs.dataSync();
    expect(Array.from(again.inputs.dataSync())).toEqual(Array.from(values));
    const params = out.plans[0].params as { boxes: Box[]; seed: number }[];
    const erased: number[] = [];
    build(shape, (i, r, c, ch) => {
      const v = at(values, shape, i, r, c, ch);
      if (params[i].boxes.some((b) => inside(b, r, c))) erased.push(v);
      else expect(v).toBe(at(data, shape, i, r, c, ch));
      return 0;
    });
    const mean = erased.reduce((s, v) => s + v, 0) / erased.length;
    const variance = erased.reduce((s, v) => s + (v - mean) ** 2, 0) / (erased.length - 1);
    expect(erased.length).toBeGreaterThan(500);
    expect(Math.abs(mean)).toBeLessThan(5 / Math.sqrt(erased.length));
    expect(Math.abs(variance - 1)).toBeLessThan(0.15);
    tf.dispose([x, out.inputs, again.inputs]);
  });
});

describe('random-erasing options and plans', () => {
  it('rejects bad options, noise on int32 images and plans that do not fit', () => {
    expectMixzooError(() => createAugmenter([{ name: 'random-erasing', options: { minArea: 0.5, maxArea: 0.2 } }]), 'E_OPTION',
      "random-erasing: options 'minArea' and 'maxArea' must satisfy minArea <= maxArea, got 0.5 and 0.2.");
    expectMixzooError(() => createAugmenter([{ name: 'random-erasing', options: { minCount: 3, maxCount: 2 } }]), 'E_OPTION',
      "random-erasing: option 'maxCount' must be >= minCount (3), got 2.");
    expectMixzooError(() => createAugmenter([{ name: 'random-erasing', options: { minAspect: 2, maxAspect: 1 } }]), 'E_OPTION',
      "random-erasing: options 'minAspect' and 'maxAspect' must satisfy minAspect <= maxAspect, got 2 and 1.");
    const ints = tf.zeros([2, 8, 8, 1], 'int32');
    expectMixzooError(() => createAugmenter([{ name: 'random-erasing', options: { mode: 'pixel', prob: 1 } }]).augment({ inputs: ints }), 'E_OPTION',
      "random-erasing: mode 'pixel' writes N(0, 1) values and needs float32 inputs, got int32.");
    const x = tf.zeros([1, 4, 4, 3]);
    const rand = createAugmenter([{ name: 'random-erasing', options: { mode: 'rand' } }]);
    expectMixzooError(() => rand.apply({ inputs: x }, [{ augmentation: 'random-erasing', height: 4, width: 4, params: [{ boxes: [{ y0: 0, x0: 0, y1: 2, x1: 2 }], values: [[1]] }] }]),
      'E_PLAN', "random-erasing: plan 'params[0].values[0]' must hold one value per channel (3), got 1.");
    expectMixzooError(() => rand.apply({ inputs: x }, [{ augmentation: 'random-erasing', height: 4, width: 4, params: [{ boxes: [{ y0: 0, x0: 0, y1: 5, x1: 2 }], values: [[1, 2, 3]] }] }]),
      'E_PLAN', /^random-erasing: plan 'params\[0\]\.boxes\[0\]\.y1' is invalid/);
    tf.dispose([ints, x]);
  });
});
