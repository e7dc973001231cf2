import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { beforeAll, describe, expect, it } from 'vitest';
import { LABEL_SUM_TOLERANCE, MAX_CLASSES, mixLabelRows, readSoftLabels } from '@mixzoo/core';
import { testZoo } from '../../../test/helpers/zoo-fixture.js';
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

describe('soft labels are distributions (unless multi-label)', () => {
  it('refuses rows that do not sum to 1 and all-zero rows, naming the row', () => {
    const y = tf.tensor2d([[0.5, 0.5], [0.7, 0.7], [0, 0]]);
    expect(labelError(() => readSoftLabels('mixup', y, 3, undefined, 0))).toBe(
      "mixup: 'labels[1]' must be a distribution (sum 1 ± 0.001), got sum 1.399999976158142; for multi-label targets pass labelKind: 'multi-label'.",
    );
    const zero = tf.tensor2d([[1, 0], [0, 0]]);
    expect(labelError(() => readSoftLabels('mixup', zero, 2, undefined, 0))).toContain("'labels[1]' must be a distribution (sum 1 ± 0.001), got sum 0 (an all-zero row)");
    expect(labelError(() => readSoftLabels('mixup', tf.tensor2d([[-0.5, 1.5]]), 1, undefined, 0))).toContain("'labels[0][0]' must be in [0, 1], got -0.5");
    tf.dispose([y, zero]);
  });

  it('accepts float32 rounding within the tolerance', () => {
    expect(LABEL_SUM_TOLERANCE).toBe(1e-3);
    const y = tf.tensor2d([[0.1, 0.2, 0.7004]]);
    expect(() => readSoftLabels('mixup', y, 1, undefined, 0)).not.toThrow();
    y.dispose();
  });

  it("multi-label rows are in [0, 1] with any sum; label smoothing still works", () => {
    const y = tf.tensor2d([[1, 1, 0, 0], [0, 0, 0, 0]]);
    const { rows } = readSoftLabels('mixup', y, 2, undefined, 0.2, 'labels', 'multi-label');
    // on = 1 − s + s/K = 0.85, off = s/K = 0.05 (K = 4, s = 0.2)
    expect(Array.from(rows, (v) => +v.toFixed(9))).toEqual([0.85, 0.85, 0.05, 0.05, 0.05, 0.05, 0.05, 0.05]);
    expect(labelError(() => readSoftLabels('mixup', y, 2, undefined, 0, 'labels', 'tags' as never))).toContain("'labelKind' must be 'distribution' or 'multi-label', got 'tags'");
    y.dispose();
  });

  it("labelKind on the batch or as a create setting reaches the mixer", async () => {
    const zoo = await testZoo();
    const x = tf.ones([2, 3]);
    const y = tf.tensor2d([[1, 1, 0], [0, 1, 1]]);
    expect(labelError(() => zoo.create('mixup').mix({ inputs: x, labels: y }))).toContain("'labels[0]' must be a distribution");
    const a = zoo.create('mixup').mix({ inputs: x, labels: y, labelKind: 'multi-label' });
    const b = zoo.create('mixup', {}, { labelKind: 'multi-label' }).mix({ inputs: x, labels: y });
    expect(a.labels!.arraySync()).toEqual(b.labels!.arraySync());
    tf.dispose([x, y, a.inputs, a.labels!, b.inputs, b.labels!]);
  });

  it('refuses an absurd numClasses before allocating', () => {
    const y = tf.tensor1d([0, 1], 'int32');
    expect(labelError(() => readSoftLabels('mixup', y, 2, 1e12, 0))).toBe(`mixup: 'numClasses' must be an integer from 1 to ${MAX_CLASSES}, got 1000000000000.`);
    expect(MAX_CLASSES).toBe(16777216);
    y.dispose();
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
