import { makeStage, runStage, type Pass, type Stage } from './dft-stages.js';
import { createWorkspace } from './workspace.js';

/**
 * Batched 1-D DFTs of any length: `m` transforms at once along the first axis of row-major
 * [n][m] split planes (element (t, b) at t·m + b). Every butterfly then works on whole rows of
 * `m` contiguous values with one scalar twiddle, which is what makes a JS FFT fast: per-line
 * transforms (fft.js and the like) pay a gather, a call and a scatter for every line instead.
 *
 * Lengths whose prime factors are all <= MAX_RADIX use a mixed-radix Stockham (self-sorting)
 * algorithm; other lengths Bluestein's chirp-z algorithm on top of a power-of-two Stockham plan.
 * Forward X_k = Σ_t x_t e^{−2πikt/n}; inverse with e^{+…} and NOT scaled by 1/n: a 2-D caller
 * scales once, by 1/(H·W), in a pass it makes anyway.
 */
export interface BatchedDft {
  readonly n: number;
  /** Transforms the `m` columns of `re`/`im` (length n·m each) in place (the inverse unscaled). */
  run(re: Float64Array, im: Float64Array, m: number, inverse: boolean): void;
}

/** Largest prime done as one generic butterfly stage (O(p) work per point); larger ones take Bluestein. */
const MAX_RADIX = 31;

/**
 * The stages' radices: odd primes first (the first stage needs no twiddles, so an odd radix,
 * the costliest butterfly, goes there), then 4s (fewest passes over memory), then a 2.
 */
function radices(n: number): number[] | null {
  const out: number[] = [];
  let rest = n;
  for (let p = 3; p <= MAX_RADIX; p += 2) {
    while (rest % p === 0) {
      out.push(p);
      rest /= p;
    }
  }
  if (rest & (rest - 1)) return null;
  while (rest % 4 === 0) {
    out.push(4);
    rest /= 4;
  }
  if (rest === 2) out.push(2);
  return out;
}

class StockhamDft implements BatchedDft {
  private readonly stages: Stage[] = [];
  private readonly scratch = createWorkspace();

  constructor(
    readonly n: number,
    factors: number[],
  ) {
    let l = 1;
    for (const p of factors) {
      this.stages.push(makeStage(p, l, n));
      l *= p;
    }
  }

  run(re: Float64Array, im: Float64Array, m: number, inverse: boolean): void {
    const size = this.n * m;
    const work = this.scratch(2 * size);
    const pass: Pass = { sr: re, si: im, dr: work.subarray(0, size), di: work.subarray(size), m, sign: inverse ? 1 : -1 };
    // Ping-pong between the caller's planes and the scratch ones.
    for (const stage of this.stages) {
      runStage(stage, pass);
      [pass.sr, pass.dr] = [pass.dr, pass.sr];
      [pass.si, pass.di] = [pass.di, pass.si];
    }
    if (pass.sr !== re) {
      re.set(pass.sr);
      im.set(pass.si);
    }
  }
}

/**
 * Bluestein: X_k = w_k Σ_t (x_t w_t) conj(w_{k−t}) with w_t = e^{−iπt²/n}, a circular convolution
 * of length M >= 2n − 1 (a power of two) done by two Stockham transforms. The (unscaled)
 * inverse is conj(forward(conj(x))).
 */
class BluesteinDft implements BatchedDft {
  private readonly size: number;
  private readonly inner: BatchedDft;
  private readonly chirpRe: Float64Array;
  private readonly chirpIm: Float64Array;
  /** The transform of the filter conj(w_t), t = −(n−1)..n−1, wrapped to length M. */
  private readonly filterRe: Float64Array;
  private readonly filterIm: Float64Array;
  private readonly scratch = createWorkspace();

  constructor(readonly n: number) {
    let size = 1;
    while (size < 2 * n - 1) size *= 2;
    this.size = size;
    this.inner = batchedDft(size);
    this.chirpRe = new Float64Array(n);
    this.chirpIm = new Float64Array(n);
    this.filterRe = new Float64Array(size);
    this.filterIm = new Float64Array(size);
    for (let t = 0; t < n; t++) {
      // t² mod 2n keeps the angle small, so the chirp stays accurate for long transforms.
      const angle = (Math.PI * ((t * t) % (2 * n))) / n;
      this.chirpRe[t] = Math.cos(angle);
      this.chirpIm[t] = -Math.sin(angle);
      // The filter is conj(w), at t and (wrapped) at −t.
      for (const at of t > 0 ? [t, size - t] : [0]) {
        this.filterRe[at] = this.chirpRe[t];
        this.filterIm[at] = -this.chirpIm[t];
      }
    }
    this.inner.run(this.filterRe, this.filterIm, 1, false);
  }

  run(re: Float64Array, im: Float64Array, m: number, inverse: boolean): void {
    const { n, size, chirpRe, chirpIm, filterRe, filterIm } = this;
    const conj = inverse ? -1 : 1;
    const work = this.scratch(2 * size * m);
    const wr = work.subarray(0, size * m);
    const wi = work.subarray(size * m);
    wr.fill(0, n * m);
    wi.fill(0, n * m);
    for (let t = 0; t < n; t++) {
      const cr = chirpRe[t];
      const ci = chirpIm[t];
      for (let b = t * m; b < (t + 1) * m; b++) {
        const xr = re[b];
        const xi = conj * im[b];
        wr[b] = xr * cr - xi * ci;
        wi[b] = xr * ci + xi * cr;
      }
    }
    this.inner.run(wr, wi, m, false);
    for (let k = 0; k < size; k++) {
      const fr = filterRe[k];
      const fi = filterIm[k];
      for (let b = k * m; b < (k + 1) * m; b++) {
        const ar = wr[b];
        const ai = wi[b];
        wr[b] = ar * fr - ai * fi;
        wi[b] = ar * fi + ai * fr;
      }
    }
    this.inner.run(wr, wi, m, true);
    // The inner inverse is unscaled: 1/M here.
    const factor = 1 / size;
    for (let k = 0; k < n; k++) {
      const cr = factor * chirpRe[k];
      const ci = factor * chirpIm[k];
      for (let b = k * m; b < (k + 1) * m; b++) {
        const yr = wr[b];
        const yi = wi[b];
        re[b] = yr * cr - yi * ci;
        im[b] = conj * (yr * ci + yi * cr);
      }
    }
  }
}

/** Plans are cached per length: their tables are built once. */
const plans = new Map<number, BatchedDft>();

/** The batched transform of length n (an integer >= 1). */
export function batchedDft(n: number): BatchedDft {
  let plan = plans.get(n);
  if (!plan) {
    const factors = radices(n);
    plan = factors ? new StockhamDft(n, factors) : new BluesteinDft(n);
    plans.set(n, plan);
  }
  return plan;
}
