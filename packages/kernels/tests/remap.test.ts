import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { BORDERS, remap, type IndexMap } from '@mixzoo/kernels';
import { describeOnBackends, expectOutput, guardInputs, prng, randomFloats, randomInts, refRemap, sizeOf } from './helpers.js';

const IMAGES: [number, number, number][] = [[5, 7, 3], [6, 3, 1], [4, 4, 2], [1, 1, 3]];

/** The eight signed permutations (identity, flips, transpose, rotations) with offsets that reach past the borders. */
function mapsFor(batch: number, height: number, width: number, next: () => number): (IndexMap | null)[] {
  const shift = (n: number) => Math.floor(next() * (2 * n + 3)) - n - 1;
  const linear: [number, number, number, number][] = [
    [1, 0, 0, 1], [1, 0, 0, -1], [-1, 0, 0, 1], [-1, 0, 0, -1], [0, 1, 1, 0], [0, -1, 1, 0], [0, 1, -1, 0], [0, -1, -1, 0],
  ];
  return Array.from({ length: batch }, (_, i) => {
    if (i === 3) return null;
    const [a, b, c, d] = linear[(i * 3) % 8];
    return { y: [a, b, shift(height)], x: [c, d, shift(width)] };
  });
}

describeOnBackends('remap', () => {
  describe.each([0, 1, 2, 9])('B = %i', (batch) => {
    describe.each(IMAGES)('H=%i W=%i C=%i', (height, width, channels) => {
      const shape = [batch, height, width, channels];
      it.each(BORDERS.flatMap((border) => (['float32', 'int32'] as const).map((dtype) => [border, dtype] as const)))(
        'border %s, %s: matches the reference and keeps dtype',
        (border, dtype) => {
          const next = prng(batch * 1000 + height * 100 + width * 10 + channels);
          const data = dtype === 'int32' ? randomInts(sizeOf(shape), next) : randomFloats(sizeOf(shape), next);
          const x = tf.tensor(data, shape, dtype);
          const maps = mapsFor(batch, height, width, next);
          const fill = dtype === 'int32' ? 7 : -0.5;
          const guard = guardInputs(x);
          expectOutput(remap(x, maps, { border, fill }), shape, dtype, refRemap(data, shape, maps, border, fill), 0);
          guard.unchanged();
          x.dispose();
        },
      );
    });
  });

  it('hand-checked 3×3: horizontal flip, 90° rotation, crop with zero padding, reflect padding', () => {
    // 1 2 3
    // 4 5 6
    // 7 8 9
    const x = tf.tensor4d([1, 2, 3, 4, 5, 6, 7, 8, 9], [1, 3, 3, 1]);
    const run = (map: IndexMap, border?: 'constant' | 'reflect' | 'edge') => {
      const out = remap(x, [map], border ? { border } : undefined);
      const v = Array.from(out.dataSync());
      out.dispose();
      return v;
    };
    expect(run({ y: [1, 0, 0], x: [0, -1, 2] })).toEqual([3, 2, 1, 6, 5, 4, 9, 8, 7]);
    // counter-clockwise quarter turn (np.rot90): out(r, c) = in(c, W-1-r)
    expect(run({ y: [0, 1, 0], x: [-1, 0, 2] })).toEqual([3, 6, 9, 2, 5, 8, 1, 4, 7]);
    // crop window starting one pixel up and left of the image: zero padding on top and left
    expect(run({ y: [1, 0, -1], x: [0, 1, -1] })).toEqual([0, 0, 0, 0, 1, 2, 0, 4, 5]);
    expect(run({ y: [1, 0, -1], x: [0, 1, -1] }, 'reflect')).toEqual([5, 4, 5, 2, 1, 2, 5, 4, 5]);
    expect(run({ y: [1, 0, 2], x: [0, 1, 0] }, 'edge')).toEqual([7, 8, 9, 7, 8, 9, 7, 8, 9]);
    x.dispose();
  });

  it('offsets far outside the image: constant gives the fill, reflect keeps bouncing', () => {
    const x = tf.tensor4d([1, 2, 3], [1, 1, 3, 1]);
    const far = remap(x, [{ y: [1, 0, 0], x: [0, 1, 7] }], { border: 'reflect' });
    // columns 7, 8, 9 fold with period 4: 7 -> 1, 8 -> 0, 9 -> 1
    expect(Array.from(far.dataSync())).toEqual([2, 1, 2]);
    const gone = remap(x, [{ y: [1, 0, -5], x: [0, 1, 0] }], { fill: 9 });
    expect(Array.from(gone.dataSync())).toEqual([9, 9, 9]);
    tf.dispose([x, far, gone]);
  });
});
