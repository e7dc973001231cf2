import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { at, BACKENDS, build, createAugmenter, expectClose, expectMixzooError, guardInputs, image } from '../helpers.js';

type Shift = { dy: number; dx: number } | null;

/** The content moves by (dy, dx): out(r, c) = x(r − dy, c − dx), or the fill / edge pixel. */
function refTranslate(data: ArrayLike<number>, shape: number[], params: Shift[], mode: 'constant' | 'edge', fill: number): Float64Array {
  const [, h, w] = shape;
  return build(shape, (i, r, c, ch) => {
    const p = params[i] ?? { dy: 0, dx: 0 };
    let [y, x] = [r - p.dy, c - p.dx];
    if (y < 0 || y >= h || x < 0 || x >= w) {
      if (mode === 'constant') return fill;
      [y, x] = [Math.min(h - 1, Math.max(0, y)), Math.min(w - 1, Math.max(0, x))];
    }
    return at(data, shape, i, y, x, ch);
  });
}

describe.each(BACKENDS)('translate on %s', (backend) => {
  beforeAll(async () => {
    expect(await tf.setBackend(backend)).toBe(true);
  });

  it.each([['constant', 0.25], ['edge', 0]] as const)('max 0.25 on 8×12, %s: the reference shift of every sample', (mode, fill) => {
    const shape = [10, 8, 12, 3];
    const { data, x } = image(shape, 21);
    const guard = guardInputs(x);
    const out = createAugmenter([{ name: 'translate', options: { max: 0.25, paddingMode: mode, fill } }], { seed: 6 }).augment({ inputs: x });
    const params = out.plans[0].params as Shift[];
    expect(params.every((p) => Math.abs(p!.dy) <= 2 && Math.abs(p!.dx) <= 3)).toBe(true);
    expect(params.some((p) => p!.dy < 0) && params.some((p) => p!.dx > 0)).toBe(true);
    expectClose(out.inputs.dataSync(), refTranslate(data, shape, params, mode, fill));
    guard.unchanged();
    tf.dispose([x, out.inputs]);
  });
});

describe('translate draws and options', () => {
  it('shifts cover [-round(max·H), round(max·H)] and [-round(max·W), round(max·W)]', () => {
    const aug = createAugmenter(['translate'], { seed: 1 });
    const params = Array.from({ length: 60 }, () => aug.sample({ batchSize: 10, height: 32, width: 16, channels: 1 })[0].params).flat() as Shift[];
    expect(new Set(params.map((p) => p!.dy))).toEqual(new Set([-4, -3, -2, -1, 0, 1, 2, 3, 4]));
    expect(new Set(params.map((p) => p!.dx))).toEqual(new Set([-2, -1, 0, 1, 2]));
  });

  it('rejects max > 1 and replayed shifts larger than max', () => {
    expectMixzooError(() => createAugmenter([{ name: 'translate', options: { max: 2 } }]), 'E_OPTION', "translate: option 'max' must be <= 1, got 2.");
    const x = tf.zeros([1, 8, 8, 1]);
    const aug = createAugmenter(['translate']);
    expectMixzooError(() => aug.apply({ inputs: x }, [{ augmentation: 'translate', height: 8, width: 8, params: [{ dy: 0, dx: 2 }] }]), 'E_PLAN',
      /^translate: plan 'params\[0\]\.dx' is invalid \(.*\), got 2\.$/);
    x.dispose();
  });
});
