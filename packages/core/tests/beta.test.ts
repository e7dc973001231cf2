/**
 * The Beta sampler (Gamma by Marsaglia–Tsang, log-space for α < 1), statistically: moments and a one-sample KS test against the
 * Beta CDF for α ∈ {0.001 … 1000}, symmetric Beta(α, α) and asymmetric Beta(α + 1, α).
 */
import { describe, expect, it } from 'vitest';
import betaCdf from '@stdlib/stats-base-dists-beta-cdf';
import { createRng } from '@mixzoo/core';
import {
  betaMoments,
  expectMixzooError,
  expectWithinSE,
  ksCritical,
  ksStatistic,
  mean,
  seMean,
  seVariance,
  variance,
  withinSE,
} from './stats.js';

const ALPHAS = [0.001, 0.01, 0.2, 0.4, 1, 1.2, 1.51, 1.6, 2, 2.5, 1000];
const N = 20_000;
/** The symmetric Beta(α, α) and the reformulated Beta(α + 1, α) for every α. */
const SHAPES = ALPHAS.flatMap((a) => [[a, a], [a + 1, a]]);

const cache = new Map<string, Float64Array>();
/** N draws of Beta(a, b) from a seed derived from (a, b) only; memoised across tests. */
function sample(a: number, b: number): Float64Array {
  const key = `beta/${a}/${b}`;
  let xs = cache.get(key);
  if (!xs) {
    const rng = createRng(key);
    xs = new Float64Array(N);
    for (let i = 0; i < N; i++) xs[i] = rng.beta(a, b);
    cache.set(key, xs);
  }
  return xs;
}

/** Beta(a, b) CDF, evaluated on the side where x is exactly representable (1 − x is exact for x ≥ 1/2). */
function cdf(x: number, a: number, b: number): number {
  return x <= 0.5 ? betaCdf(x, a, b) : 1 - betaCdf(1 - x, b, a);
}

/*
 * Doubles cannot hold every λ: for tiny α much of the mass lies below 1e-300 or within 2^-53 of 1
 * (for Beta(0.01, 0.01) about a third of all draws ARE exactly 1.0; for Beta(0.001, 0.001) about
 * a quarter are exactly 0 and half exactly 1). The KS test therefore compares the empirical CDF
 * with the CDF of the variable snapped to {0} below LOW and to {1} above 1 − GAP: both atoms get
 * their exact probabilities from the Beta CDF, and rounding inside those bands (which depends on
 * how λ is computed, not on whether its distribution is right) cannot bias the statistic.
 * Between the bands every double carries ≥ 12 significant bits of λ or 1 − λ, so the CDF is exact
 * there to far below the KS resolution.
 */
const LOW = 1e-300;
const GAP = 2 ** -40;

function snap(x: number): number {
  return x < LOW ? 0 : 1 - x < GAP ? 1 : x;
}

function ksBeta(xs: Float64Array, a: number, b: number): number {
  const snapped = xs.map(snap);
  const right = (v: number) => (v === 0 ? betaCdf(LOW, a, b) : v === 1 ? 1 : cdf(v, a, b));
  const left = (v: number) => (v === 0 ? 0 : v === 1 ? 1 - betaCdf(GAP, b, a) : cdf(v, a, b));
  return ksStatistic(snapped, right, left);
}

/** The moment checks used for every case; returns the z-scores so negative controls can reuse it. */
function momentCheck(xs: Float64Array, a: number, b: number): { mean: boolean; variance: boolean } {
  const m = betaMoments(a, b);
  const seM = seMean(m.variance, xs.length);
  const seV = seVariance(m.variance, m.mu4, xs.length);
  return { mean: withinSE(mean(xs), m.mean, seM), variance: withinSE(variance(xs), m.variance, seV) };
}

