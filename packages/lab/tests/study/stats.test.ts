import betaCdf from '@stdlib/stats-base-dists-beta-cdf';
import { describe, expect, it } from 'vitest';
import { confidenceInterval95, holm, mean, pairedTTest, sampleStd } from '../../src/study/stats.js';
import { incompleteBeta, logGamma, tCdf, tQuantile } from '../../src/study/t-distribution.js';

describe('t distribution', () => {
  it('logGamma matches factorials and Γ(1/2) = √π', () => {
    expect(logGamma(1)).toBeCloseTo(0, 12);
    expect(logGamma(5)).toBeCloseTo(Math.log(24), 12);
    expect(logGamma(0.5)).toBeCloseTo(0.5 * Math.log(Math.PI), 12);
    expect(logGamma(0.1)).toBeCloseTo(Math.log(9.513507698668732), 10);
  });

  it('incompleteBeta matches @stdlib beta-cdf across shapes and both sides of the mean', () => {
    for (const [a, b] of [[0.5, 0.5], [1, 1], [2, 5], [7.5, 0.5], [0.5, 20], [50, 50]]) {
      for (const x of [0.001, 0.1, 0.3, 0.5, 0.77, 0.99]) expect(incompleteBeta(x, a, b)).toBeCloseTo(betaCdf(x, a, b), 11);
    }
    expect(incompleteBeta(0, 2, 3)).toBe(0);
    expect(incompleteBeta(1, 2, 3)).toBe(1);
  });

  it('tCdf has the closed forms of 1 and 2 degrees of freedom', () => {
    for (const t of [-3, -0.4, 0, 0.7, 2, 12]) {
      expect(tCdf(t, 1)).toBeCloseTo(0.5 + Math.atan(t) / Math.PI, 12);
      expect(tCdf(t, 2)).toBeCloseTo(0.5 + t / (2 * Math.sqrt(2 + t * t)), 12);
    }
    expect(tCdf(Infinity, 3)).toBe(1);
    expect(tCdf(-Infinity, 3)).toBe(0);
  });

  it('tQuantile(0.975, df) matches the printed t table', () => {
    // Two-sided 95% critical values from standard tables.
    const table: [number, number][] = [[1, 12.706], [2, 4.303], [3, 3.182], [4, 2.776], [5, 2.571], [9, 2.262], [19, 2.093], [30, 2.042], [120, 1.98]];
    for (const [df, t] of table) expect(tQuantile(0.975, df)).toBeCloseTo(t, 3);
    expect(tQuantile(0.025, 4)).toBeCloseTo(-2.776, 3);
    expect(tQuantile(0.5, 7)).toBeCloseTo(0, 10);
    expect(tCdf(tQuantile(0.9, 6), 6)).toBeCloseTo(0.9, 12);
  });
});

describe('summary statistics', () => {
  it('mean and sample std (n − 1)', () => {
    expect(mean([1, 2, 3, 4])).toBe(2.5);
    expect(sampleStd([2, 4, 4, 4, 5, 5, 7, 9])).toBeCloseTo(Math.sqrt(32 / 7), 12);
    expect(sampleStd([3])).toBeNaN();
  });

  it('95% CI = mean ± t(0.975, n − 1)·s/√n, by hand', () => {
    // values 0.90, 0.92, 0.94: mean 0.92, s = 0.02, t(0.975, 2) = 4.30265 → half-width 0.049683
    const ci = confidenceInterval95([0.9, 0.92, 0.94]);
    expect(ci.mean).toBeCloseTo(0.92, 12);
    expect(ci.std).toBeCloseTo(0.02, 12);
    expect(ci.high - ci.mean).toBeCloseTo((4.302653 * 0.02) / Math.sqrt(3), 6);
    expect(ci.low).toBeCloseTo(0.92 - 0.049683, 6);
    const single = confidenceInterval95([0.5]);
    expect([single.mean, single.n]).toEqual([0.5, 1]);
    expect(single.low).toBeNaN();
  });

  it('paired t-test, by hand (2 df closed form) and against a known textbook value', () => {
    // d = [0.02, 0.03, 0.01]: mean 0.02, s 0.01, t = 0.02 / (0.01/√3) = 3.4641, p = 1 − 2·t/(2√(2+t²)) = 0.07418
    const test = pairedTTest([0.9, 0.92, 0.91], [0.88, 0.89, 0.9]);
    expect(test.difference).toBeCloseTo(0.02, 12);
    expect(test.t).toBeCloseTo(2 * Math.sqrt(3), 10);
    expect(test.df).toBe(2);
    expect(test.p).toBeCloseTo(1 - (2 * Math.sqrt(3)) / Math.sqrt(14), 10);
    expect(test.p).toBeCloseTo(0.07418, 5);
    expect(test.low).toBeCloseTo(0.02 - (4.302653 * 0.01) / Math.sqrt(3), 6);
    // Student's sleep data (Cushny & Peebles): paired t = 4.0621, df = 9, p = 0.002833.
    const drug1 = [0.7, -1.6, -0.2, -1.2, -0.1, 3.4, 3.7, 0.8, 0.0, 2.0];
    const drug2 = [1.9, 0.8, 1.1, 0.1, -0.1, 4.4, 5.5, 1.6, 4.6, 3.4];
    const sleep = pairedTTest(drug2, drug1);
    expect(sleep.t).toBeCloseTo(4.0621, 4);
    expect(sleep.p).toBeCloseTo(0.002833, 6);
    expect(sleep.low).toBeCloseTo(0.7001142, 6);
    expect(sleep.high).toBeCloseTo(2.4598858, 6);
  });

  it('paired t-test edge cases: constant differences, no spread, single pair, mismatched lengths', () => {
    expect(pairedTTest([2, 3], [1, 2])).toMatchObject({ difference: 1, t: Infinity, p: 0 });
    expect(pairedTTest([1, 2], [1, 2])).toMatchObject({ difference: 0, t: 0, p: 1 });
    expect(pairedTTest([1], [0]).p).toBeNaN();
    expect(() => pairedTTest([1, 2], [1])).toThrow(/pairs must match/);
  });
});

describe('holm (Holm–Bonferroni adjusted p-values)', () => {
  it('matches hand-computed values, in input order', () => {
    // Sorted 0.005, 0.01, 0.03, 0.04 → 4·0.005 = 0.02, 3·0.01 = 0.03, 2·0.03 = 0.06, max(0.06, 1·0.04) = 0.06.
    const adjusted = holm([0.01, 0.04, 0.03, 0.005]);
    [0.03, 0.06, 0.06, 0.02].forEach((v, i) => expect(adjusted[i]).toBeCloseTo(v, 12));
    // 2·0.6 and 1·0.7 capped at 1.
    expect(holm([0.6, 0.7])).toEqual([1, 1]);
    // One test: unchanged; none: nothing.
    expect(holm([0.2])).toEqual([0.2]);
    expect(holm([])).toEqual([]);
  });

  it('gives ties equal adjusted values whatever their order, and refuses NaN', () => {
    // Sorted 0.01, 0.02, 0.02 → 3·0.01 = 0.03, 2·0.02 = 0.04, max(0.04, 1·0.02) = 0.04.
    const adjusted = holm([0.02, 0.01, 0.02]);
    [0.04, 0.03, 0.04].forEach((v, i) => expect(adjusted[i]).toBeCloseTo(v, 12));
    expect(adjusted[0]).toBe(adjusted[2]);
    expect(() => holm([0.1, NaN])).toThrow(RangeError);
  });
});
