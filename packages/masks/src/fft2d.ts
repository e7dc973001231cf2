import FFT from 'fft.js';
import { createWorkspace } from './workspace.js';

/**
 * Discrete Fourier transforms of any size in TypeScript (tfjs has no 2-D or odd-length FFT, and
 * the wasm backend has none at all). numpy's conventions: forward X_k = Σ_n x_n e^{−2πikn/N},
 * inverse x_n = (1/N) Σ_k X_k e^{+2πikn/N}; 2-D transforms are separable (rows, then columns).
 *
 * Lengths: powers of two use fft.js (radix-4); lengths with coprime factors (224 = 32·7,
 * 299 = 13·23) the prime-factor algorithm over those factors; primes and prime powers a direct
 * O(n²) sum when short, else Bluestein's chirp-z algorithm on top of a power-of-two fft.js transform.
 */

/** Up to this length a direct sum beats Bluestein's three padded transforms (measured in Node 20). */
const DIRECT_MAX = 48;

/** One 1-D complex transform of a fixed length, in place on interleaved [re, im, re, im, ...] data. */
interface Dft1d {
  readonly n: number;
  /**
   * Forward (or, with `inverse`, the 1/n-scaled inverse) transform of the 2n values of `data` from
   * `offset` on, in place. An offset rather than a subarray: no view object per call.
   */
  run(data: Float64Array, inverse: boolean, offset: number): void;
}

const isPowerOfTwo = (n: number) => n >= 2 && (n & (n - 1)) === 0;

class PowerOfTwoDft implements Dft1d {
  private readonly fft: FFT;
  private readonly input: Float64Array;
  private readonly out: Float64Array;

  constructor(readonly n: number) {
    this.fft = new FFT(n);
    this.input = new Float64Array(2 * n);
    this.out = new Float64Array(2 * n);
  }

  run(data: Float64Array, inverse: boolean, offset: number): void {
    // fft.js reads from index 0 and needs distinct input and output buffers; its inverse divides by n.
    const { input, out } = this;
    for (let i = 0; i < input.length; i++) input[i] = data[offset + i];
    if (inverse) this.fft.inverseTransform(out, input);
    else this.fft.transform(out, input);
    data.set(out, offset);
  }
}

class DirectDft implements Dft1d {
  /** cos and sin of 2π·k·j/n, row k, for k <= n/2 (rows n − k mirror them). */
  private readonly cos: Float64Array;
  private readonly sin: Float64Array;
  private readonly out: Float64Array;

  constructor(readonly n: number) {
    const rows = (n >> 1) + 1;
    this.cos = new Float64Array(rows * n);
    this.sin = new Float64Array(rows * n);
    for (let k = 0; k < rows; k++) {
      for (let j = 0; j < n; j++) {
        const angle = (2 * Math.PI * ((k * j) % n)) / n;
        this.cos[k * n + j] = Math.cos(angle);
        this.sin[k * n + j] = Math.sin(angle);
      }
    }
    this.out = new Float64Array(2 * n);
  }

  run(data: Float64Array, inverse: boolean, offset: number): void {
    const { n, cos, sin, out } = this;
    const sign = inverse ? 1 : -1;
    const scale = inverse ? 1 / n : 1;
    // Bins k and n − k share cosines and have opposite sines: four sums give both.
    for (let k = 0; 2 * k <= n; k++) {
      let ac = 0;
      let bs = 0;
      let as = 0;
      let bc = 0;
      const row = k * n;
      for (let j = 0; j < n; j++) {
        const c = cos[row + j];
        const t = sin[row + j];
        const a = data[offset + 2 * j];
        const b = data[offset + 2 * j + 1];
        ac += a * c;
        bs += b * t;
        as += a * t;
        bc += b * c;
      }
      out[2 * k] = scale * (ac - sign * bs);
      out[2 * k + 1] = scale * (sign * as + bc);
      const mirror = (n - k) % n;
      if (mirror !== k) {
        out[2 * mirror] = scale * (ac + sign * bs);
        out[2 * mirror + 1] = scale * (bc - sign * as);
      }
    }
    // A loop, not TypedArray.set: cheaper for the few values of a short transform.
    for (let i = 0; i < 2 * n; i++) data[offset + i] = out[i];
  }
}

