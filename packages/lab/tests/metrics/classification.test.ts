import { describe, expect, it } from 'vitest';
import { accuracyOf, classificationMetrics, ECE_BINS, NLL_EPSILON } from '@mixzoo/lab';

// Four samples, three classes; every expected value below is worked out by hand.
//   row 0: [0.7, 0.2, 0.1], y = 0 → right, confidence 0.7 (bin 10 = [10/15, 11/15))
//   row 1: [0.1, 0.6, 0.3], y = 2 → wrong, confidence 0.6 (bin 9)
//   row 2: [0.2, 0.2, 0.6], y = 2 → right, confidence 0.6 (bin 9)
//   row 3: [0.5, 0.5, 0.0], y = 1 → a tie goes to the first class: wrong, confidence 0.5 (bin 7)
const probs = Float32Array.from([0.7, 0.2, 0.1, 0.1, 0.6, 0.3, 0.2, 0.2, 0.6, 0.5, 0.5, 0]);
const labels = Int32Array.from([0, 2, 2, 1]);

describe('classificationMetrics', () => {
  const m = classificationMetrics(probs, labels, 3);

  it('accuracy: 2 of 4 argmaxes are right (ties go to the first class)', () => {
    expect(m.accuracy).toBe(0.5);
    expect(accuracyOf(probs, labels, 3)).toBe(0.5);
  });

  it('NLL: mean of −ln p(y) = (−ln 0.7 − ln 0.3 − ln 0.6 − ln 0.5) / 4 = 0.691155', () => {
    expect(m.nll).toBeCloseTo(0.691155, 5);
  });

  it('Brier: mean of Σ_k (p_k − y_k)² = (0.14 + 0.86 + 0.24 + 0.5) / 4 = 0.435', () => {
    expect(m.brier).toBeCloseTo(0.435, 6);
  });

  it('ECE over 15 bins: 2/4·|0.5 − 0.6| + 1/4·|1 − 0.7| + 1/4·|0 − 0.5| = 0.25', () => {
    expect(m.ece).toBeCloseTo(0.25, 6);
  });

  it('reliability bins: 15 equal-width bins with count, mean confidence and accuracy', () => {
    expect(m.reliability).toHaveLength(ECE_BINS);
    m.reliability.forEach((bin, b) => {
      expect(bin.lo).toBeCloseTo(b / 15, 12);
      expect(bin.hi).toBeCloseTo((b + 1) / 15, 12);
    });
    expect(m.reliability.map((b) => b.count)).toEqual([0, 0, 0, 0, 0, 0, 0, 1, 0, 2, 1, 0, 0, 0, 0]);
    expect(m.reliability[9].confidence).toBeCloseTo(0.6, 6);
    expect(m.reliability[9].accuracy).toBe(0.5);
    expect(m.reliability[10]).toMatchObject({ accuracy: 1 });
    expect(m.reliability[10].confidence).toBeCloseTo(0.7, 6);
    expect(m.reliability[7]).toMatchObject({ count: 1, accuracy: 0 });
    expect(m.reliability[0]).toEqual({ lo: 0, hi: 1 / 15, count: 0, confidence: 0, accuracy: 0 });
  });

  it('a perfect, certain classifier: accuracy 1, NLL 0, Brier 0, ECE 0, all in the last bin (confidence 1)', () => {
    const p = classificationMetrics(Float32Array.from([1, 0, 0, 1]), Int32Array.from([0, 1]), 2);
    expect(p).toMatchObject({ accuracy: 1, nll: 0, brier: 0, ece: 0 });
    expect(p.reliability[14].count).toBe(2);
  });

  it('a certain wrong answer costs −ln ε in NLL (finite) and 2 in Brier', () => {
    const p = classificationMetrics(Float32Array.from([1, 0]), Int32Array.from([1]), 2);
    expect(p.nll).toBeCloseTo(-Math.log(NLL_EPSILON), 10);
    expect(p.brier).toBe(2);
    expect(p.ece).toBe(1);
  });

  it('refuses mismatched sizes and out-of-range labels', () => {
    expect(() => classificationMetrics(probs, labels, 4)).toThrow(expect.objectContaining({ code: 'E_SHAPE' }));
    expect(() => classificationMetrics(Float32Array.from([0.5, 0.5]), Int32Array.from([2]), 2)).toThrow(expect.objectContaining({ code: 'E_LABELS' }));
  });
});
