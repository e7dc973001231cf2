// Finite-difference checks of the kernels' gradients, with tfjs-layers loaded so that tfjs's real
// gradients are registered (no stand-ins). The gradient comes from the tape (composed-ops
// fallback); the finite differences evaluate the op outside any tape, i.e. the FUSED kernel on
// cpu and wasm and the fallback on cpu-nofused, so each check also ties the two paths together.
// The loss is L = ½ Σ w ⊙ op(args)² with fixed random w: every op is linear in each argument, so
// L is quadratic and a central difference is exact up to float32 rounding, whatever the step.
import '@tensorflow/tfjs-layers';
import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { hasFusedKernel, maskBlend, mixLerp, pasteBoxes, pastePatches, pasteResized, registerNoFusedBackend } from '@mixzoo/kernels';
import { BACKENDS, describeOnBackends, prng, randomFloats, sizeOf } from './helpers.js';

const STEP = 0.25;

interface Case {
  name: string;
  op: string;
  /** Shapes of the differentiable arguments, and the op applied to them. */
  shapes: number[][];
  run(...args: tf.Tensor[]): tf.Tensor;
  /** Values of argument k (default: uniform in [-1, 1)). */
  values?(k: number, n: number): Float32Array;
}

/** Soft mask values in [0.3, 0.7]: stay inside [0, 1] under ± STEP. */
const softMask = (n: number, seed: number) => Float32Array.from(randomFloats(n, prng(seed)), (v) => 0.5 + 0.2 * v);

const CASES: Case[] = [
  { name: 'mixLerp (own batch, λ of 0 and 1 included)', op: 'mixLerp', shapes: [[4, 3, 2]], run: (x) => mixLerp(x, [2, 0, 3, 3], [0.3, 1, 0, 0.6]) },
  { name: 'mixLerp with a partner batch', op: 'mixLerp', shapes: [[3, 5], [2, 5]], run: (x, xb) => mixLerp(x, [1, 1, 0], [0.25, 0.7, 0.5], xb) },
  {
    name: 'maskBlend, per-sample soft masks (gradients to x, xb and the mask)', op: 'maskBlend', shapes: [[2, 3, 4, 2], [3, 3, 4, 2], [2, 3, 4]],
    run: (x, xb, m) => maskBlend(x, [2, 0], m, xb), values: (k, n) => (k === 2 ? softMask(n, 7) : randomFloats(n, prng(10 + k))),
  },
  {
    name: 'maskBlend, one shared mask', op: 'maskBlend', shapes: [[3, 2, 3, 1], [1, 2, 3]],
    run: (x, m) => maskBlend(x, [1, 2, 0], m), values: (k, n) => (k === 1 ? softMask(n, 8) : randomFloats(n, prng(20))),
  },
  {
    name: 'pasteBoxes (border, empty and null boxes)', op: 'pasteBoxes', shapes: [[3, 4, 5, 2]],
    run: (x) => pasteBoxes(x, [1, 2, 0], [{ y0: 0, x0: 2, y1: 3, x1: 5 }, { y0: 1, x0: 1, y1: 1, x1: 4 }, null]),
  },
  {
    name: 'pasteBoxes from a partner batch', op: 'pasteBoxes', shapes: [[2, 3, 3, 1], [3, 3, 3, 1]],
    run: (x, xb) => pasteBoxes(x, [2, 2], [{ y0: 1, x0: 0, y1: 3, x1: 2 }, { y0: 0, x0: 0, y1: 3, x1: 3 }], xb),
  },
  {
    name: 'pastePatches with from offsets (RICAP tiles)', op: 'pastePatches', shapes: [[2, 4, 4, 1]],
    run: (x) => pastePatches(x, [[{ source: 1, box: { y0: 0, x0: 0, y1: 2, x1: 3 }, from: { y: 2, x: 1 } }, { source: 0, box: { y0: 2, x0: 0, y1: 4, x1: 4 }, from: { y: 0, x: 0 } }], []]),
  },
  {
    name: 'pasteResized (bilinear)', op: 'pasteResized', shapes: [[2, 4, 5, 1]],
    run: (x) => pasteResized(x, [1, 0], [{ y0: 1, x0: 0, y1: 4, x1: 3 }, { y0: 0, x0: 2, y1: 2, x1: 5 }]),
  },
];

