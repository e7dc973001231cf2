import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { selectBackend } from '@mixzoo/core';
import { alignInputs, resizeTarget } from '@mixzoo/cross-dataset';
import { mixzooErrorOf } from '../../../test/helpers/tensors.js';

const codeOf = (fn: () => unknown): { code: string; message: string } => {
  const { code, message } = mixzooErrorOf(fn);
  return { code, message };
};

/** Bilinear with half-pixel centres, written from the definition: source = (r + 0.5)·H/h − 0.5, clamped. */
function bilinearReference(values: number[][], toH: number, toW: number): number[][] {
  const h = values.length;
  const w = values[0].length;
  const coord = (r: number, from: number, to: number) => Math.min(Math.max((r + 0.5) * (from / to) - 0.5, 0), from - 1);
  return Array.from({ length: toH }, (_, r) =>
    Array.from({ length: toW }, (_, c) => {
      const y = coord(r, h, toH);
      const x = coord(c, w, toW);
      const [y0, x0] = [Math.floor(y), Math.floor(x)];
      const [y1, x1] = [Math.min(y0 + 1, h - 1), Math.min(x0 + 1, w - 1)];
      const [dy, dx] = [y - y0, x - x0];
      const top = values[y0][x0] * (1 - dx) + values[y0][x1] * dx;
      const bottom = values[y1][x0] * (1 - dx) + values[y1][x1] * dx;
      return top * (1 - dy) + bottom * dy;
    }),
  );
}

describe.each(['cpu', 'wasm'] as const)('alignInputs on %s', (backend) => {
  it('normalises with one or per-channel statistics: (x − mean) / std', async () => {
    await selectBackend(backend);
    const x = tf.tensor4d([0, 10, 20, 30, 40, 50], [1, 1, 2, 3]);
    const one = alignInputs(x, { mean: 5, std: 2 });
    expect(Array.from(one.dataSync())).toEqual([-2.5, 2.5, 7.5, 12.5, 17.5, 22.5]);
    const per = alignInputs(x, { mean: [0, 10, 20], std: [1, 2, 4] });
    expect(Array.from(per.dataSync())).toEqual([0, 0, 0, 30, 15, 7.5]);
    tf.dispose([x, one, per]);
  });

  it('casts int32 to float32 and returns a new tensor even when nothing changes', async () => {
    await selectBackend(backend);
    const x = tf.tensor2d([[1, 2]], [1, 2], 'int32');
    const out = alignInputs(x, {});
    expect(out.dtype).toBe('float32');
    expect(out).not.toBe(x);
    const y = tf.tensor2d([[1, 2]]);
    const copy = alignInputs(y, {});
    expect(copy).not.toBe(y);
    y.dispose();
    expect(Array.from(copy.dataSync())).toEqual([1, 2]);
    tf.dispose([x, out, copy]);
  });

  it('gray → RGB repeats the channel; RGB → gray takes the BT.601 luma', async () => {
    await selectBackend(backend);
    const gray = tf.tensor4d([0.5, 1], [1, 1, 2, 1]);
    const rgb = alignInputs(gray, { channels: 3 });
    expect(rgb.shape).toEqual([1, 1, 2, 3]);
    expect(Array.from(rgb.dataSync())).toEqual([0.5, 0.5, 0.5, 1, 1, 1]);
    const color = tf.tensor4d([1, 0, 0, 0, 0, 1], [1, 1, 2, 3]);
    const luma = alignInputs(color, { channels: 1 });
    expect(luma.shape).toEqual([1, 1, 2, 1]);
    const [red, blue] = luma.dataSync();
    expect(red).toBeCloseTo(0.299, 6);
    expect(blue).toBeCloseTo(0.114, 6);
    tf.dispose([gray, rgb, color, luma]);
  });

  it('normalises in the own channels first, then converts: gray stats apply before RGB repetition', async () => {
    await selectBackend(backend);
    const gray = tf.tensor4d([3], [1, 1, 1, 1]);
    const out = alignInputs(gray, { mean: 1, std: 2, channels: 3 });
    expect(Array.from(out.dataSync())).toEqual([1, 1, 1]);
    const err = codeOf(() => alignInputs(gray, { mean: [0.4, 0.5, 0.6], channels: 3 }, 'cross-dataset', 'a.inputs'));
    expect(err).toEqual({ code: 'E_SHAPE', message: "cross-dataset: 'mean' for 'a.inputs' has 3 values but 'a.inputs' have 1 channels (last axis): give 1 or 1." });
    tf.dispose([gray, out]);
  });

  it('resizes bilinearly with half-pixel centres (up and down), keeping constant images constant', async () => {
    await selectBackend(backend);
    const values = [
      [0, 1, 4],
      [2, 8, 3],
    ];
    const x = tf.tensor4d(values.flat(), [1, 2, 3, 1]);
    for (const [h, w] of [[5, 4], [1, 2], [2, 3]]) {
      const out = alignInputs(x, { size: [h, w] });
      expect(out.shape).toEqual([1, h, w, 1]);
      const expected = bilinearReference(values, h, w).flat();
      Array.from(out.dataSync()).forEach((v, k) => expect(v).toBeCloseTo(expected[k], 5));
      out.dispose();
    }
    const constant = tf.fill([2, 3, 5, 3], 0.7);
    const resized = alignInputs(constant, { size: [7, 2] });
    for (const v of resized.dataSync()) expect(v).toBeCloseTo(0.7, 6);
    tf.dispose([x, constant, resized]);
  });

  it('leaves the input untouched and nothing allocated but the output', async () => {
    await selectBackend(backend);
    const x = tf.tensor4d([1, 2, 3, 4], [1, 2, 2, 1], 'int32');
    const before = tf.memory().numTensors;
    const out = alignInputs(x, { size: [3, 3], channels: 3, mean: 1, std: 2 });
    expect(tf.memory().numTensors).toBe(before + 1);
    expect(Array.from(x.dataSync())).toEqual([1, 2, 3, 4]);
    expect(x.dtype).toBe('int32');
    tf.dispose([x, out]);
  });
});

