import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS, createAugmenter, expectClose, expectMixzooError, guardInputs, image } from '../helpers.js';
import { refWarp, zoom } from './affine-reference.js';

describe.each(BACKENDS)('scale on %s', (backend) => {
  beforeAll(async () => {
    expect(await tf.setBackend(backend)).toBe(true);
  });

  it('every sample zooms about its centre by its own factor (bilinear); factor 1 is exact', () => {
    const shape = [4, 6, 5, 3];
    const { data, x } = image(shape, 51);
    const guard = guardInputs(x);
    const aug = createAugmenter([{ name: 'scale', options: { range: [0.5, 2] } }], { seed: 1 });
    const out = aug.augment({ inputs: x });
    const factors = out.plans[0].params.map((p) => (p as { factor: number }).factor);
    expect(factors.some((f) => f < 1) && factors.some((f) => f > 1)).toBe(true);
    expectClose(out.inputs.dataSync(), refWarp(data, shape, factors.map(zoom), 'bilinear', 0), 1e-5);
    const same = aug.apply({ inputs: x }, [{ augmentation: 'scale', height: 6, width: 5, params: [{ factor: 1 }, null, { factor: 1 }, null] }]);
    expectClose(same.inputs.dataSync(), data, 1e-6);
    guard.unchanged();
    tf.dispose([x, out.inputs, same.inputs]);
  });

  it('zoom 2 on a 4×4 ramp, edge fill: hand-checked centre values', () => {
    const x = tf.tensor4d(Array.from({ length: 16 }, (_, k) => k), [1, 4, 4, 1]);
    const aug = createAugmenter([{ name: 'scale', options: { range: [2, 2], fillMode: 'nearest' } }]);
    const out = aug.augment({ inputs: x });
    // output (1, 1) reads (1.25, 1.25): 0.75·0.75·5 + 0.75·0.25·6 + 0.25·0.75·9 + 0.25·0.25·10 = 6.25
    expect(out.inputs.dataSync()[5]).toBeCloseTo(6.25, 5);
    tf.dispose([x, out.inputs]);
  });
});

describe('scale options', () => {
  it('rejects min > max, non-positive factors and int32 fills that are not integers', () => {
    expectMixzooError(() => createAugmenter([{ name: 'scale', options: { range: [1.2, 0.8] } }]), 'E_OPTION', "scale: option 'range' must be [min, max] with 0 < min <= max, got [1.2, 0.8].");
    expectMixzooError(() => createAugmenter([{ name: 'scale', options: { range: [0, 1] } }]), 'E_OPTION', "scale: option 'range.0' must be > 0, got 0.");
    const x = tf.zeros([1, 3, 3, 1], 'int32');
    expectMixzooError(() => createAugmenter([{ name: 'scale', options: { fill: 0.5 } }]).augment({ inputs: x }), 'E_OPTION',
      "scale: option 'fill' must be an integer to fill the int32 tensor 'inputs', got 0.5.");
    x.dispose();
  });
});