describe('test helpers (sanity of the references used below)', () => {
  it('betaMoments agrees with closed forms', () => {
    // U(0,1) = Beta(1,1): mean 1/2, variance 1/12, μ4 = 1/80.
    const u = betaMoments(1, 1);
    expect(u.mean).toBeCloseTo(0.5, 15);
    expect(u.variance).toBeCloseTo(1 / 12, 15);
    expect(u.mu4).toBeCloseTo(1 / 80, 15);
    // Beta(2, 1) has density 2x: E = 2/3, Var = 1/18, μ4 = ∫ (x − 2/3)⁴ 2x dx = 1/135.
    const t = betaMoments(2, 1);
    expect(t.mean).toBeCloseTo(2 / 3, 15);
    expect(t.variance).toBeCloseTo(1 / 18, 15);
    expect(t.mu4).toBeCloseTo(1 / 135, 15);
    // Beta(1000, 1000): std ≈ 0.0112.
    expect(Math.sqrt(betaMoments(1000, 1000).variance)).toBeCloseTo(0.011178, 5);
  });

  it('the Beta CDF reference is the right one', () => {
    expect(betaCdf(0.3, 1, 1)).toBeCloseTo(0.3, 12);
    expect(betaCdf(0.5, 2, 3)).toBeCloseTo(0.6875, 12);
    expect(cdf(0.75, 2, 1)).toBeCloseTo(0.5625, 12);
    expect(cdf(0.5, 1.51, 1.51)).toBeCloseTo(0.5, 12);
  });
});

describe('Rng.beta: every value is a finite double in [0, 1]', () => {
  it.each(SHAPES)('Beta(%d, %d)', (p, q) => {
    const xs = sample(p, q);
    let bad = 0;
    for (const x of xs) if (!(x >= 0 && x <= 1)) bad++; // also catches NaN
    expect(bad).toBe(0);
  });

  it('values are doubles, not float32-rounded', () => {
    const xs = sample(1.51, 1.51);
    let f32 = 0;
    for (const x of xs) if (Math.fround(x) === x) f32++;
    // A float32 value among uniform-ish doubles has probability ~2^-29 per draw.
    expect(f32).toBeLessThan(5);
  });
});

describe('Rng.beta: mean and variance within 6 standard errors', () => {
  it.each(SHAPES)('Beta(%d, %d)', (p, q) => {
    const xs = sample(p, q);
    const m = betaMoments(p, q);
    expectWithinSE(mean(xs), m.mean, seMean(m.variance, N), 'mean');
    expectWithinSE(variance(xs), m.variance, seVariance(m.variance, m.mu4, N), 'variance');
  });

  it('negative control: a sampler with variance 0.016 instead of 0.062 at α = 1.51 fails', () => {
    const a = 1.51;
    const m = betaMoments(a, a);
    expect(m.variance).toBeCloseTo(0.0622, 4);
    // The known-bad value itself is far outside the tolerance ...
    expect(withinSE(0.016, m.variance, seVariance(m.variance, m.mu4, N))).toBe(false);
    // ... and so is a real sample shrunk to that variance (same mean, same shape otherwise).
    const good = sample(a, a);
    const shrink = Math.sqrt(0.016 / m.variance);
    const bad = good.map((x) => 0.5 + (x - 0.5) * shrink);
    expect(variance(bad)).toBeCloseTo(0.016, 3);
    expect(momentCheck(good, a, a)).toEqual({ mean: true, variance: true });
    expect(momentCheck(bad, a, a)).toEqual({ mean: true, variance: false });
    // The KS test rejects it too.
    expect(ksBeta(bad, a, a)).toBeGreaterThan(ksCritical(N));
  });

  it('negative control: swapped parameters (Beta(b, a) for Beta(a, b)) fail the mean check', () => {
    const xs = sample(2.5, 3.5);
    expect(momentCheck(xs, 3.5, 2.5).mean).toBe(false);
    expect(momentCheck(xs, 2.5, 3.5)).toEqual({ mean: true, variance: true });
  });

  it('Beta(1000, 1000) has std ≈ 0.0112', () => {
    const xs = sample(1000, 1000);
    const m = betaMoments(1000, 1000);
    const sd = Math.sqrt(variance(xs));
    // SE(sd) ≈ SE(s²) / (2σ).
    const seSd = seVariance(m.variance, m.mu4, N) / (2 * Math.sqrt(m.variance));
    expectWithinSE(sd, 0.011178, seSd, 'std');
    expect(Math.abs(sd - 0.0112)).toBeLessThan(0.0004);
  });
});

