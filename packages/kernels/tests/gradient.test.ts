// Gradients: while a tape records, every op must take the composed-ops fallback (fused kernels
// have no gradient) and the gradient must be right. See grad-standins.ts for why stand-in
// gradients are registered here.
import * as tf from '@tensorflow/tfjs-core';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { fusedKernelNames, maskBlend, mixLerp, mixLerpK, pasteBoxes, pastePatches, pasteResized, registerNoFusedBackend } from '@mixzoo/kernels';
import { registerStandInGradients } from './grad-standins.js';
import { BACKENDS, expectClose, prng, randomFloats, refPasteResized, sizeOf } from './helpers.js';

/** Names of the kernels run while `fn` runs. */
function kernelsRun(fn: () => void): string[] {
  const spy = vi.spyOn(tf.engine(), 'runKernel');
  try {
    fn();
    return spy.mock.calls.map((c) => c[0]);
  } finally {
    spy.mockRestore();
  }
}

describe.each(BACKENDS)('gradients through the fallback on %s', (backend) => {
  beforeAll(async () => {
    registerNoFusedBackend();
    registerStandInGradients();
    expect(await tf.setBackend(backend)).toBe(true);
  });
  afterEach(() => vi.restoreAllMocks());

  it('outside a tape the fused kernel runs (where registered); under tf.grad it never does', () => {
    const x = tf.tensor2d([1, 2, 3, 4, 5, 6], [3, 2]);
    const plain = kernelsRun(() => mixLerp(x, [1, 2, 0], [0.5, 0.5, 0.5]).dispose());
    expect(plain.includes('MixzooMixLerp')).toBe(backend !== 'cpu-nofused');
    const taped = kernelsRun(() => tf.grad((t: tf.Tensor) => tf.sum(mixLerp(t, [1, 2, 0], [0.5, 0.5, 0.5])))(x).dispose());
    expect(taped.filter((k) => fusedKernelNames.includes(k))).toEqual([]);
    expect(taped).toContain('Multiply');
    x.dispose();
  });

  it('d sum(mixLerp(x, partner, λ)) / dx_i = λ_i + Σ_{j: partner_j = i} (1 − λ_j)', () => {
    const [batch, dim] = [5, 3];
    const partner = [1, 1, 4, 0, 2];
    const lambda = [0.25, 1, 0, 0.5, 0.9];
    const x = tf.tensor2d(randomFloats(batch * dim, prng(1)), [batch, dim]);
    const before = tf.memory().numTensors;
    const g = tf.grad((t: tf.Tensor) => tf.sum(mixLerp(t, partner, lambda)))(x);
    const expected = Array.from({ length: batch }, (_, i) =>
      lambda[i] + partner.reduce((s, p, j) => s + (p === i ? 1 - lambda[j] : 0), 0));
    expectClose(g.dataSync(), expected.flatMap((v) => new Array<number>(dim).fill(v)));
    g.dispose();
    expect(tf.memory().numTensors).toBe(before);
    x.dispose();
  });

  it('mixLerp with a partner batch: gradients to both x and xb (weighted sum)', () => {
    const x = tf.tensor2d([1, 2, 3, 4], [2, 2]);
    const xb = tf.tensor2d([5, 6, 7, 8, 9, 10], [3, 2]);
    const w = tf.tensor2d([1, 2, 3, 4], [2, 2]);
    const f = (a: tf.Tensor, b: tf.Tensor) => tf.sum(tf.mul(mixLerp(a, [2, 2], [0.25, 0.5], b), w));
    const [gx, gxb] = tf.grads(f)([x, xb]);
    expectClose(gx.dataSync(), [0.25, 0.5, 1.5, 2]);
    expectClose(gxb.dataSync(), [0, 0, 0, 0, 0.75 * 1 + 0.5 * 3, 0.75 * 2 + 0.5 * 4]);
    tf.dispose([x, xb, w, gx, gxb]);
  });

  it('mixLerpK: d sum(out) / dx_j = Σ of the weights that pick sample j (fused kernel never runs under the tape)', () => {
    const partners = [[0, 2, 1], [1], [2, 0]];
    const weights = [[0.5, 0.3, 0.2], [1], [0.25, 0.75]];
    const x = tf.tensor2d([1, 2, 3, 4, 5, 6], [3, 2]);
    const taped = kernelsRun(() => tf.grad((t: tf.Tensor) => tf.sum(mixLerpK(t, partners, weights)))(x).dispose());
    expect(taped.filter((k) => fusedKernelNames.includes(k))).toEqual([]);
    const g = tf.grad((t: tf.Tensor) => tf.sum(mixLerpK(t, partners, weights)))(x);
    // sample 0: 0.5 + 0.75; sample 1: 0.2 + 1; sample 2: 0.3 + 0.25
    expectClose(g.dataSync(), [1.25, 1.25, 1.2, 1.2, 0.55, 0.55]);
    tf.dispose([x, g]);
  });

  it('maskBlend: gradients to x (M), to the partner (1 − M) and to the mask (x − partner)', () => {
    const x = tf.tensor4d([1, 2, 3, 4], [2, 1, 2, 1]);
    const mask = tf.tensor3d([1, 0.25], [1, 1, 2]);
    const [gx, gm] = tf.grads((a: tf.Tensor, m: tf.Tensor) => tf.sum(maskBlend(a, [1, 0], m)))([x, mask]);
    // sample 0 = M·x0 + (1−M)·x1, sample 1 = M·x1 + (1−M)·x0: each pixel gets M + (1 − M) = 1.
    expectClose(gx.dataSync(), [1, 1, 1, 1]);
    // d/dM at each pixel: (x0 − x1) + (x1 − x0) = 0 (shared mask, symmetric pairs).
    expectClose(gm.dataSync(), [0, 0]);
    tf.dispose([x, mask, gx, gm]);
  });

  it('pasteBoxes and pastePatches: each input pixel gets the number of output pixels it lands in', () => {
    const x = tf.tensor4d(randomFloats(2 * 3 * 4, prng(2)), [2, 3, 4, 1]);
    const g1 = tf.grad((t: tf.Tensor) => tf.sum(pasteBoxes(t, [1, 0], [{ y0: 0, x0: 1, y1: 2, x1: 3 }, null])))(x);
    // sample 0's box [0,2)×[1,3) comes from sample 1: those pixels of x0 get 0, of x1 get 2.
    expect(Array.from(g1.dataSync())).toEqual([1, 0, 0, 1, 1, 0, 0, 1, 1, 1, 1, 1, 1, 2, 2, 1, 1, 2, 2, 1, 1, 1, 1, 1]);
    const g2 = tf.grad((t: tf.Tensor) =>
      tf.sum(pastePatches(t, [[{ source: 1, box: { y0: 0, x0: 0, y1: 1, x1: 2 }, from: { y: 2, x: 2 } }], []])))(x);
    expect(Array.from(g2.dataSync())).toEqual([0, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 2, 2]);
    tf.dispose([x, g1, g2]);
  });

  it('pasteResized: the gradient to the partner is the adjoint of the bilinear resize', () => {
    const shape = [2, 4, 5, 1];
    const box = { y0: 1, x0: 0, y1: 4, x1: 3 };
    const x = tf.tensor4d(randomFloats(sizeOf(shape), prng(3)), shape as [number, number, number, number]);
    const g = tf.grad((t: tf.Tensor) => tf.sum(pasteResized(t, [1, 0], [box, null])))(x);
    // Linear in x: d sum / dx_q = sum(ref(e_q)) with e_q the one-hot input.
    const expected = Array.from({ length: sizeOf(shape) }, (_, q) => {
      const e = new Float64Array(sizeOf(shape));
      e[q] = 1;
      return refPasteResized(e, e, shape, [1, 0], [box, null], false).reduce((s, v) => s + v, 0);
    });
    expectClose(g.dataSync(), expected, 1e-5);
    tf.dispose([x, g]);
  });
});
