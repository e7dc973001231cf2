import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { mixLerpK } from '@mixzoo/kernels';
import { describeOnBackends, expectOutput, guardInputs, prng, randomFloats, randomIndices, randomInts, refLerpK, sizeOf } from './helpers.js';

const SHAPES: number[][] = [[5], [3, 4], [5, 7, 3], [3, 4, 1]];

/** Ragged rows of 1..4 terms, Dirichlet-like weights (normalised uniforms) with exact 0 and 1 cases mixed in. */
function randomRows(batch: number, bound: number, next: () => number): { partners: number[][]; weights: number[][] } {
  const partners: number[][] = [];
  const weights: number[][] = [];
  for (let i = 0; i < batch; i++) {
    const k = 1 + (i % 4);
    partners.push(randomIndices(k, bound, next));
    if (k === 1) weights.push([1]);
    else if (i % 5 === 2) weights.push(Array.from({ length: k }, (_, j) => (j === 1 ? 1 : 0)));
    else {
      const raw = Array.from({ length: k }, () => next() + 0.05);
      const sum = raw.reduce((s, v) => s + v, 0);
      const w = raw.map((v) => v / sum);
      w[k - 1] = 1 - w.slice(0, k - 1).reduce((s, v) => s + v, 0);
      weights.push(w);
    }
  }
  return { partners, weights };
}

describeOnBackends('mixLerpK', () => {
  describe.each([0, 1, 2, 7])('B = %i', (batch) => {
    it.each(SHAPES.map((s) => [s.join('×'), s] as const))('per-sample shape %s matches the reference', (_, sample) => {
      const next = prng(batch * 31 + sizeOf(sample));
      const shape = [batch, ...sample];
      const data = randomFloats(sizeOf(shape), next);
      const x = tf.tensor(data, shape);
      const { partners, weights } = randomRows(batch, batch, next);
      const guard = guardInputs(x);
      expectOutput(mixLerpK(x, partners, weights), shape, 'float32', refLerpK(data, shape, partners, weights));
      guard.unchanged();
      x.dispose();
    });

    it('partner batch xb of another size, int32 data blended in float32', () => {
      const next = prng(77 + batch);
      const shape = [batch, 3, 2, 3];
      const otherShape = [4, 3, 2, 3];
      const x = tf.tensor(randomInts(sizeOf(shape), next), shape, 'int32');
      const b = randomInts(sizeOf(otherShape), next);
      const xb = tf.tensor(b, otherShape, 'int32');
      const { partners, weights } = randomRows(batch, 4, next);
      const guard = guardInputs(x, xb);
      expectOutput(mixLerpK(x, partners, weights, xb), shape, 'float32', refLerpK(b, shape, partners, weights), 1e-5);
      guard.unchanged();
      tf.dispose([x, xb]);
    });
  });

  it('a row [i] with weight 1 copies sample i exactly; repeated partners add up', () => {
    const x = tf.tensor2d([1, 2, 10, 20, 100, 200], [3, 2]);
    const out = mixLerpK(x, [[0], [2, 2, 0], [1, 0]], [[1], [0.25, 0.25, 0.5], [0.5, 0.5]]);
    expect(Array.from(out.dataSync())).toEqual([1, 2, 50.5, 101, 5.5, 11]);
    tf.dispose([x, out]);
  });

  it('k = 2 rows agree with mixLerp semantics (λ on the own sample)', () => {
    const next = prng(5);
    const shape = [4, 3, 3, 1];
    const data = randomFloats(sizeOf(shape), next);
    const x = tf.tensor(data, shape);
    const partner = [2, 0, 3, 1];
    const lambda = [0.3, 0.9, 0.5, 0.1];
    const out = mixLerpK(x, partner.map((p, i) => [i, p]), lambda.map((l) => [l, 1 - l]));
    const size = sizeOf(shape.slice(1));
    const expected = Array.from({ length: data.length }, (_, e) => {
      const i = Math.floor(e / size);
      return lambda[i] * data[e] + (1 - lambda[i]) * data[partner[i] * size + (e % size)];
    });
    expectOutput(out, shape, 'float32', expected);
    x.dispose();
  });
});