function argValues(c: Case): Float32Array[] {
  return c.shapes.map((shape, k) => (c.values ? c.values(k, sizeOf(shape)) : randomFloats(sizeOf(shape), prng(100 + k))));
}

/** ½ Σ w·out², in float64 from the op's output (no tape: fused where the backend has it). */
function lossAt(c: Case, values: Float32Array[], w: Float32Array): number {
  const out = tf.tidy(() => c.run(...values.map((v, k) => tf.tensor(v, c.shapes[k]))).dataSync());
  return Array.from(out).reduce((s, o, i) => s + 0.5 * w[i] * o * o, 0);
}

/** Gradients of the same loss through tf.grads (the tape: composed-ops fallback). */
function tapeGradients(c: Case, values: Float32Array[], w: Float32Array, outShape: number[]): Float32Array[] {
  return tf.tidy(() => {
    const weights = tf.tensor(w, outShape);
    const f = (...args: tf.Tensor[]) => tf.mul<tf.Scalar>(0.5, tf.sum(tf.mul(weights, tf.square(c.run(...args)))));
    return tf.grads(f)(values.map((v, k) => tf.tensor(v, c.shapes[k]))).map((g) => g.dataSync() as Float32Array);
  });
}

function finiteDifferences(c: Case, values: Float32Array[], w: Float32Array): Float64Array[] {
  return values.map((v, k) => {
    const g = new Float64Array(v.length);
    for (let e = 0; e < v.length; e++) {
      const at = (delta: number) => values.map((u, j) => (j === k ? Float32Array.from(u, (x, i) => (i === e ? x + delta : x)) : u));
      g[e] = (lossAt(c, at(STEP), w) - lossAt(c, at(-STEP), w)) / (2 * STEP);
    }
    return g;
  });
}

describeOnBackends('gradients vs finite differences (real tfjs gradients)', (backend) => {
  it.each(CASES)('$name', (c) => {
    // the finite differences run the fused kernel on cpu and wasm, the fallback on cpu-nofused
    expect(hasFusedKernel(c.op, backend)).toBe(backend !== 'cpu-nofused');
    const values = argValues(c);
    const outShape = tf.tidy(() => c.run(...values.map((v, k) => tf.tensor(v, c.shapes[k]))).shape);
    const w = randomFloats(sizeOf(outShape), prng(3));
    const before = tf.memory().numTensors;
    const taped = tapeGradients(c, values, w, outShape);
    expect(tf.memory().numTensors).toBe(before);
    const numeric = finiteDifferences(c, values, w);
    taped.forEach((g, k) => {
      expect(g.length).toBe(numeric[k].length);
      g.forEach((v, e) => {
        if (!(Math.abs(v - numeric[k][e]) <= 1e-4 * Math.max(1, Math.abs(numeric[k][e])))) {
          expect.fail(`argument ${k}, element ${e}: tape ${v}, finite differences ${numeric[k][e]}`);
        }
      });
      // not vacuous: the gradient is not all zeros
      expect(g.some((v) => Math.abs(v) > 1e-3)).toBe(true);
    });
  });
});

describe('tf.grad through mixLerp gives the same result on every backend', () => {
  it('cpu, wasm and cpu-nofused agree to 1e-6', async () => {
    registerNoFusedBackend();
    const c = CASES[1];
    const values = argValues(c);
    const results: Float32Array[][] = [];
    for (const backend of BACKENDS) {
      await tf.setBackend(backend);
      const w = randomFloats(15, prng(5));
      results.push(tapeGradients(c, values, w, [3, 5]));
    }
    for (const other of results.slice(1)) {
      other.forEach((g, k) => g.forEach((v, e) => expect(Math.abs(v - results[0][k][e])).toBeLessThanOrEqual(1e-6)));
    }
    // xb[0] is sample 2's partner (weight 1 − 0.5): its gradient is not zero
    expect(results[0][1].slice(0, 5).some((v) => v !== 0)).toBe(true);
    await tf.setBackend('cpu');
  });
});