/**
 * Bluestein: X_k = w_k Σ_j (x_j w_j) conj(w_{k−j}) with w_j = e^{−iπj²/n}, a convolution done with
 * power-of-two transforms of length m >= 2n − 1. The inverse is conj(forward(conj(x))) / n.
 */
class BluesteinDft implements Dft1d {
  private readonly chirp: Float64Array;
  private readonly filter: Float64Array;
  private readonly work: Float64Array;
  private readonly inner: PowerOfTwoDft;

  constructor(readonly n: number) {
    let m = 2;
    while (m < 2 * n - 1) m *= 2;
    this.inner = plan(m) as PowerOfTwoDft;
    this.chirp = new Float64Array(2 * n);
    for (let j = 0; j < n; j++) {
      // j² mod 2n keeps the angle small, so the chirp stays accurate for large n.
      const angle = (Math.PI * ((j * j) % (2 * n))) / n;
      this.chirp[2 * j] = Math.cos(angle);
      this.chirp[2 * j + 1] = -Math.sin(angle);
    }
    this.filter = new Float64Array(2 * m);
    for (let j = 0; j < n; j++) {
      const re = this.chirp[2 * j];
      const im = -this.chirp[2 * j + 1];
      this.filter[2 * j] = re;
      this.filter[2 * j + 1] = im;
      if (j > 0) {
        this.filter[2 * (m - j)] = re;
        this.filter[2 * (m - j) + 1] = im;
      }
    }
    this.inner.run(this.filter, false, 0);
    this.work = new Float64Array(2 * m);
  }

  run(data: Float64Array, inverse: boolean, offset: number): void {
    const { n, chirp, filter, work, inner } = this;
    const conj = inverse ? -1 : 1;
    work.fill(0);
    for (let j = 0; j < n; j++) {
      const xr = data[offset + 2 * j];
      const xi = conj * data[offset + 2 * j + 1];
      const wr = chirp[2 * j];
      const wi = chirp[2 * j + 1];
      work[2 * j] = xr * wr - xi * wi;
      work[2 * j + 1] = xr * wi + xi * wr;
    }
    inner.run(work, false, 0);
    for (let k = 0; k < work.length; k += 2) {
      const ar = work[k];
      const ai = work[k + 1];
      work[k] = ar * filter[k] - ai * filter[k + 1];
      work[k + 1] = ar * filter[k + 1] + ai * filter[k];
    }
    inner.run(work, true, 0);
    const scale = inverse ? 1 / n : 1;
    for (let k = 0; k < n; k++) {
      const yr = work[2 * k];
      const yi = work[2 * k + 1];
      const wr = chirp[2 * k];
      const wi = chirp[2 * k + 1];
      data[offset + 2 * k] = scale * (yr * wr - yi * wi);
      data[offset + 2 * k + 1] = scale * conj * (yr * wi + yi * wr);
    }
  }
}

/** Modular inverse of a mod m (gcd(a, m) = 1), by the extended Euclidean algorithm. */
function inverseMod(a: number, m: number): number {
  let [r0, r1, s0, s1] = [a % m, m, 1, 0];
  while (r1 !== 0) {
    const q = Math.floor(r0 / r1);
    [r0, r1] = [r1, r0 - q * r1];
    [s0, s1] = [s1, s0 - q * s1];
  }
  return ((s0 % m) + m) % m;
}

/**
 * Good–Thomas prime-factor algorithm for n = n1·n2 with coprime factors: with the input index
 * (n2·i1 + n1·i2) mod n and the output index from the Chinese remainder theorem, the transform
 * is n1 transforms of length n2 then n2 of length n1, with no twiddle factors in between.
 */
class PrimeFactorDft implements Dft1d {
  readonly n: number;
  private readonly inputIndex: Int32Array;
  private readonly outputIndex: Int32Array;
  private readonly rows: Float64Array;
  private readonly cols: Float64Array;
  private readonly first: Dft1d;
  private readonly second: Dft1d;

