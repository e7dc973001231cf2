import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { equalize, equalizeLut } from '../../src/ops/equalize.js';
import { BACKENDS } from '../helpers.js';

const histogram = (counts: Record<number, number>) => Int32Array.from({ length: 256 }, (_, i) => counts[i] ?? 0);

describe('equalizeLut (PIL ImageOps.equalize)', () => {
  it('256 pixels: 128 at level 10, 127 at 20, 1 at 30 → step 1, levels map to the pixels below them', () => {
    const lut = equalizeLut(histogram({ 10: 128, 20: 127, 30: 1 }))!;
    // step = ⌊(256 − 1) / 255⌋ = 1; lut[i] = ⌊(0 + below) / 1⌋, clamped to 255.
    expect([lut[10], lut[20], lut[30], lut[0], lut[255]]).toEqual([0, 128, 255, 0, 255]);
  });

  it('step 2: 600 pixels at 0..2 and 10 at the top level 200', () => {
    // step = ⌊(610 − 10) / 255⌋ = 2, n starts at ⌊2/2⌋ = 1: lut[0] = 0, lut[1] = ⌊(1 + 200)/2⌋ = 100, lut[2] = ⌊(1 + 400)/2⌋ = 200, lut[200] = ⌊601/2⌋ → 255.
    const lut = equalizeLut(histogram({ 0: 200, 1: 200, 2: 200, 200: 10 }))!;
    expect([lut[0], lut[1], lut[2], lut[200]]).toEqual([0, 100, 200, 255]);
  });

  it('is null (no change) when step is 0: one level, or fewer than 255 pixels below the top one', () => {
    expect(equalizeLut(histogram({ 7: 1000 }))).toBeNull();
    expect(equalizeLut(histogram({ 3: 100, 9: 100 }))).toBeNull();
  });
});

describe.each(BACKENDS)('equalize on %s', (backend) => {
  beforeAll(async () => {
    expect(await tf.setBackend(backend)).toBe(true);
  });

  it('per image and channel, on the byte levels, back to floats', () => {
    // Image 0, channel 0: the 128/127/1 histogram above; channel 1: constant (stays).
    const c0 = [...Array<number>(128).fill(10), ...Array<number>(127).fill(20), 30];
    const data = c0.flatMap((v) => [v / 255, 0.5]);
    // Image 1: the same channel 0 mirrored to channel 1, so equalisation is per channel.
    const data1 = c0.flatMap((v) => [0.5, v / 255]);
    const x = tf.tensor4d([...data, ...data1], [2, 16, 16, 2]);
    const out = tf.tidy(() => equalize(x));
    const values = Array.from(out.dataSync());
    const map = { 10: 0, 20: 128, 30: 255 } as Record<number, number>;
    const expected = [...c0.flatMap((v) => [map[v] / 255, 127 / 255]), ...c0.flatMap((v) => [127 / 255, map[v] / 255])];
    values.forEach((v, k) => expect(Math.abs(v - expected[k])).toBeLessThan(1e-7));
    tf.dispose([x, out]);
  });
});
