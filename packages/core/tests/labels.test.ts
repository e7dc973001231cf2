import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { beforeAll, describe, expect, it } from 'vitest';
import { mixLabelRows, readSoftLabels } from '@mixzoo/core';
import { mixzooMessageOf } from '../../../test/helpers/tensors.js';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const labelError = (fn: () => unknown): string => mixzooMessageOf(fn, 'E_LABELS');

describe('readSoftLabels', () => {
  it('turns int32 indices into one-hot rows', () => {
    const y = tf.tensor1d([2, 0], 'int32');
    expect(Array.from(readSoftLabels('t', y, 2, 3, 0).rows)).toEqual([0, 0, 1, 1, 0, 0]);
  });

  it('accepts float32 indices holding whole numbers', () => {
    expect(Array.from(readSoftLabels('t', tf.tensor1d([1, 0]), 2, 2, 0).rows)).toEqual([0, 1, 1, 0]);
  });

  it('refuses out-of-range indices instead of tf.oneHot zero rows', () => {
    expect(labelError(() => readSoftLabels('mixup', tf.tensor1d([0, 3], 'int32'), 2, 3, 0))).toBe("mixup: 'labels[1]' must be a class index in [0, 3), got 3.");
    expect(labelError(() => readSoftLabels('mixup', tf.tensor1d([-1, 0], 'int32'), 2, 3, 0))).toContain('got -1');
    expect(labelError(() => readSoftLabels('mixup', tf.tensor1d([0.5, 0]), 2, 3, 0))).toContain('got 0.5');
  });

  it('requires numClasses for indices and checks it against one-hot columns', () => {
    expect(labelError(() => readSoftLabels('m', tf.tensor1d([0, 1], 'int32'), 2, undefined, 0))).toContain("pass 'numClasses'");
    expect(labelError(() => readSoftLabels('m', tf.tensor2d([[1, 0], [0, 1]]), 2, 3, 0))).toContain("'numClasses' is 3 but 'labels' have 2 columns");
  });

  it('validates batch size, dtype, rank and soft values', () => {
    expect(labelError(() => readSoftLabels('m', tf.tensor1d([0], 'int32'), 2, 2, 0))).toContain('batch size 2');
    expect(labelError(() => readSoftLabels('m', tf.tensor2d([[2, 0]]), 1, undefined, 0))).toContain("'labels[0][0]' must be in [0, 1], got 2.");
    expect(labelError(() => readSoftLabels('m', tf.tensor2d([[1, 0]], [1, 2], 'int32'), 1, undefined, 0))).toContain('int32 class indices [B] or float32');
    expect(labelError(() => readSoftLabels('m', tf.tensor1d([Number.NaN]), 1, 2, 0))).toContain('got NaN');
  });

  it('smooths before mixing: on = 1 - s + s/K, off = s/K', () => {
    const rows = readSoftLabels('t', tf.tensor1d([1], 'int32'), 1, 4, 0.1).rows;
    expect(rows[1]).toBeCloseTo(1 - 0.1 + 0.025, 12);
    expect(rows[0]).toBeCloseTo(0.025, 12);
    expect(rows.reduce((s, v) => s + v, 0)).toBeCloseTo(1, 12);
  });
});

describe('mixLabelRows', () => {
  const own = Float64Array.from([1, 0, 0, 0, 1, 0, 0, 0, 1]);

  it('applies y = λ y_i + (1 − λ) y_partner', () => {
    const out = mixLabelRows(own, own, 3, { strategy: 't', partner: [1, 2, 2], lambda: [0.7, 0.25, 1] });
    const v = out.dataSync();
    expect(Array.from(v.slice(0, 3))).toEqual([Math.fround(0.7), Math.fround(0.3), 0]);
    expect(Array.from(v.slice(3, 6))).toEqual([0, 0.25, 0.75]);
    expect(Array.from(v.slice(6, 9))).toEqual([0, 0, 1]);
    expect(out.dtype).toBe('float32');
    out.dispose();
  });

  it('applies k-way weights', () => {
    const out = mixLabelRows(own, own, 3, { strategy: 't', partner: [1, 0, 0], lambda: [0.5, 0.5, 0.5], partners: [[0, 1, 2], [1, 0], [2]], weights: [[0.5, 0.25, 0.25], [0.5, 0.5], [1]] });
    expect(Array.from(out.dataSync())).toEqual([0.5, 0.25, 0.25, 0.5, 0.5, 0, 0, 0, 1]);
    out.dispose();
  });
});
