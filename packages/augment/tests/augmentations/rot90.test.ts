import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { at, BACKENDS, build, counts, createAugmenter, expectMixzooError, guardInputs, image } from '../helpers.js';

/** np.rot90(img, k) on the H, W axes (counter-clockwise), applied k times by hand. */
function refRot90(data: ArrayLike<number>, shape: number[], turns: number[]): Float64Array {
  const [, n] = shape;
  return build(shape, (i, r, c, ch) => {
    let [y, x] = [r, c];
    // one counter-clockwise turn: out(r, c) = in(c, n − 1 − r)
    for (let k = 0; k < turns[i]; k++) [y, x] = [x, n - 1 - y];
    return at(data, shape, i, y, x, ch);
  });
}

describe.each(BACKENDS)('rot90 on %s', (backend) => {
  beforeAll(async () => {
    expect(await tf.setBackend(backend)).toBe(true);
  });

  it('each sample is rotated by its drawn quarter turns, int32 targets too', () => {
    const shape = [16, 5, 5, 2];
    const { data, x } = image(shape, 31);
    const seg = image([16, 5, 5, 1], 32, 'int32');
    const guard = guardInputs(x, seg.x);
    const out = createAugmenter(['rot90'], { seed: 4 }).augment({ inputs: x, targets: { seg: seg.x } });
    const turns = out.plans[0].params.map((p) => (p as { turns: number }).turns);
    expect(new Set(turns)).toEqual(new Set([0, 1, 2, 3]));
    expect(Array.from(out.inputs.dataSync())).toEqual(Array.from(refRot90(data, shape, turns), Math.fround));
    expect(Array.from(out.targets!.seg.dataSync())).toEqual(Array.from(refRot90(seg.data, [16, 5, 5, 1], turns)));
    guard.unchanged();
    tf.dispose([x, seg.x, out.inputs, out.targets!.seg]);
  });

  it('a hand-checked 2×2 quarter turn: [[1, 2], [3, 4]] -> [[2, 4], [1, 3]]', () => {
    const x = tf.tensor4d([1, 2, 3, 4], [1, 2, 2, 1]);
    const aug = createAugmenter([{ name: 'rot90', options: { turns: [1] } }]);
    const out = aug.augment({ inputs: x });
    expect(Array.from(out.inputs.dataSync())).toEqual([2, 4, 1, 3]);
    tf.dispose([x, out.inputs]);
  });
});

describe('rot90 options and shapes', () => {
  it('draws turns uniformly from the allowed ones', () => {
    const aug = createAugmenter([{ name: 'rot90', options: { turns: [0, 2] } }], { seed: 7 });
    const turns = Array.from({ length: 100 }, () => aug.sample({ batchSize: 10, height: 4, width: 6, channels: 1 })[0].params).flat().map((p) => (p as { turns: number }).turns);
    const c = counts(turns);
    expect([...c.keys()].sort()).toEqual([0, 2]);
    expect(Math.abs(c.get(2)! / 1000 - 0.5)).toBeLessThan(5 * Math.sqrt(0.25 / 1000));
  });

  it('odd turns on non-square images are an E_SHAPE error; [0, 2] works there', () => {
    const aug = createAugmenter(['rot90']);
    expectMixzooError(() => aug.sample({ batchSize: 2, height: 4, width: 6, channels: 1 }), 'E_SHAPE',
      'rot90: odd quarter turns need square images (H = W), got 4×6; use turns [0, 2].');
    expectMixzooError(() => createAugmenter([{ name: 'rot90', options: { turns: [4] } }]), 'E_OPTION', "rot90: option 'turns.0' must be <= 3, got 4.");
    const x = tf.zeros([2, 4, 6, 1]);
    const square = tf.zeros([2, 4, 4, 1]);
    expectMixzooError(() => aug.apply({ inputs: square, targets: { t: x } }, [{ augmentation: 'rot90', height: 4, width: 4, params: [{ turns: 1 }, null] }]),
      'E_SHAPE', "rot90: odd quarter turns need square images (H = W), 't' is [2, 4, 6, 1].");
    expectMixzooError(() => aug.apply({ inputs: square }, [{ augmentation: 'rot90', height: 4, width: 4, params: [{ turns: 5 }, null] }]),
      'E_PLAN', /^rot90: plan 'params\[0\]\.turns' is invalid \(.*\), got 5\.$/);
    tf.dispose([x, square]);
  });
});
