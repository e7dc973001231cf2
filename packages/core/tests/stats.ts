/**
 * Small statistics helpers for the sampler tests (test-only; not part of any package).
 *
 * Every tolerance the tests use is derived here from a standard error or from the exact null
 * distribution of a test statistic, so that a wrong sampler fails and a right one passes
 * with overwhelming probability (and, with fixed seeds, deterministically).
 */
import { expect } from 'vitest';
import { MixzooError } from '@mixzoo/core';

/** How many standard errors a moment may be off before a test fails. */
export const Z_TOL = 6;

export function mean(xs: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < xs.length; i++) s += xs[i];
  return s / xs.length;
}

/** Unbiased sample variance (two-pass, so it stays accurate for tiny spreads such as Beta(1000, 1000)). */
export function variance(xs: ArrayLike<number>): number {
  const m = mean(xs);
  let s = 0;
  for (let i = 0; i < xs.length; i++) s += (xs[i] - m) ** 2;
  return s / (xs.length - 1);
}

/** Standard error of the mean of n draws with variance sigma2. */
export function seMean(sigma2: number, n: number): number {
  return Math.sqrt(sigma2 / n);
}

/**
 * Standard error of the unbiased sample variance of n iid draws:
 * Var(s²) = (μ4 − σ⁴·(n−3)/(n−1)) / n, with μ4 the 4th central moment.
 */
export function seVariance(sigma2: number, mu4: number, n: number): number {
  return Math.sqrt((mu4 - (sigma2 * sigma2 * (n - 3)) / (n - 1)) / n);
}

/** Mean, variance and 4th central moment of Beta(a, b). */
export function betaMoments(a: number, b: number): { mean: number; variance: number; mu4: number } {
  const s = a + b;
  const m = a / s;
  const v = (a * b) / (s * s * (s + 1));
  // Excess kurtosis of Beta(a, b).
  const exKurt = (6 * ((a - b) ** 2 * (s + 1) - a * b * (s + 2))) / (a * b * (s + 2) * (s + 3));
  return { mean: m, variance: v, mu4: v * v * (exKurt + 3) };
}

/** Mean, variance and 4th central moment of Gamma(a, 1): μ4 = 3a² + 6a. */
export function gammaMoments(a: number): { mean: number; variance: number; mu4: number } {
  return { mean: a, variance: a, mu4: 3 * a * a + 6 * a };
}

/**
 * Asserts |observed − expected| ≤ Z_TOL·se, with a message that shows the z-score.
 * Returns the z-score so a test can also check that a known-wrong value would fail.
 */
export function expectWithinSE(observed: number, expected: number, se: number, what: string): number {
  const z = (observed - expected) / se;
  expect(Number.isFinite(observed), `${what}: observed ${observed} is not finite`).toBe(true);
  expect(Math.abs(z), `${what}: observed ${observed}, expected ${expected} ± ${Z_TOL}·${se} (z = ${z.toFixed(2)})`).toBeLessThanOrEqual(Z_TOL);
  return z;
}

/** True when `observed` would pass expectWithinSE (for negative controls). */
export function withinSE(observed: number, expected: number, se: number): boolean {
  return Math.abs((observed - expected) / se) <= Z_TOL;
}

/**
 * One-sample Kolmogorov–Smirnov statistic D = sup |F_n − G|, tie-aware.
 * `right(v)` = P(X ≤ v) and `left(v)` = P(X < v) of the hypothesised distribution (equal for
 * continuous distributions; they differ at atoms, e.g. values that round to exactly 0 or 1).
 * At each distinct sample value v with k = #{x < v} and k' = #{x ≤ v}, D considers
 * k'/n − right(v) and left(v) − k/n.
 */
export function ksStatistic(sample: ArrayLike<number>, right: (v: number) => number, left: (v: number) => number = right): number {
  const xs = Float64Array.from(sample).sort();
  const n = xs.length;
  // NaN sorts last and never equals itself: report the worst possible distance instead of looping.
  if (n === 0 || Number.isNaN(xs[n - 1])) return 1;
  let d = 0;
  let i = 0;
  while (i < n) {
    const v = xs[i];
    let j = i;
    while (j < n && xs[j] === v) j++;
    d = Math.max(d, j / n - right(v), left(v) - i / n);
    i = j;
  }
  return d;
}

/** Asymptotic KS critical value at significance alpha: sqrt(−ln(alpha/2)/2)/√n (≈ 1.95/√n at 0.001). */
export function ksCritical(n: number, alpha = 0.001): number {
  return Math.sqrt(-Math.log(alpha / 2) / 2) / Math.sqrt(n);
}

/** Pearson's chi-square statistic of observed counts against expected probabilities. */
export function chiSquare(counts: readonly number[], probs: readonly number[]): number {
  const n = counts.reduce((s, c) => s + c, 0);
  let x2 = 0;
  for (let k = 0; k < counts.length; k++) {
    const e = n * probs[k];
    x2 += (counts[k] - e) ** 2 / e;
  }
  return x2;
}

/** Upper 0.001 quantile of chi-square with df degrees of freedom (Wilson–Hilferty; z₀.₉₉₉ = 3.0902). */
export function chiSquareCritical(df: number): number {
  const z = 3.090232306167813;
  const h = 2 / (9 * df);
  return df * (1 - h + z * Math.sqrt(h)) ** 3;
}

/** Complementary error function, |relative error| < 1.2e-7 (Numerical Recipes erfcc). */
export function erfc(x: number): number {
  const z = Math.abs(x);
  const t = 1 / (1 + 0.5 * z);
  const r =
    t *
    Math.exp(
      -z * z -
        1.26551223 +
        t *
          (1.00002368 +
            t * (0.37409196 + t * (0.09678418 + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))),
    );
  return x >= 0 ? r : 2 - r;
}

/** Standard normal CDF. */
export function normalCdf(x: number): number {
  return 0.5 * erfc(-x / Math.SQRT2);
}

/** Asserts `fn` throws a MixzooError with the given code. */
export function expectMixzooError(fn: () => unknown, code: string): void {
  let caught: unknown;
  try {
    fn();
  } catch (e) {
    caught = e;
  }
  expect(caught, 'expected a throw').toBeInstanceOf(MixzooError);
  expect((caught as MixzooError).code).toBe(code);
}

/** Tallies keys (e.g. joined permutations) into a Map. */
export function tally(keys: Iterable<string>): Map<string, number> {
  const m = new Map<string, number>();
  for (const k of keys) m.set(k, (m.get(k) ?? 0) + 1);
  return m;
}
