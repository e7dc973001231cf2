import { afterEach, describe, expect, it, vi } from 'vitest';
import betaCdf from '@stdlib/stats-base-dists-beta-cdf';
import { createRng, MixzooError, type Rng } from '@mixzoo/core';
import {
  chiSquare,
  chiSquareCritical,
  erfc,
  expectMixzooError,
  expectWithinSE,
  gammaMoments,
  ksCritical,
  ksStatistic,
  mean,
  normalCdf,
  seMean,
  seVariance,
  tally,
  variance,
} from './stats.js';

/** One draw of every method, flattened: the fingerprint of a stream. */
function trace(rng: Rng, rounds = 20): number[] {
  const out: number[] = [];
  for (let r = 0; r < rounds; r++) {
    out.push(rng.uniform(), rng.uniform(-2, 3), rng.int(10), rng.normal(), rng.normal(), rng.normal());
    out.push(rng.logGamma(0.3), rng.gamma(0.5), rng.gamma(2.5), rng.beta(0.2, 0.2), rng.beta(1.51, 2.51));
    out.push(...rng.dirichlet([0.1, 1, 4]), ...rng.permutation(6), ...rng.derangement(5));
  }
  return out;
}

/** Bit patterns of doubles, so equality is bit-for-bit (distinguishes −0/+0 and NaN payloads). */
function bits(xs: number[]): bigint[] {
  return Array.from(new BigUint64Array(Float64Array.from(xs).buffer));
}

function countWhere(xs: ArrayLike<number>, pred: (x: number) => boolean): number {
  let c = 0;
  for (let i = 0; i < xs.length; i++) if (pred(xs[i])) c++;
  return c;
}

function draws(n: number, f: () => number): Float64Array {
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = f();
  return out;
}

describe('createRng: determinism', () => {
  it('same numeric seed gives bit-identical sequences across every method', () => {
    const a = trace(createRng(42));
    const b = trace(createRng(42));
    expect(a.length).toBeGreaterThan(400);
    expect(bits(a)).toEqual(bits(b));
  });

  it('same string seed gives bit-identical sequences', () => {
    expect(bits(trace(createRng('mixzoo')))).toEqual(bits(trace(createRng('mixzoo'))));
  });

  it('different seeds give different sequences', () => {
    const a = trace(createRng(42), 2);
    const b = trace(createRng(43), 2);
    const c = trace(createRng('mixzoo'), 2);
    expect(a).not.toEqual(b);
    expect(a).not.toEqual(c);
  });

  it('seed 0 works, is deterministic and differs from seed 1', () => {
    const r0 = createRng(0);
    expect(r0.key).toBe('0');
    const u0 = draws(16, () => r0.uniform());
    for (const u of u0) expect(u >= 0 && u < 1).toBe(true);
    expect(Array.from(draws(16, () => createRng(0).uniform()))).toEqual(Array.from(draws(16, () => createRng(0).uniform())));
    const again = createRng(0);
    expect(Array.from(draws(16, () => again.uniform()))).toEqual(Array.from(u0));
    const r1 = createRng(1);
    const u1 = draws(16, () => r1.uniform());
    expect(Array.from(u0)).not.toEqual(Array.from(u1));
  });

  it('createRng(7) and createRng("7") are the same stream (streams included)', () => {
    expect(createRng(7).key).toBe(createRng('7').key);
    expect(bits(trace(createRng(7)))).toEqual(bits(trace(createRng('7'))));
    expect(bits(trace(createRng(7).stream('lambda')))).toEqual(bits(trace(createRng('7').stream('lambda'))));
  });

  it('fractional and negative finite numbers are valid seeds', () => {
    expect(bits(trace(createRng(-3.25), 2))).toEqual(bits(trace(createRng(-3.25), 2)));
    expect(trace(createRng(-3.25), 2)).not.toEqual(trace(createRng(3.25), 2));
  });
});