describe('alignInputs errors', () => {
  it('names the argument, what was expected and what came; nothing is allocated', async () => {
    await selectBackend('cpu');
    const features = tf.zeros([2, 5]);
    const rgba = tf.zeros([1, 2, 2, 4]);
    const vector = tf.zeros([3]);
    const before = tf.memory().numTensors;
    expect(codeOf(() => alignInputs(features, { size: [2, 2] }, 'cross-dataset', 'b.inputs'))).toEqual({
      code: 'E_SHAPE',
      message: "cross-dataset: 'b.inputs' must be NHWC images [B, H, W, C] to be resized or converted, got [2, 5].",
    });
    expect(codeOf(() => alignInputs(rgba, { channels: 3 })).message).toBe(
      "alignInputs: 'inputs' has 4 channels and cannot be converted to 3: only 1 ↔ 3 (gray ↔ RGB) is supported.",
    );
    expect(codeOf(() => alignInputs(rgba, { std: 0 }))).toEqual({ code: 'E_OPTION', message: "alignInputs: 'std' for 'inputs' must be a number > 0 or an array of them, got 0." });
    expect(codeOf(() => alignInputs(rgba, { size: [0, 2] }))).toEqual({ code: 'E_OPTION', message: "alignInputs: 'size' must be [height, width] with integers >= 1, got [0, 2]." });
    expect(codeOf(() => alignInputs(vector, {})).message).toMatch(/'inputs' must be \[B, \.\.\.\] with rank >= 2, got \[3\]/);
    expect(codeOf(() => alignInputs(rgba, null as never)).message).toBe('alignInputs: the alignment must be an object { size?, channels?, mean?, std? }, got null.');
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose([features, rgba, vector]);
  });
});

describe('resizeTarget', () => {
  it('int32 class maps: nearest neighbour, stays int32 with only source classes', async () => {
    await selectBackend('cpu');
    const map = tf.tensor4d([0, 1, 2, 3], [1, 2, 2, 1], 'int32');
    const out = resizeTarget(map, [4, 3]);
    expect(out.dtype).toBe('int32');
    // row r reads floor((r + 0.5)·2/4), column c reads floor((c + 0.5)·2/3)
    expect(out.arraySync()).toEqual([[[[0], [1], [1]], [[0], [1], [1]], [[2], [3], [3]], [[2], [3], [3]]]]);
    tf.dispose([map, out]);
  });

  it('float maps bilinearly; other ranks and undeclared sizes are copied', async () => {
    await selectBackend('cpu');
    const depth = tf.tensor4d([0, 4], [1, 1, 2, 1]);
    const out = resizeTarget(depth, [1, 4]);
    Array.from(out.dataSync()).forEach((v, k) => expect(v).toBeCloseTo([0, 1, 3, 4][k], 6));
    const flat = tf.tensor2d([[1, 2]]);
    const copies = [resizeTarget(flat, [3, 3]), resizeTarget(depth, undefined)];
    expect(copies.map((c) => c.shape)).toEqual([[1, 2], [1, 1, 2, 1]]);
    expect(copies.every((c) => c !== flat && c !== depth)).toBe(true);
    tf.dispose([depth, out, flat, ...copies]);
  });
});
