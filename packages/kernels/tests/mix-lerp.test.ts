import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { mixLerp, registerNoFusedBackend } from '@mixzoo/kernels';
import {
  BACKENDS, expectOutput, guardInputs, prng, randomFloats, randomIndices, randomInts, randomLambda, refLerp, sizeOf,
} from './helpers.js';

const SHAPES: number[][] = [[5], [5, 3, 4], [5, 7, 3], [3, 4, 1], [5, 3, 3]]; // per-sample: [D], [T,D], [H,W,C] odd / non-square, C 1 and 3

describe.each(BACKENDS)('mixLerp on %s', (backend) => {
  beforeAll(async () => {
    registerNoFusedBackend();
    expect(await tf.setBackend(backend)).toBe(true);
  });

  describe.each([0, 1, 2, 7])('B = %i', (batch) => {
    it.each(SHAPES.map((s) => [s.join('×'), s] as const))('per-sample shape %s matches the reference', (_, sample) => {
      const next = prng(batch * 100 + sizeOf(sample));
      const shape = [batch, ...sample];
      const data = randomFloats(sizeOf(shape), next);
      const x = tf.tensor(data, shape);
      const partner = randomIndices(batch, batch, next);
      const lambda = randomLambda(batch, next);
      const guard = guardInputs(x);
      expectOutput(mixLerp(x, partner, lambda), shape, 'float32', refLerp(data, data, shape, partner, lambda));
      guard.unchanged();
      x.dispose();
    });

    it('rank 1 [B] (one value per sample)', () => {
      const next = prng(7 + batch);
      const data = randomFloats(batch, next);
      const x = tf.tensor1d(data);
      const partner = randomIndices(batch, batch, next);
      const lambda = randomLambda(batch, next);
      expectOutput(mixLerp(x, partner, lambda), [batch], 'float32', refLerp(data, data, [batch], partner, lambda));
      x.dispose();
    });

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

    it('int32 input is blended in float32', () => {
      const next = prng(57 + batch);
      const shape = [batch, 3, 2];
      const a = randomInts(sizeOf(shape), next);
      const x = tf.tensor(a, shape, 'int32');
      const partner = randomIndices(batch, batch, next);
      const lambda = randomLambda(batch, next);
      const guard = guardInputs(x);
      expectOutput(mixLerp(x, partner, lambda), shape, 'float32', refLerp(a, a, shape, partner, lambda));
      guard.unchanged();
      x.dispose();
    });
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