describe('Rng.stream', () => {
  it('is cached: the same name returns the same object', () => {
    const rng = createRng(11);
    const a = rng.stream('a');
    expect(rng.stream('a')).toBe(a);
    expect(rng.stream('b')).not.toBe(a);
    expect(a.stream('x')).toBe(a.stream('x'));
    expect(a.key).toBe('11/a');
    expect(a.stream('x').key).toBe('11/a/x');
  });

  it('drawing from stream "a" (or the parent) does not change stream "b"', () => {
    const quiet = createRng(5);
    const expected = trace(quiet.stream('b'), 5);

    const busy = createRng(5);
    trace(busy, 7);
    trace(busy.stream('a'), 9);
    const b = busy.stream('b');
    trace(busy.stream('a'), 3);
    trace(busy, 1);
    expect(bits(trace(b, 5))).toEqual(bits(expected));
  });

  it('a stream is not a replay of its parent or of a sibling', () => {
    const rng = createRng(5);
    const parent = trace(createRng(5), 2);
    const a = trace(rng.stream('a'), 2);
    const b = trace(rng.stream('b'), 2);
    expect(a).not.toEqual(b);
    expect(a).not.toEqual(parent);
    expect(b).not.toEqual(parent);
  });

  it('the same stream name under different seeds differs', () => {
    expect(trace(createRng(1).stream('a'), 2)).not.toEqual(trace(createRng(2).stream('a'), 2));
  });

  it('streams are nearly uncorrelated with their parent and siblings', () => {
    const n = 20_000;
    const rng = createRng('corr');
    const p = draws(n, () => rng.uniform());
    const a = draws(n, () => rng.stream('a').uniform());
    const b = draws(n, () => rng.stream('b').uniform());
    const corr = (x: Float64Array, y: Float64Array) => {
      const mx = mean(x);
      const my = mean(y);
      let s = 0;
      for (let i = 0; i < n; i++) s += (x[i] - mx) * (y[i] - my);
      return s / (n - 1) / Math.sqrt(variance(x) * variance(y));
    };
    // Under independence the sample correlation has standard error ≈ 1/√n.
    expectWithinSE(corr(p, a), 0, 1 / Math.sqrt(n), 'corr(parent, a)');
    expectWithinSE(corr(a, b), 0, 1 / Math.sqrt(n), 'corr(a, b)');
  });
});

describe('createRng: invalid seeds', () => {
  const bad: [string, unknown][] = [
    ['NaN', NaN],
    ['Infinity', Infinity],
    ['-Infinity', -Infinity],
    ['undefined', undefined],
    ['null', null],
    ['an object', { seed: 1 }],
    ['an array', [1]],
    ['a boolean', true],
    ['a bigint', 7n],
    ['a function', () => 7],
  ];
  for (const [label, seed] of bad) {
    it(`throws E_OPTION for ${label}`, () => {
      expectMixzooError(() => createRng(seed as never), 'E_OPTION');
    });
  }

  it('the message names what was received', () => {
    try {
      createRng(NaN);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(MixzooError);
      expect((e as Error).message).toContain('NaN');
    }
  });
});

describe('Math.random is never used', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('no method (nor creation, nor streams) calls Math.random', () => {
    const spy = vi.spyOn(Math, 'random');
    const rng = createRng('spy');
    trace(rng, 10);
    trace(rng.stream('s').stream('t'), 10);
    rng.logGamma(0.001);
    rng.logGamma(1000);
    rng.gamma(0.001);
    rng.beta(0.001, 0.001);
    rng.beta(1000, 1000);
    rng.dirichlet([0.001, 0.001, 0.001, 0.001]);
    rng.permutation(0);
    rng.permutation(100);
    rng.derangement(0);
    rng.derangement(2);
    rng.derangement(100);
    createRng(0).uniform();
    expect(spy).not.toHaveBeenCalled();
  });
});

