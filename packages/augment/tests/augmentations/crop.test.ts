import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { at, BACKENDS, build, counts, createAugmenter, expectClose, expectMixzooError, guardInputs, image } from '../helpers.js';

/** The padded index, written the numpy.pad way: reflect = mirror without the edge, edge = clamp. */
function padIndex(j: number, n: number, mode: string): number {
  if (j >= 0 && j < n) return j;
  if (mode === 'edge') return j < 0 ? 0 : n - 1;
  return j < 0 ? -j : 2 * (n - 1) - j; // reflect, valid for padding < n
}

/** Reference crop: out(r, c) = padded(r + padding + top, c + padding + left). */
function refCrop(data: ArrayLike<number>, shape: number[], params: ({ top: number; left: number } | null)[], mode: string, fill: number): Float64Array {
  const [, h, w] = shape;
  return build(shape, (i, r, c, ch) => {
    const p = params[i] ?? { top: 0, left: 0 };
    const [y, x] = [r + p.top, c + p.left];
    if (mode === 'constant' && (y < 0 || y >= h || x < 0 || x >= w)) return fill;
    return at(data, shape, i, padIndex(y, h, mode), padIndex(x, w, mode), ch);
  });
}

describe.each(BACKENDS)('crop on %s', (backend) => {
  beforeAll(async () => {
    expect(await tf.setBackend(backend)).toBe(true);
  });

  it.each([['constant', -1], ['reflect', 0], ['edge', 0]] as const)('padding 2, %s: every sample is the reference crop of its drawn offset', (mode, fill) => {
    const shape = [6, 5, 7, 2];
    const { data, x } = image(shape, 1);
    const guard = guardInputs(x);
    const before = tf.memory().numTensors;
    const aug = createAugmenter([{ name: 'crop', options: { padding: 2, paddingMode: mode, fill } }], { seed: 3 });
    const out = aug.augment({ inputs: x });
    const params = out.plans[0].params as { top: number; left: number }[];
    expect(params.every((p) => Math.abs(p.top) <= 2 && Math.abs(p.left) <= 2)).toBe(true);
    expect(params.some((p) => p.top !== 0 || p.left !== 0)).toBe(true);
    expect(out.inputs.dtype).toBe('float32');
    expectClose(out.inputs.dataSync(), refCrop(data, shape, params, mode, fill));
    out.inputs.dispose();
    expect(tf.memory().numTensors).toBe(before);
    guard.unchanged();
    x.dispose();
  });

  it('an int32 class map and a half-resolution float target follow the same crop (shifts scaled and rounded)', () => {
    const shape = [4, 8, 8, 3];
    const { x } = image(shape, 2);
    const seg = image([4, 8, 8, 1], 3, 'int32', 5);
    const half = image([4, 4, 4, 1], 4);
    const guard = guardInputs(x, seg.x, half.x);
    const aug = createAugmenter([{ name: 'crop', options: { padding: 3 } }], { seed: 8 });
    const out = aug.augment({ inputs: x, targets: { seg: seg.x, half: half.x } });
    const params = out.plans[0].params as { top: number; left: number }[];
    expect(out.targets!.seg.dtype).toBe('int32');
    expect(Array.from(out.targets!.seg.dataSync())).toEqual(Array.from(refCrop(seg.data, [4, 8, 8, 1], params, 'constant', 0)));
    const scaled = params.map((p) => ({ top: Math.round(p.top / 2), left: Math.round(p.left / 2) }));
    expectClose(out.targets!.half.dataSync(), refCrop(half.data, [4, 4, 4, 1], scaled, 'constant', 0));
    guard.unchanged();
    tf.dispose([x, seg.x, half.x, out.inputs, ...Object.values(out.targets!)]);
  });
});

describe('crop draws and options', () => {
  it('offsets are uniform over [-padding, padding] (each of the 9 values within 5 sd of 1/9)', () => {
    const aug = createAugmenter(['crop'], { seed: 5 });
    const plans = Array.from({ length: 100 }, () => aug.sample({ batchSize: 16, height: 32, width: 32, channels: 3 })[0]);
    const tops = plans.flatMap((p) => p.params.map((q) => (q as { top: number }).top));
    const n = tops.length;
    const c = counts(tops);
    expect([...c.keys()].sort((a, b) => a - b)).toEqual([-4, -3, -2, -1, 0, 1, 2, 3, 4]);
    for (const k of c.values()) expect(Math.abs(k / n - 1 / 9)).toBeLessThan(5 * Math.sqrt((1 / 9) * (8 / 9) / n));
  });

  it('prob: unselected samples have null params and stay exact', () => {
    const { data, x } = image([40, 3, 3, 1], 9);
    const out = createAugmenter([{ name: 'crop', options: { padding: 1, prob: 0.3 } }], { seed: 1 }).augment({ inputs: x });
    const params = out.plans[0].params;
    const kept = params.map((p, i) => (p === null ? i : -1)).filter((i) => i >= 0);
    expect(kept.length).toBeGreaterThan(15);
    expect(kept.length).toBeLessThan(40);
    const v = out.inputs.dataSync();
    for (const i of kept) expect(Array.from(v.subarray(i * 9, i * 9 + 9))).toEqual(Array.from(data.subarray(i * 9, i * 9 + 9)));
    tf.dispose([x, out.inputs]);
  });

  it('rejects bad options (E_OPTION), a non-integer fill for int32 tensors, and plans outside the padding (E_PLAN)', () => {
    expectMixzooError(() => createAugmenter([{ name: 'crop', options: { padding: -1 } }]), 'E_OPTION', "crop: option 'padding' must be >= 0, got -1.");
    expectMixzooError(() => createAugmenter([{ name: 'crop', options: { paddingMode: 'wrap' } }]), 'E_OPTION',
      "crop: option 'paddingMode' must be one of 'constant', 'reflect', 'edge', got 'wrap'.");
    expectMixzooError(() => createAugmenter([{ name: 'crop', options: { pading: 2 } }]), 'E_OPTION', /^crop: unknown option 'pading'\. Did you mean 'padding'\?/);
    const seg = tf.zeros([2, 4, 4, 1], 'int32');
    const img = tf.zeros([2, 4, 4, 1]);
    const aug = createAugmenter([{ name: 'crop', options: { fill: 0.5 } }]);
    expectMixzooError(() => aug.augment({ inputs: img, targets: { seg } }), 'E_OPTION', "crop: option 'fill' must be an integer to fill the int32 tensor 'seg', got 0.5.");
    const plan = { augmentation: 'crop', height: 4, width: 4, params: [null, { top: 5, left: 0 }] };
    expectMixzooError(() => aug.apply({ inputs: img }, [plan]), 'E_PLAN', /^crop: plan 'params\[1\]\.top' is invalid \(.*\), got 5\.$/);
    tf.dispose([seg, img]);
  });
});
