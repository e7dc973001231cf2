import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { brightness, contrast, saturation, sharpness } from '../../src/ops/enhance.js';
import { BACKENDS, expectClose } from '../helpers.js';

const factor = (...f: number[]) => tf.tensor4d(f, [f.length, 1, 1, 1]);
const run = (f: () => tf.Tensor) => {
  const out = tf.tidy(f);
  const data = Array.from(out.dataSync());
  out.dispose();
  return data;
};

describe.each(BACKENDS)('enhance ops on %s', (backend) => {
  beforeAll(async () => {
    expect(await tf.setBackend(backend)).toBe(true);
  });

  it('brightness scales and clamps, one factor per sample', () => {
    const x = tf.tensor4d([0.2, 0.8, 0.2, 0.8], [2, 1, 2, 1]);
    expectClose(run(() => brightness(x, factor(1.5, 0.5))), [0.3, 1, 0.1, 0.4]);
    x.dispose();
  });

  it('contrast blends with the mean of the image (one channel) or of its luma (RGB)', () => {
    const gray = tf.tensor4d([0.4, 0.6, 0.5, 0.5], [1, 2, 2, 1]);
    // mean 0.5; factor 2: 2x − 0.5.
    expectClose(run(() => contrast(gray, factor(2))), [0.3, 0.7, 0.5, 0.5]);
    const rgb = tf.tensor4d([1, 0, 0, 0, 0, 1], [1, 1, 2, 3]);
    // luma mean (0.2989 + 0.114) / 2 = 0.20645; factor 0 gives it everywhere.
    expectClose(run(() => contrast(rgb, factor(0))), Array<number>(6).fill(0.20645));
    tf.dispose([gray, rgb]);
  });

  it("color (saturation) returns one channel as it is and blends RGB with its luma", () => {
    const gray = tf.tensor4d([0.1, 0.9], [1, 1, 2, 1]);
    expect(run(() => saturation(gray, factor(0)))).toEqual([Math.fround(0.1), Math.fround(0.9)]);
    const rgb = tf.tensor4d([1, 0, 0], [1, 1, 1, 3]);
    expectClose(run(() => saturation(rgb, factor(0.5))), [0.5 + 0.5 * 0.2989, 0.5 * 0.2989, 0.5 * 0.2989]);
    tf.dispose([gray, rgb]);
  });

  it('sharpness blends with the SMOOTH-filtered interior (borders kept); factor 0 is that degenerate image', () => {
    // 3×4, one bright pixel at (1, 1): interior pixels (1, 1) and (1, 2) are filtered.
    const x = tf.tensor4d([0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0], [1, 3, 4, 1]);
    expectClose(run(() => sharpness(x, factor(0))), [0, 0, 0, 0, 0, 5 / 13, 1 / 13, 0, 0, 0, 0, 0]);
    // Factor 1.5: 1.5 x − 0.5 degenerate, clamped to [0, 1].
    expectClose(run(() => sharpness(x, factor(1.5))), [0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0]);
    expectClose(run(() => sharpness(x, factor(0.5))), [0, 0, 0, 0, 0, 0.5 + 2.5 / 13, 0.5 / 13, 0, 0, 0, 0, 0]);
    const thin = tf.tensor4d([0, 1, 0, 1], [1, 2, 2, 1]);
    expect(run(() => sharpness(thin, factor(0)))).toEqual([0, 1, 0, 1]);
    tf.dispose([x, thin]);
  });
});
