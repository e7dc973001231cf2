import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { kernelOps, maskBlend, mixLerp, mixLerpK, pasteBoxes } from '@mixzoo/kernels';
import { applyPlan, type KernelOps, type MixPlan } from '@mixzoo/core';

/** The real kernels, recording which op ran. */
function spyOps(): { ops: KernelOps; calls: string[] } {
  const calls: string[] = [];
  const ops: KernelOps = {
    ...kernelOps,
    mixLerp: (...a) => (calls.push('mixLerp'), mixLerp(...a)),
    maskBlend: (...a) => (calls.push('maskBlend'), maskBlend(...a)),
    pasteBoxes: (...a) => (calls.push('pasteBoxes'), pasteBoxes(...a)),
    mixLerpK: (...a) => (calls.push('mixLerpK'), mixLerpK(...a)),
  };
  return { ops, calls };
}

const kway = (partners: number[][], weights: number[][]): MixPlan => ({
  strategy: 't', partner: partners.map((_, i) => i), lambda: partners.map(() => 1), partners, weights,
});

describe('applyPlan with k-way plans (partners/weights, no boxes or masks)', () => {
  it('runs the k-way lerp: out_i = Σ_k w_ik x[p_ik]', async () => {
    await tf.setBackend('cpu');
    const { ops, calls } = spyOps();
    const x = tf.tensor2d([1, 2, 10, 20, 100, 200], [3, 2]);
    const out = applyPlan(ops, x, kway([[0, 1, 2], [1], [2, 0]], [[0.5, 0.25, 0.25], [1], [0.5, 0.5]]));
    expect(calls).toEqual(['mixLerpK']);
    expect(Array.from(out.dataSync())).toEqual([28, 56, 10, 20, 50.5, 101]);
    tf.dispose([x, out]);
  });

  it('an all-identity plan is a copy (a new tensor), also for int32 class maps', () => {
    const { ops, calls } = spyOps();
    const seg = tf.tensor2d([1, 2, 3, 4], [2, 2], 'int32');
    const out = applyPlan(ops, seg, kway([[0], [1, 0]], [[1], [1, 0]]));
    expect(calls).toEqual([]);
    expect(out).not.toBe(seg);
    expect(out.dtype).toBe('int32');
    expect(Array.from(out.dataSync())).toEqual([1, 2, 3, 4]);
    tf.dispose([seg, out]);
  });

  it('int32 tensors with a blending row throw E_TARGET and leak nothing', () => {
    const { ops } = spyOps();
    const seg = tf.tensor2d([1, 2, 3, 4], [2, 2], 'int32');
    const before = tf.memory().numTensors;
    expect(() => applyPlan(ops, seg, kway([[0, 1], [1]], [[0.5, 0.5], [1]]), undefined, 'mixup')).toThrow(
      expect.objectContaining({ code: 'E_TARGET', message: 'mixup: an int32 tensor (class map) cannot be blended by a k-way plan; pass float one-hot maps instead.' }),
    );
    expect(tf.memory().numTensors).toBe(before);
    seg.dispose();
  });

  it('with a separate source (composition), rows that keep their own sample keep x_i; mixed rows read the source', () => {
    const { ops } = spyOps();
    const x = tf.tensor2d([-1, -2, -3, -4, -5, -6], [3, 2]); // already changed by an earlier pass
    const source = tf.tensor2d([1, 2, 10, 20, 100, 200], [3, 2]);
    const before = tf.memory().numTensors;
    const out = applyPlan(ops, x, kway([[0], [1, 2], [2]], [[1], [0.5, 0.5], [1]]), source);
    expect(Array.from(out.dataSync())).toEqual([-1, -2, 55, 110, -5, -6]);
    out.dispose();
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose([x, source]);
  });

  it('plans with partners AND boxes keep the box paste (multi-box plans are not k-way lerps)', () => {
    const { ops, calls } = spyOps();
    const x = tf.tensor4d([1, 2, 3, 4], [2, 1, 2, 1]);
    const plan: MixPlan = {
      strategy: 't', partner: [1, 0], lambda: [0.5, 1], partners: [[0, 1], [1]], weights: [[0.5, 0.5], [1]],
      boxes: [{ y0: 0, x0: 0, y1: 1, x1: 1 }, null], height: 1, width: 2,
    };
    const out = applyPlan(ops, x, plan);
    expect(calls).toEqual(['pasteBoxes']);
    expect(Array.from(out.dataSync())).toEqual([3, 2, 3, 4]);
    tf.dispose([x, out]);
  });
});
