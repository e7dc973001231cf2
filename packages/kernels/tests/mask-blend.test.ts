import * as tf from '@tensorflow/tfjs-core';
import { describe, it } from 'vitest';
import { maskBlend } from '@mixzoo/kernels';
import {
  describeOnBackends, expectMixzooError, expectOutput, guardInputs, prng, randomFloats, randomIndices, randomInts, randomMask, refMaskBlend, sizeOf,
} from './helpers.js';

const IMAGES: [number, number, number][] = [[5, 3, 1], [4, 7, 3], [1, 1, 3]]; // H, W, C: odd, non-square, tiny

describeOnBackends('maskBlend', () => {
  describe.each([0, 1, 2, 7])('B = %i', (batch) => {
    describe.each(IMAGES)('H=%i W=%i C=%i', (height, width, channels) => {
      const shape = [batch, height, width, channels];

      it.each([
        ['per-sample soft masks', false],
        ['one shared soft mask', true],
      ] as const)('%s', (_, shared) => {
        const next = prng(batch * 1000 + height * 10 + width + (shared ? 5 : 0));
        const data = randomFloats(sizeOf(shape), next);
        const maskShape = [shared ? 1 : batch, height, width];
        const maskValues = randomMask(sizeOf(maskShape), next);
        const x = tf.tensor(data, shape);
        const mask = tf.tensor(maskValues, maskShape);
        const partner = randomIndices(batch, batch, next);
        const guard = guardInputs(x, mask);
        expectOutput(maskBlend(x, partner, mask), shape, 'float32', refMaskBlend(data, data, shape, partner, maskValues, shared));
        guard.unchanged();
        tf.dispose([x, mask]);
      });

      it('partner batch xb of another size', () => {
        const next = prng(batch * 77 + height + width);
        const otherShape = [4, height, width, channels];
        const a = randomFloats(sizeOf(shape), next);
        const b = randomFloats(sizeOf(otherShape), next);
        const maskValues = randomMask(batch * height * width, next);
        const [x, xb, mask] = [tf.tensor(a, shape), tf.tensor(b, otherShape), tf.tensor(maskValues, [batch, height, width])];
        const partner = randomIndices(batch, 4, next);
        const guard = guardInputs(x, xb, mask);
        expectOutput(maskBlend(x, partner, mask, xb), shape, 'float32', refMaskBlend(a, b, shape, partner, maskValues, false));
        guard.unchanged();
        tf.dispose([x, xb, mask]);
      });

      it('int32 with a binary mask stays int32 (a select)', () => {
        const next = prng(batch * 13 + height * width);
        const a = randomInts(sizeOf(shape), next);
        const maskValues = randomMask(batch * height * width, next, true);
        const x = tf.tensor(a, shape, 'int32');
        const mask = tf.tensor(maskValues, [batch, height, width]);
        const partner = randomIndices(batch, batch, next);
        const guard = guardInputs(x, mask);
        expectOutput(maskBlend(x, partner, mask), shape, 'int32', refMaskBlend(a, a, shape, partner, maskValues, false), 0);
        guard.unchanged();
        tf.dispose([x, mask]);
      });
    });
  });

  it('int32 with a soft mask throws E_DTYPE and leaks nothing', () => {
    const x = tf.tensor4d([1, 2, 3, 4], [1, 2, 2, 1], 'int32');
    const mask = tf.tensor3d([1, 0, 0.5, 1], [1, 2, 2]);
    expectMixzooError(() => maskBlend(x, [0], mask), 'E_DTYPE', /^maskBlend: int32 'x' needs a binary \(0\/1\) mask, got 0\.5 at mask\[0, 1, 0\]/);
    tf.dispose([x, mask]);
  });

  it('mask values outside [0, 1] or NaN throw E_PLAN', () => {
    const x = tf.tensor4d([1, 2, 3, 4], [1, 2, 2, 1]);
    for (const bad of [1.5, -0.1, NaN]) {
      const mask = tf.tensor3d([1, 0, 1, bad], [1, 2, 2]);
      expectMixzooError(() => maskBlend(x, [0], mask), 'E_PLAN', new RegExp(`^maskBlend: 'mask' values must be in \\[0, 1\\], got ${bad} at mask\\[0, 1, 1\\]\\.$`));
      mask.dispose();
    }
    x.dispose();
  });
});