  constructor(
    private readonly n1: number,
    private readonly n2: number,
  ) {
    const n = n1 * n2;
    this.n = n;
    this.first = plan(n2);
    this.second = plan(n1);
    this.inputIndex = new Int32Array(n);
    this.outputIndex = new Int32Array(n);
    const e1 = n2 * inverseMod(n2, n1);
    const e2 = n1 * inverseMod(n1, n2);
    for (let i1 = 0; i1 < n1; i1++) {
      for (let i2 = 0; i2 < n2; i2++) {
        this.inputIndex[i1 * n2 + i2] = (n2 * i1 + n1 * i2) % n;
        this.outputIndex[i2 * n1 + i1] = (e1 * i1 + e2 * i2) % n;
      }
    }
    this.rows = new Float64Array(2 * n);
    this.cols = new Float64Array(2 * n);
  }

  run(data: Float64Array, inverse: boolean, offset: number): void {
    const { n1, n2, rows, cols, inputIndex, outputIndex } = this;
    for (let j = 0; j < n1 * n2; j++) {
      const src = offset + 2 * inputIndex[j];
      rows[2 * j] = data[src];
      rows[2 * j + 1] = data[src + 1];
    }
    for (let i1 = 0; i1 < n1; i1++) this.first.run(rows, inverse, 2 * i1 * n2);
    for (let i1 = 0; i1 < n1; i1++) {
      for (let k2 = 0; k2 < n2; k2++) {
        cols[2 * (k2 * n1 + i1)] = rows[2 * (i1 * n2 + k2)];
        cols[2 * (k2 * n1 + i1) + 1] = rows[2 * (i1 * n2 + k2) + 1];
      }
    }
    for (let k2 = 0; k2 < n2; k2++) this.second.run(cols, inverse, 2 * k2 * n1);
    for (let j = 0; j < n1 * n2; j++) {
      const dst = offset + 2 * outputIndex[j];
      data[dst] = cols[2 * j];
      data[dst + 1] = cols[2 * j + 1];
    }
  }
}

/** A factor n1 of n coprime to n / n1: its power of two, else its smallest prime's full power (n itself for prime powers). */
function coprimeFactor(n: number): number {
  const two = n & -n;
  if (two > 1) return two;
  for (let p = 3; p * p <= n; p += 2) {
    if (n % p !== 0) continue;
    let power = p;
    while ((n / power) % p === 0) power *= p;
    return power;
  }
  return n;
}

/** Plans are cached per length: their tables and scratch buffers are built once. */
const plans = new Map<number, Dft1d>();

function plan(n: number): Dft1d {
  let p = plans.get(n);
  if (!p) {
    const factor = coprimeFactor(n);
    p = isPowerOfTwo(n)
      ? new PowerOfTwoDft(n)
      : factor < n
        ? new PrimeFactorDft(factor, n / factor)
        : n <= DIRECT_MAX
          ? new DirectDft(n)
          : new BluesteinDft(n);
    plans.set(n, p);
  }
  return p;
}

/** Scratch lines and planes of the 2-D transforms. */
const workspace = createWorkspace();

function checkPlane(name: string, plane: Float64Array, size: number): void {
  if (plane.length !== size) throw new RangeError(`fft2d: '${name}' must have ${size} values, got ${plane.length}.`);
}

function checkSize(height: number, width: number): void {
  if (!Number.isInteger(height) || !Number.isInteger(width) || height < 1 || width < 1) {
    throw new RangeError(`fft2d: height and width must be integers >= 1, got ${height}×${width}.`);
  }
}

