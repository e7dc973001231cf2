import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { autocontrast, fromLevels, posterize, solarize, toLevels } from '../../src/ops/tone.js';
import { BACKENDS, expectClose } from '../helpers.js';

const levels = (values: number[]) => values.map((v) => v / 255);
const run = (f: () => tf.Tensor) => {
  const out = tf.tidy(f);
  const data = Array.from(out.dataSync());
  out.dispose();
  return data;
};

describe.each(BACKENDS)('tone ops on %s', (backend) => {
  beforeAll(async () => {
    expect(await tf.setBackend(backend)).toBe(true);
  });

  it('toLevels is floor(x · 255.999) after clamping: k/255 maps back to k', () => {
    const x = tf.tensor4d([0, 1 / 255, 0.2, 0.5, 254 / 255, 1, 1.2, -0.1], [1, 1, 8, 1]);
    expect(run(() => toLevels(x))).toEqual([0, 1, 51, 127, 254, 255, 255, 0]);
    expectClose(run(() => fromLevels(toLevels(x))), levels([0, 1, 51, 127, 254, 255, 255, 0]), 1e-7);
    x.dispose();
  });

  it('posterize keeps the top bits of each byte level, one bit count per sample', () => {
    const row = [0, 63, 64, 130, 200, 255];
    const x = tf.tensor4d(levels([...row, ...row, ...row]), [3, 1, 6, 1]);
    // 2 bits: multiples of 64; 7 bits: even levels; 8 bits: unchanged.
    const expected = [[0, 0, 64, 128, 192, 192], [0, 62, 64, 130, 200, 254], row];
    expectClose(run(() => posterize(x, [2, 7, 8])), levels(expected.flat()), 1e-7);
    expect(run(() => posterize(x, [0, 0, 0]))).toEqual(Array<number>(18).fill(0));
    x.dispose();
  });

  it('solarize inverts values at or above each sample\'s threshold', () => {
    const x = tf.tensor4d([0.2, 0.5, 0.9, 0.2, 0.5, 0.9], [2, 1, 3, 1]);
    const t = tf.tensor4d([0.5, 1], [2, 1, 1, 1]);
    expectClose(run(() => solarize(x, t)), [0.2, 0.5, 0.1, 0.2, 0.5, 0.9]);
    tf.dispose([x, t]);
  });

  it('autocontrast stretches each channel to [0, 1]; a constant channel stays', () => {
    // Channel 0: 0.2, 0.4, 0.6 → 0, 0.5, 1; channel 1 constant 0.3.
    const x = tf.tensor4d([0.2, 0.3, 0.4, 0.3, 0.6, 0.3], [1, 1, 3, 2]);
    expectClose(run(() => autocontrast(x)), [0, 0.3, 0.5, 0.3, 1, 0.3]);
    x.dispose();
  });
});
