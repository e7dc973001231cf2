import { describe, expect, it } from 'vitest';
import { detectableEffect, minimalDetectableDifference, normalCdf, pairedEffectSize, pairedTTestPower } from '../../src/study/power.js';
import { tQuantile } from '../../src/study/t-distribution.js';

describe('normalCdf', () => {
  it.each([
    [0, 0.5],
    [1.959963984540054, 0.975],
    [-1, 0.15865525393145707],
    [3, 0.9986501019683699],
    [-6, 9.865876450376946e-10],
  ])('Φ(%s) = %s', (x, p) => {
    expect(normalCdf(x)).toBeCloseTo(p, 12);
    expect(Math.abs(normalCdf(x) - p) / p).toBeLessThan(1e-9);
  });
});

describe('paired t-test power (exact noncentral t)', () => {
  it('is α at d = 0 and increases with d', () => {
    expect(pairedTTestPower(0, 5)).toBeCloseTo(0.05, 6);
    expect(pairedTTestPower(0, 3, 0.1)).toBeCloseTo(0.1, 6);
    const powers = [0.5, 1, 1.5, 2, 3].map((d) => pairedTTestPower(d, 5));
    for (let i = 1; i < powers.length; i++) expect(powers[i]).toBeGreaterThan(powers[i - 1]);
  });

  it('matches statsmodels ttest_power at d = 1, n = 5 (0.4013) and d = 0.5, n = 20 (0.5645)', () => {
    expect(pairedTTestPower(1, 5)).toBeCloseTo(0.4013, 3);
    expect(pairedTTestPower(0.5, 20)).toBeCloseTo(0.5645, 3);
  });

  it('the normal approximation badly overstates power at small n: at d = 1.253 and n = 5 the t-test has about 0.56, not 0.8', () => {
    expect(pairedTTestPower(2.8016 / Math.sqrt(5), 5)).toBeCloseTo(0.56, 2);
  });

  it('refuses fewer than two pairs', () => {
    expect(() => pairedTTestPower(1, 1)).toThrow(RangeError);
  });
});

describe('detectableEffect and the minimal detectable difference (power 0.8, α = 0.05)', () => {
  it.each([
    [3, 3.264],
    [4, 2.128],
    [5, 1.682],
    [6, 1.435],
    [8, 1.156],
    [10, 0.996],
    [20, 0.66],
    [30, 0.529],
  ])('n = %i: d* = %s (scipy)', (n, expected) => {
    expect(Math.abs(detectableEffect(n) - expected)).toBeLessThan(1.5e-3);
  });

  it('is within 2.5% of the t-quantile approximation from n = 4, and far above the normal one', () => {
    for (const n of [4, 5, 10, 30]) {
      const exact = detectableEffect(n);
      const tApprox = (tQuantile(0.975, n - 1) + tQuantile(0.8, n - 1)) / Math.sqrt(n);
      expect(Math.abs(exact - tApprox) / exact).toBeLessThan(0.025);
      expect(exact).toBeGreaterThan(2.8016 / Math.sqrt(n));
    }
  });

  it('scales with the std of the differences; NaN below two seeds', () => {
    expect(minimalDetectableDifference(0.5, 5)).toBeCloseTo(0.5 * 1.682, 2);
    expect(minimalDetectableDifference(0, 5)).toBe(0);
    expect(minimalDetectableDifference(0.5, 1)).toBeNaN();
    expect(minimalDetectableDifference(NaN, 5)).toBeNaN();
  });

  it('d_z is the mean over the std of the differences, ±∞ for identical non-zero ones', () => {
    expect(pairedEffectSize(1.5, 0.5)).toBe(3);
    expect(pairedEffectSize(-2, 0)).toBe(-Infinity);
    expect(pairedEffectSize(0, 0)).toBe(0);
  });
});