describe('Rng.uniform', () => {
  it('default range is [0, 1) with mean 1/2 and variance 1/12', () => {
    const n = 40_000;
    const rng = createRng('uniform');
    const xs = draws(n, () => rng.uniform());
    let min = Infinity;
    let max = -Infinity;
    for (const x of xs) {
      min = Math.min(min, x);
      max = Math.max(max, x);
    }
    expect(min).toBeGreaterThanOrEqual(0);
    expect(max).toBeLessThan(1);
    // The extremes of 40k uniforms lie within ~1e-3 of the ends; a sampler on a narrower range fails.
    expect(min).toBeLessThan(5e-4);
    expect(max).toBeGreaterThan(1 - 5e-4);
    expectWithinSE(mean(xs), 0.5, seMean(1 / 12, n), 'mean');
    expectWithinSE(variance(xs), 1 / 12, seVariance(1 / 12, 1 / 80, n), 'variance');
    expect(ksStatistic(xs, (v) => v)).toBeLessThan(ksCritical(n));
  });

  it('uniform(lo, hi) lies in [lo, hi) with mean (lo+hi)/2 and variance (hi−lo)²/12', () => {
    const n = 40_000;
    const [lo, hi] = [-3, 5];
    const rng = createRng('uniform-range');
    const xs = draws(n, () => rng.uniform(lo, hi));
    expect(countWhere(xs, (x) => !(x >= lo && x < hi)), 'draws outside [lo, hi)').toBe(0);
    const w = hi - lo;
    expectWithinSE(mean(xs), 1, seMean((w * w) / 12, n), 'mean');
    expectWithinSE(variance(xs), (w * w) / 12, seVariance((w * w) / 12, w ** 4 / 80, n), 'variance');
    expect(ksStatistic(xs, (v) => (v - lo) / w)).toBeLessThan(ksCritical(n));
  });

  it('uniform(lo, lo) is lo', () => {
    const rng = createRng(3);
    for (let i = 0; i < 10; i++) expect(rng.uniform(2.5, 2.5)).toBe(2.5);
  });
});

describe('Rng.int', () => {
  it('int(n) is an integer in [0, n), uniform by chi-square', () => {
    const n = 7;
    const m = 70_000;
    const rng = createRng('int');
    const counts = new Array<number>(n).fill(0);
    let outside = 0;
    for (let i = 0; i < m; i++) {
      const k = rng.int(n);
      if (Number.isInteger(k) && k >= 0 && k < n) counts[k]++;
      else outside++;
    }
    expect(outside, 'draws that are not integers in [0, n)').toBe(0);
    for (const c of counts) expect(c).toBeGreaterThan(0);
    expect(chiSquare(counts, new Array<number>(n).fill(1 / n))).toBeLessThan(chiSquareCritical(n - 1));
  });

  it('int(2) is a fair coin and int(1) is always 0', () => {
    const rng = createRng('coin');
    const m = 20_000;
    let ones = 0;
    for (let i = 0; i < m; i++) ones += rng.int(2);
    expectWithinSE(ones / m, 0.5, Math.sqrt(0.25 / m), 'P(int(2) = 1)');
    for (let i = 0; i < 100; i++) expect(rng.int(1)).toBe(0);
  });

  it('large n covers the whole range (top quarter and bottom quarter both hit)', () => {
    const rng = createRng('int-big');
    const n = 2 ** 40;
    let low = 0;
    let high = 0;
    let outside = 0;
    for (let i = 0; i < 4000; i++) {
      const k = rng.int(n);
      if (!(Number.isInteger(k) && k >= 0 && k < n)) outside++;
      if (k < n / 4) low++;
      if (k >= (3 * n) / 4) high++;
    }
    expect(outside).toBe(0);
    expectWithinSE(low / 4000, 0.25, Math.sqrt(0.1875 / 4000), 'P(bottom quarter)');
    expectWithinSE(high / 4000, 0.25, Math.sqrt(0.1875 / 4000), 'P(top quarter)');
  });

  it('invalid n throws E_OPTION', () => {
    const rng = createRng(1);
    for (const n of [0, -1, 1.5, NaN, Infinity]) expectMixzooError(() => rng.int(n), 'E_OPTION');
  });
});

