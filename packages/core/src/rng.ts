import seedrandom from 'seedrandom';
import { describeValue, MixzooError } from './errors.js';
import { zigguratNormal } from './ziggurat.js';

/** A seed: any finite number (0 included) or a string. */
export type Seed = number | string;

/**
 * Seeded random source on seedrandom's alea. `stream(name)` derives an independent, cached
 * child stream, so adding a draw in one stream never shifts another (λ, pairing, geometry...).
 */
export interface Rng {
  /** The derivation key of this stream (the seed, then `/name` per stream level). */
  readonly key: string;
  stream(name: string): Rng;
  /** Uniform double in [lo, hi). */
  uniform(lo?: number, hi?: number): number;
  /** Uniform integer in [0, n). */
  int(n: number): number;
  /** Standard normal N(0, 1). */
  normal(): number;
  /** Fills `out` with independent N(0, 1) draws (the bulk path for large spectra, e.g. FMix). */
  normals(out: Float64Array): Float64Array;
  /** log of a Gamma(a, 1) draw; stays finite for tiny `a` where the draw itself underflows to 0. */
  logGamma(a: number): number;
  gamma(a: number): number;
  /** Beta(a, b) via two Gammas, combined in log space: never 0/0 for tiny a, b. */
  beta(a: number, b: number): number;
  /** Dirichlet(alphas): weights summing to 1. */
  dirichlet(alphas: readonly number[]): number[];
  /** Uniform random permutation of 0..n-1 (Fisher–Yates). */
  permutation(n: number): number[];
  /** Uniform random permutation without fixed points (n >= 2), by rejection (e tries on average). */
  derangement(n: number): number[];
}

function checkSeed(seed: unknown): asserts seed is Seed {
  const ok = typeof seed === 'string' || (typeof seed === 'number' && Number.isFinite(seed));
  if (!ok) throw new MixzooError('E_OPTION', `seed must be a finite number or a string, got ${describeValue(seed)}.`);
}

function checkShape(what: string, a: number): void {
  if (!(a > 0) || !Number.isFinite(a)) {
    throw new MixzooError('E_OPTION', `${what}: shape parameter must be a finite number > 0, got ${describeValue(a)}.`);
  }
}

function checkCount(what: string, n: number): void {
  if (!Number.isInteger(n) || n < 0) {
    throw new MixzooError('E_OPTION', `${what}: n must be an integer >= 0, got ${describeValue(n)}.`);
  }
}

class AleaRng implements Rng {
  private readonly prng: seedrandom.PRNG;
  private readonly streams = new Map<string, Rng>();
  private spareNormal: number | undefined;

  constructor(readonly key: string) {
    this.prng = seedrandom.alea(key);
  }

  stream(name: string): Rng {
    let child = this.streams.get(name);
    if (!child) {
      // Escaped so that '/' inside a name can never alias a nested stream.
      child = new AleaRng(`${this.key}/${encodeURIComponent(name)}`);
      this.streams.set(name, child);
    }
    return child;
  }

  uniform(lo = 0, hi = 1): number {
    if (!Number.isFinite(lo) || !Number.isFinite(hi) || lo > hi) {
      throw new MixzooError('E_OPTION', `uniform: bounds must be finite with lo <= hi, got [${describeValue(lo)}, ${describeValue(hi)}].`);
    }
    return lo + (hi - lo) * this.prng.double();
  }

  int(n: number): number {
    if (!Number.isInteger(n) || n < 1) throw new MixzooError('E_OPTION', `int: n must be an integer >= 1, got ${describeValue(n)}.`);
    return Math.floor(this.prng.double() * n);
  }

  /** Uniform in (0, 1]: safe under log. */
  private open(): number {
    return 1 - this.prng.double();
  }

  normal(): number {
    // Marsaglia polar method; the second value of each pair is kept for the next call.
    if (this.spareNormal !== undefined) {
      const z = this.spareNormal;
      this.spareNormal = undefined;
      return z;
    }
    let u: number;
    let v: number;
    let s: number;
    do {
      u = 2 * this.prng.double() - 1;
      v = 2 * this.prng.double() - 1;
      s = u * u + v * v;
    } while (s >= 1 || s === 0);
    const f = Math.sqrt((-2 * Math.log(s)) / s);
    this.spareNormal = v * f;
    return u * f;
  }

  normals(out: Float64Array): Float64Array {
    // The ziggurat on alea's 32-bit uniforms: about one generator step per draw and no log.
    // normal() keeps the polar method: the Gamma (so Beta) sampler draws from it, and a new
    // algorithm there would change every λ of every seed.
    const next = this.prng;
    for (let k = 0; k < out.length; k++) out[k] = zigguratNormal(next);
    return out;
  }

  logGamma(a: number): number {
    checkShape('gamma', a);
    // Gamma(a) = Gamma(a + 1) · U^(1/a) for a < 1, taken in log space.
    if (a < 1) return this.logGamma(a + 1) + Math.log(this.open()) / a;
    // Marsaglia–Tsang squeeze/rejection for a >= 1.
    const d = a - 1 / 3;
    const c = 1 / Math.sqrt(9 * d);
    for (;;) {
      const x = this.normal();
      const t = 1 + c * x;
      if (t <= 0) continue;
      const v = t * t * t;
      const logU = Math.log(this.open());
      if (logU < 0.5 * x * x + d - d * v + d * Math.log(v)) return Math.log(d) + Math.log(v);
    }
  }

  gamma(a: number): number {
    return Math.exp(this.logGamma(a));
  }

  beta(a: number, b: number): number {
    checkShape('beta', a);
    checkShape('beta', b);
    const diff = this.logGamma(b) - this.logGamma(a);
    // λ = X / (X + Y) = sigmoid(log X − log Y), clamped against rounding.
    const lambda = 1 / (1 + Math.exp(diff));
    return Math.min(1, Math.max(0, lambda));
  }

  dirichlet(alphas: readonly number[]): number[] {
    const given: unknown = alphas; // plain-JS callers may pass anything
    if (!Array.isArray(given) || given.length === 0) {
      throw new MixzooError('E_OPTION', `dirichlet: alphas must be a non-empty array, got ${describeValue(alphas)}.`);
    }
    const logs = alphas.map((a) => this.logGamma(a));
    const max = logs.reduce((m, l) => Math.max(m, l), -Infinity);
    const weights = logs.map((l) => Math.exp(l - max));
    const sum = weights.reduce((s, w) => s + w, 0);
    return weights.map((w) => w / sum);
  }

  permutation(n: number): number[] {
    checkCount('permutation', n);
    const p = Array.from({ length: n }, (_, i) => i);
    for (let i = n - 1; i > 0; i--) {
      const j = Math.floor(this.prng.double() * (i + 1));
      const t = p[i];
      p[i] = p[j];
      p[j] = t;
    }
    return p;
  }

  derangement(n: number): number[] {
    checkCount('derangement', n);
    if (n === 1) throw new MixzooError('E_OPTION', 'derangement: needs n >= 2 (a single element cannot avoid itself), got 1.');
    for (;;) {
      const p = this.permutation(n);
      if (p.every((v, i) => v !== i)) return p;
    }
  }
}

/** A seeded Rng. Seeds may be numbers (0 included) or strings; `createRng(7)` and `createRng('7')` are the same stream. */
export function createRng(seed: Seed): Rng {
  checkSeed(seed);
  return new AleaRng(encodeURIComponent(String(seed)));
}
