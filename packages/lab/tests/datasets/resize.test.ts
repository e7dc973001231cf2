import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { resizeBilinearU8 } from '@mixzoo/lab';

beforeAll(() => tf.setBackend('cpu'));

describe('resizeBilinearU8', () => {
  it('matches tf.image.resizeBilinear (alignCorners false, half-pixel centres), rounded', () => {
    const [h, w, c] = [5, 7, 3];
    const src = Uint8Array.from({ length: h * w * c }, (_, i) => (i * 37 + 11) & 255);
    for (const [th, tw] of [[3, 4], [9, 13], [5, 2], [1, 1]]) {
      const want = tf.tidy(() => tf.image.resizeBilinear(tf.tensor3d(Float32Array.from(src), [h, w, c]), [th, tw], false, true).dataSync());
      expect(Array.from(resizeBilinearU8(src, h, w, c, th, tw)), `${th}×${tw}`).toEqual(Array.from(want, (v) => Math.round(v)));
    }
  });

  it('worked example: a 1×2 row [0, 100] widened to 4 samples at 0.25 steps', () => {
    // Output columns sample source x = (k + 0.5)/2 - 0.5 = -0.25 (clamped to 0), 0.25, 0.75, 1.25 (clamped to 1).
    expect(Array.from(resizeBilinearU8(Uint8Array.from([0, 100]), 1, 2, 1, 1, 4))).toEqual([0, 25, 75, 100]);
  });

  it('the same size is a copy, not the input', () => {
    const src = Uint8Array.from([1, 2, 3, 4]);
    const out = resizeBilinearU8(src, 2, 2, 1, 2, 2);
    expect(out).toEqual(src);
    out[0] = 9;
    expect(src[0]).toBe(1);
  });
});
