import { describe, expect, it } from 'vitest';
import { checkLabelNoise, corruptLabels, labelNoiseText, withLabelNoise } from '../../src/datasets/label-noise.js';
import type { Dataset } from '../../src/types.js';

/** Labels of K classes with uneven class sizes (10, 23, 7, 40, ...): rounding per class shows. */
function unevenLabels(classes: number): Int32Array {
  const sizes = Array.from({ length: classes }, (_, c) => 7 + ((c * 13) % 37));
  return Int32Array.from(sizes.flatMap((n, c) => Array.from({ length: n }, () => c)));
}

function dataset(labels: Int32Array, classes: number): Dataset {
  const x = Float32Array.from(labels, (_, i) => i / labels.length);
  return {
    name: 'toy',
    classNames: Array.from({ length: classes }, (_, c) => `c${c}`),
    inputShape: [1],
    train: { x, y: labels, count: labels.length },
    test: { x: x.slice(0, 5), y: Int32Array.from([0, 1, 2, 0, 1]), count: 5 },
  };
}

const count = (labels: Int32Array, c: number) => labels.filter((y) => y === c).length;

describe('corruptLabels', () => {
  const classes = 10;
  const labels = unevenLabels(classes);

  it.each([0, 0.2, 0.45, 0.8, 1])('symmetric %s: exactly round(rate · n_c) labels of each class change, each to another class', (rate) => {
    const noisy = corruptLabels(labels, classes, { kind: 'symmetric', rate }, 7);
    for (let c = 0; c < classes; c++) {
      const members = [...labels.keys()].filter((i) => labels[i] === c);
      const changed = members.filter((i) => noisy[i] !== c);
      expect(changed.length).toBe(Math.round(rate * members.length));
      for (const i of changed) expect(noisy[i] >= 0 && noisy[i] < classes).toBe(true);
    }
  });

  it('asymmetric: the changed labels of class c all become (c + 1) mod K', () => {
    const noisy = corruptLabels(labels, classes, { kind: 'asymmetric', rate: 0.4 }, 3);
    for (let i = 0; i < labels.length; i++) if (noisy[i] !== labels[i]) expect(noisy[i]).toBe((labels[i] + 1) % classes);
    for (let c = 0; c < classes; c++) {
      const n = count(labels, c);
      const moved = [...labels.keys()].filter((i) => labels[i] === c && noisy[i] !== c).length;
      expect(moved).toBe(Math.round(0.4 * n));
    }
  });

  it('symmetric noise spreads over every other class, about uniformly', () => {
    const many = Int32Array.from({ length: 20_000 }, (_, i) => i % 4);
    const noisy = corruptLabels(many, 4, { kind: 'symmetric', rate: 0.6 }, 11);
    // Class 0's 5,000 samples: 3,000 changed, to 1, 2, 3 about 1,000 each (binomial std ≈ 26).
    const targets = [1, 2, 3].map((t) => [...many.keys()].filter((i) => many[i] === 0 && noisy[i] === t).length);
    expect(targets.reduce((a, b) => a + b)).toBe(3000);
    for (const n of targets) expect(Math.abs(n - 1000)).toBeLessThan(110);
  });

  it('is deterministic per seed and differs between seeds; the input is not modified', () => {
    const before = Int32Array.from(labels);
    const a = corruptLabels(labels, classes, { kind: 'symmetric', rate: 0.3 }, 1);
    expect(corruptLabels(labels, classes, { kind: 'symmetric', rate: 0.3 }, 1)).toEqual(a);
    expect(corruptLabels(labels, classes, { kind: 'symmetric', rate: 0.3 }, 2)).not.toEqual(a);
    expect(labels).toEqual(before);
  });

  it('refuses bad settings with E_OPTION naming the field', () => {
    expect(() => corruptLabels(labels, classes, { kind: 'symmetric', rate: 1.5 }, 1)).toThrow(/labelNoise: 'rate' must be a number in \[0, 1\], got 1\.5/);
    expect(() => corruptLabels(labels, classes, { kind: 'pairwise' as 'symmetric', rate: 0.2 }, 1)).toThrow(/'kind' must be 'symmetric' or 'asymmetric'/);
    expect(() => corruptLabels(labels, 1, { kind: 'symmetric', rate: 0.2 }, 1)).toThrow(/at least 2 classes/);
    expect(() => checkLabelNoise({ kind: 'symmetric', rate: 0.2, extra: 1 })).toThrow(/unknown field 'extra'/);
    expect(() => checkLabelNoise(0.4)).toThrow(/expected \{ kind/);
  });
});

describe('withLabelNoise', () => {
  const classes = 6;
  const data = dataset(unevenLabels(classes), classes);

  it('corrupts the training labels only, records what it did, and shares the images and the test split', () => {
    const noisy = withLabelNoise(data, { kind: 'symmetric', rate: 0.25 }, 5);
    const flipped = noisy.train.y.filter((y, i) => y !== data.train.y[i]).length;
    expect(noisy.labelNoise).toEqual({ kind: 'symmetric', rate: 0.25, flipped });
    expect(flipped).toBe([...Array(classes).keys()].reduce((s, c) => s + Math.round(0.25 * count(data.train.y, c)), 0));
    expect(noisy.test).toBe(data.test);
    expect(noisy.train.x).toBe(data.train.x);
    expect(data.labelNoise).toBeUndefined();
  });

  it('without noise returns the dataset itself', () => {
    expect(withLabelNoise(data, undefined, 1)).toBe(data);
  });

  it('describes the setting for reports', () => {
    expect(labelNoiseText({ kind: 'symmetric', rate: 0.45 })).toBe('45% symmetric (to another class, uniformly)');
    expect(labelNoiseText({ kind: 'asymmetric', rate: 0.4 })).toBe('40% asymmetric (c → c+1 mod K)');
  });
});