describe('Rng.normal', () => {
  const n = 40_000;
  const rng = createRng('normal');
  const zs = draws(n, () => rng.normal());

  it('is finite with mean 0 and variance 1', () => {
    expect(countWhere(zs, (z) => !Number.isFinite(z)), 'non-finite draws').toBe(0);
    expectWithinSE(mean(zs), 0, seMean(1, n), 'mean');
    // μ4 of N(0,1) is 3.
    expectWithinSE(variance(zs), 1, seVariance(1, 3, n), 'variance');
  });

  it('passes a KS test against the normal CDF', () => {
    // Sanity of the reference CDF itself.
    expect(normalCdf(0)).toBeCloseTo(0.5, 7);
    expect(normalCdf(1.959963984540054)).toBeCloseTo(0.975, 6);
    expect(erfc(1)).toBeCloseTo(0.157299207050285, 6);
    expect(ksStatistic(zs, normalCdf)).toBeLessThan(ksCritical(n));
  });

  it('consecutive draws (the two halves of each polar pair) are uncorrelated', () => {
    const m = n / 2;
    let even = 0;
    let odd = 0;
    for (let i = 0; i < n; i += 2) {
      even += zs[i] * zs[i + 1];
      odd += zs[i + 1] * (zs[i + 2] ?? 0);
    }
    expectWithinSE(even / m, 0, 1 / Math.sqrt(m), 'E[z_2i · z_2i+1]');
    expectWithinSE(odd / m, 0, 1 / Math.sqrt(m), 'E[z_2i+1 · z_2i+2]');
  });
});

describe('Rng.gamma / Rng.logGamma', () => {
  // Closed-form CDFs of Gamma(a, 1) for the tested shapes.
  const gammaCdf: Record<number, (x: number) => number> = {
    0.5: (x) => (x <= 0 ? 0 : 1 - erfc(Math.sqrt(x))),
    1: (x) => (x <= 0 ? 0 : -Math.expm1(-x)),
    3: (x) => (x <= 0 ? 0 : 1 - Math.exp(-x) * (1 + x + (x * x) / 2)),
  };

  for (const a of [0.5, 1, 3]) {
    it(`Gamma(${a}) has mean ${a}, variance ${a}, and passes KS`, () => {
      const n = 40_000;
      const rng = createRng(`gamma/${a}`);
      const xs = draws(n, () => rng.gamma(a));
      expect(countWhere(xs, (x) => !(Number.isFinite(x) && x >= 0)), 'draws not finite and >= 0').toBe(0);
      const m = gammaMoments(a);
      expectWithinSE(mean(xs), m.mean, seMean(m.variance, n), 'mean');
      expectWithinSE(variance(xs), m.variance, seVariance(m.variance, m.mu4, n), 'variance');
      expect(ksStatistic(xs, gammaCdf[a])).toBeLessThan(ksCritical(n));
    });
  }

  it('logGamma(a) is the log of a Gamma(a) draw: E[log X] = ψ(a), Var = ψ′(a)', () => {
    const n = 20_000;
    // ψ(3) = 3/2 − γ, ψ′(3) = π²/6 − 5/4.
    const rng = createRng('loggamma/3');
    const ls = draws(n, () => rng.logGamma(3));
    expectWithinSE(mean(ls), 1.5 - 0.5772156649015329, seMean(Math.PI ** 2 / 6 - 1.25, n), 'E[log Gamma(3)]');
    // Var(log X) for Gamma(3): μ4 of log X = ψ‴(3) + 3ψ′(3)²; ψ‴(3) = 6(ζ(4) − 1 − 1/16) = π⁴/15 − 6.375.
    const v = Math.PI ** 2 / 6 - 1.25;
    const mu4 = Math.PI ** 4 / 15 - 6.375 + 3 * v * v;
    expectWithinSE(variance(ls), v, seVariance(v, mu4, n), 'Var[log Gamma(3)]');
  });

  it('logGamma stays finite for tiny a (0.001) where the draw itself underflows, with E = ψ(0.001)', () => {
    const n = 20_000;
    const a = 0.001;
    const rng = createRng('loggamma/tiny');
    const ls = draws(n, () => rng.logGamma(a));
    expect(countWhere(ls, (l) => !Number.isFinite(l)), 'non-finite log draws').toBe(0);
    // Most Gamma(0.001) draws are below the smallest double: exp(log X) = 0, but log X is finite.
    expect(ls.filter((l) => l < -745).length).toBeGreaterThan(n / 10);
    // ψ(0.001) = ψ(1.001) − 1000 ≈ −1000.575572; ψ′(0.001) ≈ 1e6 + 1.6425.
    expectWithinSE(mean(ls), -1000.575572, seMean(1e6 + 1.6425, n), 'E[log Gamma(0.001)]');
    // log X = log G(1.001) + log(U)/a is dominated by −Exp(1)/a: variance ≈ 1/a², μ4 ≈ 9/a⁴.
    expectWithinSE(variance(ls), 1e6 + 1.6425, seVariance(1e6, 9e12, n), 'Var[log Gamma(0.001)]');
    // And gamma(a) itself never gives NaN/negatives there.
    for (let i = 0; i < 1000; i++) {
      const g = rng.gamma(a);
      expect(g >= 0 && Number.isFinite(g)).toBe(true);
    }
  });

  it('bad shape parameters throw E_OPTION', () => {
    const rng = createRng(1);
    for (const a of [0, -1, NaN, Infinity, -Infinity]) {
      expectMixzooError(() => rng.gamma(a), 'E_OPTION');
      expectMixzooError(() => rng.logGamma(a), 'E_OPTION');
    }
    expectMixzooError(() => rng.gamma('2' as never), 'E_OPTION');
  });
});