/** Transforms every row (length `width`) and every column (length `height`) of the planes, in place. */
function transform2d(re: Float64Array, im: Float64Array, height: number, width: number, inverse: boolean): void {
  checkSize(height, width);
  checkPlane('re', re, height * width);
  checkPlane('im', im, height * width);
  const rows = plan(width);
  const line = workspace(2 * Math.max(height, width));
  const row = line.subarray(0, 2 * width);
  for (let r = 0; r < height; r++) {
    const o = r * width;
    for (let c = 0; c < width; c++) {
      row[2 * c] = re[o + c];
      row[2 * c + 1] = im[o + c];
    }
    rows.run(row, inverse, 0);
    for (let c = 0; c < width; c++) {
      re[o + c] = row[2 * c];
      im[o + c] = row[2 * c + 1];
    }
  }
  const cols = plan(height);
  const col = line.subarray(0, 2 * height);
  for (let c = 0; c < width; c++) {
    for (let r = 0; r < height; r++) {
      col[2 * r] = re[r * width + c];
      col[2 * r + 1] = im[r * width + c];
    }
    cols.run(col, inverse, 0);
    for (let r = 0; r < height; r++) {
      re[r * width + c] = col[2 * r];
      im[r * width + c] = col[2 * r + 1];
    }
  }
}

/** 2-D forward DFT of a row-major height×width complex image (separate real/imaginary planes), in place. */
export function fft2d(re: Float64Array, im: Float64Array, height: number, width: number): void {
  transform2d(re, im, height, width, false);
}

/** 2-D inverse DFT (scaled by 1/(height·width), as numpy's ifft2), in place. */
export function ifft2d(re: Float64Array, im: Float64Array, height: number, width: number): void {
  transform2d(re, im, height, width, true);
}

/**
 * numpy's `irfft2(spectrum, s=(height, width))`: the real height×width image whose spectrum has
 * the given non-negative-frequency half, `re`/`im` row-major height×(⌊width/2⌋+1). As numpy, the
 * imaginary parts of the bins that must be real along the last axis (0 and, for even widths,
 * width/2) are ignored. Inputs are left untouched; the result is written to `out` (or a new array).
 */
export function irfft2d(re: Float64Array, im: Float64Array, height: number, width: number, out: Float64Array = new Float64Array(height * width)): Float64Array {
  checkSize(height, width);
  const half = (width >> 1) + 1;
  checkPlane('re', re, height * half);
  checkPlane('im', im, height * half);
  checkPlane('out', out, height * width);
  // Columns: complex inverse transforms of length `height`, into a scratch copy of the half.
  const cols = plan(height);
  const size = height * half;
  const work = workspace(2 * size + 2 * Math.max(height, width));
  const yr = work.subarray(0, size);
  const yi = work.subarray(size, 2 * size);
  const col = work.subarray(2 * size, 2 * size + 2 * height);
  for (let c = 0; c < half; c++) {
    for (let r = 0; r < height; r++) {
      col[2 * r] = re[r * half + c];
      col[2 * r + 1] = im[r * half + c];
    }
    cols.run(col, true, 0);
    for (let r = 0; r < height; r++) {
      yr[r * half + c] = col[2 * r];
      yi[r * half + c] = col[2 * r + 1];
    }
  }
  // Rows: each row's output is real, so two rows a, b go through one complex transform of the
  // Hermitian extensions Z_a + i·Z_b, whose inverse is x_a + i·x_b.
  const rows = plan(width);
  const line = work.subarray(2 * size, 2 * size + 2 * width);
  const nyquist = width % 2 === 0 ? width / 2 : -1;
  for (let a = 0; a < height; a += 2) {
    const b = a + 1 < height ? a + 1 : -1;
    for (let k = 0; k < width; k++) {
      // Bin k of the full spectrum: Y_k for k < half, conj(Y_{width−k}) above.
      const upper = k >= half;
      const src = upper ? width - k : k;
      const realBin = src === 0 || src === nyquist;
      const sign = upper ? -1 : 1;
      const ar = yr[a * half + src];
      const ai = realBin ? 0 : sign * yi[a * half + src];
      const br = b < 0 ? 0 : yr[b * half + src];
      const bi = b < 0 || realBin ? 0 : sign * yi[b * half + src];
      line[2 * k] = ar - bi;
      line[2 * k + 1] = ai + br;
    }
    rows.run(line, true, 0);
    for (let k = 0; k < width; k++) {
      out[a * width + k] = line[2 * k];
      if (b >= 0) out[b * width + k] = line[2 * k + 1];
    }
  }
  return out;
}
