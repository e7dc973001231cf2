import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { mixLerp } from '@mixzoo/kernels';
import {
  describeOnBackends, expectOutput, guardInputs, prng, randomFloats, randomIndices, randomInts, randomLambda, refLerp, sizeOf,
} from './helpers.js';

const SHAPES: number[][] = [[5], [5, 3, 4], [5, 7, 3], [3, 4, 1], [5, 3, 3]]; // per-sample: [D], [T,D], [H,W,C] odd / non-square, C 1 and 3

/** mixLerp of a seeded tensor with random partners and λ (0 and 1 included) against the reference; x untouched. */
function expectLerp(seed: number, shape: number[], dtype: 'float32' | 'int32' = 'float32'): void {
  const next = prng(seed);
  const data = dtype === 'int32' ? randomInts(sizeOf(shape), next) : randomFloats(sizeOf(shape), next);
  const x = tf.tensor(data, shape, dtype);
  const partner = randomIndices(shape[0], shape[0], next);
  const lambda = randomLambda(shape[0], next);
  const guard = guardInputs(x);
  expectOutput(mixLerp(x, partner, lambda), shape, 'float32', refLerp(data, data, shape, partner, lambda));
  guard.unchanged();
  x.dispose();
}

describeOnBackends('mixLerp', () => {
  describe.each([0, 1, 2, 7])('B = %i', (batch) => {
    it.each(SHAPES.map((s) => [s.join('×'), s] as const))('per-sample shape %s matches the reference', (_, sample) => {
      expectLerp(batch * 100 + sizeOf(sample), [batch, ...sample]);
    });

    it('rank 1 [B] (one value per sample)', () => expectLerp(7 + batch, [batch]));

    it('partner batch xb of another size (cross-dataset)', () => {
      const next = prng(31 + batch);
      const shape = [batch, 4, 5, 3];
      const otherShape = [3, 4, 5, 3];
      const a = randomFloats(sizeOf(shape), next);
      const b = randomFloats(sizeOf(otherShape), next);
      const x = tf.tensor(a, shape);
      const xb = tf.tensor(b, otherShape);
      const partner = randomIndices(batch, 3, next);
      const lambda = randomLambda(batch, next);
      const guard = guardInputs(x, xb);
      expectOutput(mixLerp(x, partner, lambda, xb), shape, 'float32', refLerp(a, b, shape, partner, lambda));
      guard.unchanged();
      tf.dispose([x, xb]);
    });

    it('int32 input is blended in float32', () => expectLerp(57 + batch, [batch, 3, 2], 'int32'));
  });

  it('λ = 1 returns x exactly, λ = 0 returns the partner exactly', () => {
    const next = prng(99);
    const shape = [4, 3, 5, 3];
    const data = randomFloats(sizeOf(shape), next);
    const x = tf.tensor(data, shape);
    const size = sizeOf(shape.slice(1));
    const out = mixLerp(x, [3, 2, 1, 0], [1, 0, 1, 0]);
    const values = out.dataSync();
    expect(Array.from(values.subarray(0, size))).toEqual(Array.from(data.subarray(0, size)));
    expect(Array.from(values.subarray(size, 2 * size))).toEqual(Array.from(data.subarray(2 * size, 3 * size)));
    tf.dispose([x, out]);
  });

  it('a partner batch with an int32 dtype keeps float32 output with int32 x', () => {
    const x = tf.tensor2d([[1, 2], [3, 4]], [2, 2], 'int32');
    const xb = tf.tensor2d([[10, 20]], [1, 2], 'int32');
    expectOutput(mixLerp(x, [0, 0], [0.5, 0.25], xb), [2, 2], 'float32', [5.5, 11, 8.25, 16]);
    tf.dispose([x, xb]);
  });
});