describe('Rng.permutation', () => {
  it('returns a permutation of 0..n-1', () => {
    const rng = createRng('perm');
    expect(rng.permutation(0)).toEqual([]);
    expect(rng.permutation(1)).toEqual([0]);
    for (const n of [2, 5, 17, 100]) {
      for (let r = 0; r < 20; r++) {
        const p = rng.permutation(n);
        expect(p).toHaveLength(n);
        expect([...p].sort((x, y) => x - y)).toEqual(Array.from({ length: n }, (_, i) => i));
      }
    }
  });

  it('all 6 orders of n=3 are equally likely (chi-square)', () => {
    const m = 60_000;
    const rng = createRng('perm3');
    const counts = tally(Array.from({ length: m }, () => rng.permutation(3).join('')));
    expect([...counts.keys()].sort()).toEqual(['012', '021', '102', '120', '201', '210']);
    expect(chiSquare([...counts.values()], new Array<number>(6).fill(1 / 6))).toBeLessThan(chiSquareCritical(5));
  });

  it('all 24 orders of n=4 are equally likely (chi-square)', () => {
    const m = 48_000;
    const rng = createRng('perm4');
    const counts = tally(Array.from({ length: m }, () => rng.permutation(4).join('')));
    expect(counts.size).toBe(24);
    expect(chiSquare([...counts.values()], new Array<number>(24).fill(1 / 24))).toBeLessThan(chiSquareCritical(23));
  });

  it('each element of n=10 lands in each position uniformly (chi-square per element)', () => {
    const m = 20_000;
    const n = 10;
    const rng = createRng('perm10');
    const pos = Array.from({ length: n }, () => new Array<number>(n).fill(0));
    for (let r = 0; r < m; r++) rng.permutation(n).forEach((v, i) => pos[v][i]++);
    for (let v = 0; v < n; v++) expect(chiSquare(pos[v], new Array<number>(n).fill(1 / n))).toBeLessThan(chiSquareCritical(n - 1));
  });

  it('invalid n throws E_OPTION', () => {
    const rng = createRng(1);
    for (const n of [-1, 1.5, NaN, Infinity]) expectMixzooError(() => rng.permutation(n), 'E_OPTION');
  });
});

describe('Rng.derangement', () => {
  it('is a permutation without fixed points', () => {
    const rng = createRng('der');
    expect(rng.derangement(2)).toEqual([1, 0]);
    for (const n of [2, 3, 4, 7, 50]) {
      for (let r = 0; r < 30; r++) {
        const p = rng.derangement(n);
        expect([...p].sort((x, y) => x - y)).toEqual(Array.from({ length: n }, (_, i) => i));
        p.forEach((v, i) => expect(v).not.toBe(i));
      }
    }
  });

  it('is uniform over the 2 derangements of 3', () => {
    const m = 20_000;
    const rng = createRng('der3');
    const counts = tally(Array.from({ length: m }, () => rng.derangement(3).join('')));
    expect([...counts.keys()].sort()).toEqual(['120', '201']);
    expectWithinSE(counts.get('120')! / m, 0.5, Math.sqrt(0.25 / m), 'P(120)');
  });

  it('is uniform over the 9 derangements of 4 (chi-square)', () => {
    const m = 36_000;
    const rng = createRng('der4');
    const counts = tally(Array.from({ length: m }, () => rng.derangement(4).join('')));
    expect([...counts.keys()].sort()).toEqual(['1032', '1230', '1302', '2031', '2301', '2310', '3012', '3201', '3210']);
    expect(chiSquare([...counts.values()], new Array<number>(9).fill(1 / 9))).toBeLessThan(chiSquareCritical(8));
  });

  it('n = 0 gives [] and n = 1 throws E_OPTION', () => {
    const rng = createRng(1);
    expect(rng.derangement(0)).toEqual([]);
    expectMixzooError(() => rng.derangement(1), 'E_OPTION');
    for (const n of [-1, 2.5, NaN]) expectMixzooError(() => rng.derangement(n), 'E_OPTION');
  });
});

