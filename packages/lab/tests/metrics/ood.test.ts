import { describe, expect, it } from 'vitest';
import { auroc, maxSoftmax } from '@mixzoo/lab';

describe('auroc', () => {
  it('is the Mann–Whitney U over n1·n2, a tie counting ½ (hand-computed)', () => {
    // Pairs (positive, negative): (0.9, 0.8) 1, (0.9, 0.3) 1, (0.8, 0.8) ½, (0.8, 0.3) 1, (0.5, 0.8) 0, (0.5, 0.3) 1 → 4.5 / 6.
    expect(auroc([0.9, 0.8, 0.5], [0.8, 0.3])).toBe(0.75);
    // Ties within a class do not count; three-way tie across classes: (0.5, 0.5) ½ twice, (0.7, 0.5) 1 twice → 3 / 4.
    expect(auroc([0.5, 0.7], [0.5, 0.5])).toBe(0.75);
  });

  it('is 1 for perfect separation, 0 when reversed, ½ when every score ties; order does not matter', () => {
    expect(auroc([3, 4, 5], [0, 1, 2])).toBe(1);
    expect(auroc([0, 1], [2, 3, 4])).toBe(0);
    expect(auroc([1, 1, 1], [1, 1])).toBe(0.5);
    expect(auroc([0.5, 0.9, 0.8], [0.3, 0.8])).toBe(0.75);
  });

  it('matches counting every pair on random scores with many ties', () => {
    let state = 12345;
    const next = () => ((state = (state * 1103515245 + 12345) % 2 ** 31) % 7) / 7; // few distinct values: ties
    const pos = Array.from({ length: 60 }, next);
    const neg = Array.from({ length: 45 }, next);
    let pairs = 0;
    for (const p of pos) for (const n of neg) pairs += p > n ? 1 : p === n ? 0.5 : 0;
    expect(auroc(pos, neg)).toBeCloseTo(pairs / (60 * 45), 12);
  });

  it('needs both classes and numbers', () => {
    expect(() => auroc([], [1])).toThrow(/at least one positive and one negative score, got 0 and 1/);
    expect(() => auroc([NaN], [1])).toThrow(/NaN/);
  });
});

describe('maxSoftmax', () => {
  it('takes the largest probability of each row', () => {
    expect(Array.from(maxSoftmax(Float32Array.from([0.1, 0.7, 0.2, 0.5, 0.25, 0.25]), 3))).toEqual([Math.fround(0.7), 0.5]);
  });
});