describe('Rng.beta: one-sample KS test against the Beta CDF (α_KS = 0.001)', () => {
  it.each(SHAPES)('Beta(%d, %d)', (p, q) => {
    const d = ksBeta(sample(p, q), p, q);
    expect(d, `D = ${d}, critical ${ksCritical(N)}`).toBeLessThan(ksCritical(N));
  });

  it('negative control: the KS test tells neighbouring shapes apart', () => {
    // Beta(1.2, 1.2) draws against the Beta(1.6, 1.6) CDF, and Beta(2.5, 1.5) against Beta(2, 1).
    expect(ksBeta(sample(1.2, 1.2), 1.6, 1.6)).toBeGreaterThan(ksCritical(N));
    expect(ksBeta(sample(2.5, 1.5), 2, 1)).toBeGreaterThan(ksCritical(N));
    // Tiny α: the atom masses matter (Beta(0.01, 0.01) draws are not Beta(0.001, 0.001)).
    expect(ksBeta(sample(0.01, 0.01), 0.001, 0.001)).toBeGreaterThan(ksCritical(N));
  });
});

describe('Rng.beta: tiny α (0.001) concentrates at 0 and 1 without 0/0', () => {
  it('Beta(0.001, 0.001): about half near 0, half near 1, almost nothing in between', () => {
    const xs = sample(0.001, 0.001);
    let low = 0;
    let middle = 0;
    for (const x of xs) {
      if (x < 0.5) low++;
      if (x > 1e-3 && x < 1 - 1e-3) middle++;
    }
    expectWithinSE(low / N, 0.5, Math.sqrt(0.25 / N), 'P(λ < 1/2)');
    // P(1e-3 < λ < 1 − 1e-3) ≈ 0.0069 by the CDF.
    const pMid = cdf(1 - 1e-3, 0.001, 0.001) - cdf(1e-3, 0.001, 0.001);
    expect(pMid).toBeGreaterThan(0.005);
    expect(pMid).toBeLessThan(0.01);
    expectWithinSE(middle / N, pMid, Math.sqrt((pMid * (1 - pMid)) / N), 'P(1e-3 < λ < 1 − 1e-3)');
    // Both ends really are reached (a sampler that clamps to the midpoint or returns NaN fails).
    expect(xs.filter((x) => x < 1e-100).length).toBeGreaterThan(N / 4);
    expect(xs.filter((x) => x > 1 - 1e-12).length).toBeGreaterThan(N / 4);
  });

  it('Beta(1.001, 0.001): nearly all mass at 1, mean 1.001/1.002', () => {
    const xs = sample(1.001, 0.001);
    let nearOne = 0;
    for (const x of xs) if (x > 0.5) nearOne++;
    const p = 1 - cdf(0.5, 1.001, 0.001);
    expectWithinSE(nearOne / N, p, Math.sqrt((p * (1 - p)) / N), 'P(λ > 1/2)');
    expect(mean(xs)).toBeGreaterThan(0.99);
  });

  it('different draws are not all identical (the stream advances)', () => {
    const xs = sample(0.001, 0.001);
    expect(new Set(xs).size).toBeGreaterThan(N / 10);
  });
});

describe('Rng.beta: bad parameters', () => {
  it('0, negative, NaN, ±Infinity and non-numbers throw E_OPTION (either argument)', () => {
    const rng = createRng('beta-bad');
    for (const bad of [0, -0, -1, -0.5, NaN, Infinity, -Infinity, '1' as never, undefined as never, null as never]) {
      expectMixzooError(() => rng.beta(bad, 1), 'E_OPTION');
      expectMixzooError(() => rng.beta(1, bad), 'E_OPTION');
      expectMixzooError(() => rng.beta(bad, bad), 'E_OPTION');
    }
  });

  it('a throw does not consume draws (the stream continues as if nothing happened)', () => {
    const clean = createRng('beta-throw');
    const expected = [clean.beta(2, 3), clean.beta(2, 3)];
    const rng = createRng('beta-throw');
    const first = rng.beta(2, 3);
    expect(() => rng.beta(2, -1)).toThrow();
    expect([first, rng.beta(2, 3)]).toEqual(expected);
  });
});