describe('Rng.dirichlet', () => {
  it('weights are in [0, 1] and sum to 1', () => {
    const rng = createRng('dir');
    for (const alphas of [[1, 1], [0.5, 1, 2.5], [0.1, 0.1, 0.1, 0.1, 0.1], [100, 0.01, 3]]) {
      for (let r = 0; r < 200; r++) {
        const w = rng.dirichlet(alphas);
        expect(w).toHaveLength(alphas.length);
        for (const x of w) expect(x >= 0 && x <= 1).toBe(true);
        expect(Math.abs(w.reduce((s, x) => s + x, 0) - 1)).toBeLessThan(1e-12);
      }
    }
    expect(rng.dirichlet([5])).toEqual([1]);
  });

  it('means are a_k / sum(a) (and variances match) for alphas [0.5, 1, 2.5]', () => {
    const alphas = [0.5, 1, 2.5];
    const A = 4;
    const n = 30_000;
    const rng = createRng('dir-moments');
    const cols = alphas.map(() => new Float64Array(n));
    for (let i = 0; i < n; i++) rng.dirichlet(alphas).forEach((w, k) => (cols[k][i] = w));
    alphas.forEach((a, k) => {
      // The k-th marginal is Beta(a_k, A − a_k).
      const v = (a * (A - a)) / (A * A * (A + 1));
      expectWithinSE(mean(cols[k]), a / A, seMean(v, n), `E[w_${k}]`);
    });
  });

  it('a 2-way Dirichlet([2, 3]) first weight is Beta(2, 3) (KS)', () => {
    const n = 20_000;
    const rng = createRng('dir-beta');
    const xs = draws(n, () => rng.dirichlet([2, 3])[0]);
    expect(ksStatistic(xs, (v) => betaCdf(v, 2, 3))).toBeLessThan(ksCritical(n));
  });

  it('tiny alphas (0.001) give finite weights summing to 1, concentrated on one coordinate', () => {
    const rng = createRng('dir-tiny');
    const m = 3000;
    const winners = [0, 0, 0];
    let concentrated = 0;
    for (let r = 0; r < m; r++) {
      const w = rng.dirichlet([0.001, 0.001, 0.001]);
      for (const x of w) expect(Number.isFinite(x) && x >= 0 && x <= 1).toBe(true);
      expect(Math.abs(w[0] + w[1] + w[2] - 1)).toBeLessThan(1e-12);
      const top = Math.max(...w);
      winners[w.indexOf(top)]++;
      // With α = 0.001 almost every draw puts essentially all weight on one coordinate.
      if (top > 1 - 1e-6) concentrated++;
    }
    expect(concentrated).toBeGreaterThan(0.9 * m);
    expect(chiSquare(winners, [1 / 3, 1 / 3, 1 / 3])).toBeLessThan(chiSquareCritical(2));
  });

  it('bad input throws E_OPTION', () => {
    const rng = createRng(1);
    const bad: unknown[] = [[], [0, 1], [1, -1], [NaN, 1], [Infinity, 1], [1, '2'], undefined, null, 3, 'abc'];
    for (const alphas of bad) expectMixzooError(() => rng.dirichlet(alphas as never), 'E_OPTION');
  });
});

describe('stream keys', () => {
  it('never alias: a "/" in a name is not a nested stream, and seeds cannot forge stream keys', () => {
    const draws = (r: ReturnType<typeof createRng>) => [r.uniform(), r.uniform(), r.uniform()];
    const nested = draws(createRng(1).stream('a').stream('b'));
    expect(draws(createRng(1).stream('a/b'))).not.toEqual(nested);
    expect(draws(createRng('1/a/b'))).not.toEqual(nested);
  });
});

