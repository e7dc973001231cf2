// Ownership and leaks: outputs are new tensors, inputs are never disposed or modified, and
// nothing stays allocated (tensors, backend data ids) after many calls or after errors.
import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { MixzooError } from '@mixzoo/core';
import { maskBlend, mixLerp, mixLerpK, pasteBoxes, pastePatches, pasteResized, remap } from '@mixzoo/kernels';
import { describeOnBackends, guardInputs, prng, randomFloats, randomInts } from './helpers.js';

describeOnBackends('memory', () => {
  it('many calls of every op leave no tensor and no backend data behind', () => {
    const next = prng(11);
    const x = tf.tensor4d(randomFloats(3 * 5 * 4 * 3, next), [3, 5, 4, 3]);
    const xb = tf.tensor4d(randomFloats(2 * 5 * 4 * 3, next), [2, 5, 4, 3]);
    const xi = tf.tensor4d(randomInts(3 * 5 * 4 * 3, next), [3, 5, 4, 3], 'int32');
    const xbi = tf.tensor4d(randomInts(2 * 5 * 4 * 3, next), [2, 5, 4, 3], 'int32');
    const soft = tf.tensor3d(randomFloats(5 * 4, next).map(Math.abs), [1, 5, 4]);
    const hard = tf.tensor3d(Float32Array.from({ length: 3 * 5 * 4 }, (_, k) => k % 2), [3, 5, 4]);
    const guard = guardInputs(x, xb, xi, xbi, soft, hard);
    const tensors = tf.memory().numTensors;
    const bytes = tf.memory().numBytes;
    const dataIds = tf.backend().numDataIds();
    const box = { y0: 1, x0: 1, y1: 4, x1: 3 };
    for (let round = 0; round < 25; round++) {
      const outs = [
        mixLerp(x, [2, 0, 1], [0.3, 1, 0]),
        mixLerp(x, [1, 0, 1], [0.5, 0.5, 0.5], xb),
        mixLerp(xi, [2, 0, 1], [0.3, 1, 0]),
        maskBlend(x, [2, 0, 1], soft),
        maskBlend(xi, [2, 0, 1], hard),
        pasteBoxes(x, [2, 0, 1], [box, null, box]),
        pasteBoxes(xi, [1, 1, 0], [box, box, null], xbi),
        pastePatches(x, [[{ source: 1, box, from: { y: 0, x: 0 } }], [], [{ source: 0, box }]], xb),
        pasteResized(x, [2, 0, 1], [box, box, null]),
        pasteResized(xi, [2, 0, 1], [box, null, box]),
        mixLerpK(x, [[0, 1, 2], [1], [2, 0]], [[0.2, 0.3, 0.5], [1], [0.5, 0.5]]),
        mixLerpK(xi, [[0, 1], [1], [0]], [[0.5, 0.5], [1], [1]], xbi),
        remap(x, [{ y: [1, 0, -1], x: [0, -1, 4] }, null, { y: [-1, 0, 4], x: [0, 1, 2] }]),
        remap(xi, [{ y: [1, 0, 1], x: [0, 1, -1] }, null, null], { border: 'reflect' }),
      ];
      tf.dispose(outs);
    }
    expect(tf.memory().numTensors).toBe(tensors);
    expect(tf.memory().numBytes).toBe(bytes);
    expect(tf.backend().numDataIds()).toBe(dataIds);
    guard.unchanged();
    tf.dispose([x, xb, xi, xbi, soft, hard]);
  });

  it('errors thrown from inside a kernel (mask values) leave no backend data behind', () => {
    const x = tf.tensor4d([1, 2, 3, 4], [1, 2, 2, 1], 'int32');
    const soft = tf.tensor3d([1, 0, 0.5, 1], [1, 2, 2]);
    const tensors = tf.memory().numTensors;
    const dataIds = tf.backend().numDataIds();
    for (let k = 0; k < 5; k++) expect(() => maskBlend(x, [0], soft)).toThrow(MixzooError);
    expect(tf.memory().numTensors).toBe(tensors);
    expect(tf.backend().numDataIds()).toBe(dataIds);
    tf.dispose([x, soft]);
  });

  it('outputs are new tensors, even when nothing is mixed (λ = 1, no boxes)', () => {
    const x = tf.tensor2d([1, 2, 3, 4], [2, 2]);
    const img = tf.tensor4d([1, 2, 3, 4], [1, 2, 2, 1]);
    const outs = [
      mixLerp(x, [0, 1], [1, 1]), pasteBoxes(img, [0], [null]), pastePatches(img, [[]]), pasteResized(img, [0], [null]),
      mixLerpK(x, [[0], [1]], [[1], [1]]), remap(img, [null]),
    ];
    for (const out of outs) {
      expect(out).not.toBe(x);
      expect(out).not.toBe(img);
      out.dispose();
    }
    expect(x.isDisposed || img.isDisposed).toBe(false);
    expect(Array.from(x.dataSync())).toEqual([1, 2, 3, 4]);
    expect(Array.from(img.dataSync())).toEqual([1, 2, 3, 4]);
    tf.dispose([x, img]);
  });

  it('works inside tf.tidy (intermediates of the fallback are released, the result is kept)', () => {
    const x = tf.tensor4d(randomFloats(2 * 3 * 3 * 1, prng(3)), [2, 3, 3, 1]);
    const tensors = tf.memory().numTensors;
    const out = tf.tidy(() => pasteResized(x, [1, 0], [{ y0: 0, x0: 0, y1: 2, x1: 3 }, null]));
    expect(tf.memory().numTensors).toBe(tensors + 1);
    tf.dispose([x, out]);
  });
});

describe('inputs living on another backend', () => {
  it('a cpu tensor is mixed on wasm (moved in by the engine before the kernel reads the heap)', async () => {
    await tf.setBackend('cpu');
    const x = tf.tensor2d([1, 2, 3, 4, 5, 6], [3, 2]);
    await tf.setBackend('wasm');
    const out = mixLerp(x, [2, 0, 1], [0.5, 0.5, 0.5]);
    expect(Array.from(out.dataSync())).toEqual([3, 4, 2, 3, 4, 5]);
    tf.dispose([x, out]);
  });
});