describe('normals (bulk)', () => {
  it('fills the array with N(0, 1) draws, deterministically per seed, without Math.random', () => {
    const spy = vi.spyOn(Math, 'random');
    const n = 40_001; // odd: the last pair is cut
    const a = createRng(3).stream('fmix').normals(new Float64Array(n));
    spy.mockRestore();
    expect(spy).not.toHaveBeenCalled();
    expect(Array.from(createRng(3).stream('fmix').normals(new Float64Array(n)))).toEqual(Array.from(a));
    const mean = a.reduce((s, v) => s + v, 0) / n;
    const variance = a.reduce((s, v) => s + (v - mean) ** 2, 0) / (n - 1);
    expect(Math.abs(mean)).toBeLessThan(6 / Math.sqrt(n));
    expect(Math.abs(variance - 1)).toBeLessThan(6 * Math.sqrt(2 / n));
    // one-sample KS against the normal CDF
    const sorted = Float64Array.from(a).sort();
    const cdf = (x: number) => 0.5 * (1 + erf(x / Math.SQRT2));
    let d = 0;
    sorted.forEach((x, i) => (d = Math.max(d, Math.abs(cdf(x) - i / n), Math.abs(cdf(x) - (i + 1) / n))));
    expect(d).toBeLessThan(1.95 / Math.sqrt(n));
  });

  it('is N(0, 1) in the body, the wedges and the tail of the ziggurat (1M draws)', () => {
    const n = 1_000_000;
    const a = createRng(11).stream('fmix').normals(new Float64Array(n));
    const cdf = (x: number) => 0.5 * (1 + erf(x / Math.SQRT2));
    // KS over every draw: the wedge accept/reject shapes the density everywhere between layers.
    const sorted = Float64Array.from(a).sort();
    let d = 0;
    sorted.forEach((x, i) => (d = Math.max(d, Math.abs(cdf(x) - i / n), Math.abs(cdf(x) - (i + 1) / n))));
    expect(d).toBeLessThan(1.95 / Math.sqrt(n));
    // The tail beyond the base layer's edge R: its mass (about 576 draws) and its shape.
    const R = 3.442619855899;
    const tail = Float64Array.from(a.filter((x) => Math.abs(x) > R).map(Math.abs)).sort();
    const upper = (x: number) => 1 - cdf(x);
    const expected = 2 * n * upper(R);
    expect(Math.abs(tail.length - expected)).toBeLessThan(5 * Math.sqrt(expected));
    let dt = 0;
    tail.forEach((x, i) => {
      const c = 1 - upper(x) / upper(R);
      dt = Math.max(dt, Math.abs(c - i / tail.length), Math.abs(c - (i + 1) / tail.length));
    });
    expect(dt).toBeLessThan(1.95 / Math.sqrt(tail.length));
    expect(tail[tail.length - 1]).toBeGreaterThan(4);
  });

  it('has the normal density in narrow bins (chi-square, 2M draws): wedge rejection is exact', () => {
    const n = 2_000_000;
    const a = createRng(12).stream('fmix').normals(new Float64Array(n));
    // |x| in 0.02-wide bins up to 3.44, then one bin for the tail.
    const width = 0.02;
    const bins = 172;
    const counts = new Float64Array(bins + 1);
    for (const x of a) counts[Math.min(bins, Math.floor(Math.abs(x) / width))]++;
    const mass = (x: number) => erf(x / Math.SQRT2); // P(|Z| < x)
    let chi2 = 0;
    for (let k = 0; k <= bins; k++) {
      const expected = n * (k === bins ? 1 - mass(bins * width) : mass((k + 1) * width) - mass(k * width));
      chi2 += (counts[k] - expected) ** 2 / expected;
    }
    // 172 degrees of freedom: mean 172, sd 18.5. Accepting every wedge point gives 840, rejecting every one 640.
    expect(chi2).toBeLessThan(172 + 5 * Math.sqrt(2 * 172));
  });
});

/** Abramowitz–Stegun 7.1.26 (|error| < 1.5e-7), enough for a KS bound of ~0.01. */
function erf(x: number): number {
  const t = 1 / (1 + 0.3275911 * Math.abs(x));
  const y = 1 - ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t * Math.exp(-x * x);
  return x >= 0 ? y : -y;
}
