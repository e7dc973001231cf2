import { describe, expect, it } from 'vitest';
import { fft2d, ifft2d, irfft2d } from '../../src/fft/fft2d.js';

/** Deterministic test signal (no Math.random). */
function signal(n: number, phase: number): Float64Array {
  return Float64Array.from({ length: n }, (_, k) => Math.sin(1.7 * k + phase) + 0.25 * Math.cos(0.3 * k * k + phase));
}

/** Naive 2-D DFT with exact twiddle angles (index products reduced mod the length first). */
function naiveDft(re: Float64Array, im: Float64Array, h: number, w: number, inverse: boolean): [Float64Array, Float64Array] {
  const sign = inverse ? 1 : -1;
  const outRe = new Float64Array(h * w);
  const outIm = new Float64Array(h * w);
  for (let u = 0; u < h; u++) {
    for (let v = 0; v < w; v++) {
      let sr = 0;
      let si = 0;
      for (let y = 0; y < h; y++) {
        for (let x = 0; x < w; x++) {
          const angle = sign * 2 * Math.PI * (((u * y) % h) / h + ((v * x) % w) / w);
          const c = Math.cos(angle);
          const s = Math.sin(angle);
          sr += re[y * w + x] * c - im[y * w + x] * s;
          si += re[y * w + x] * s + im[y * w + x] * c;
        }
      }
      const scale = inverse ? 1 / (h * w) : 1;
      outRe[u * w + v] = sr * scale;
      outIm[u * w + v] = si * scale;
    }
  }
  return [outRe, outIm];
}

function maxDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  expect(a.length).toBe(b.length);
  let d = 0;
  for (let i = 0; i < a.length; i++) d = Math.max(d, Math.abs(a[i] - b[i]));
  return d;
}

// Every code path of the batched transforms: 1; powers of two (radix 4 and 2 passes); the
// specialised odd radices 3, 5, 7 and the generic one (11..31), first (no twiddles) and in later
// passes (9, 25, 45, 49, 33 = 3·11, 26 = 13·2); Bluestein for larger prime factors (53, 212 = 4·53).
const SIZES: [number, number][] = [
  [1, 1], [1, 2], [2, 3], [5, 7], [31, 17], [8, 8], [16, 12], [7, 24], [3, 56], [2, 100], [3, 45], [1, 224], [29, 1],
  [2, 53], [2, 49], [1, 299], [1, 212], [11, 26], [33, 4], [9, 25],
];

describe('fft2d / ifft2d', () => {
  it.each(SIZES)('%i×%i matches a naive DFT to 1e-9, both directions', (h, w) => {
    const re = signal(h * w, 0.1);
    const im = signal(h * w, 2.3);
    for (const inverse of [false, true]) {
      const [wantRe, wantIm] = naiveDft(re, im, h, w, inverse);
      const gotRe = re.slice();
      const gotIm = im.slice();
      (inverse ? ifft2d : fft2d)(gotRe, gotIm, h, w);
      expect(maxDiff(gotRe, wantRe)).toBeLessThan(1e-9);
      expect(maxDiff(gotIm, wantIm)).toBeLessThan(1e-9);
    }
  });

  it.each([[224, 224], [227, 96], [64, 300]])('%i×%i: ifft2d(fft2d(x)) = x to 1e-12', (h, w) => {
    const re = signal(h * w, 0.4);
    const im = signal(h * w, 1.1);
    const r = re.slice();
    const i = im.slice();
    fft2d(r, i, h, w);
    ifft2d(r, i, h, w);
    expect(maxDiff(r, re)).toBeLessThan(1e-12);
    expect(maxDiff(i, im)).toBeLessThan(1e-12);
  });

  it('DC bin is the sum and a unit impulse has a flat spectrum', () => {
    const h = 6;
    const w = 5;
    const re = signal(h * w, 0.7);
    const im = new Float64Array(h * w);
    const sum = re.reduce((s, v) => s + v, 0);
    fft2d(re, im, h, w);
    expect(re[0]).toBeCloseTo(sum, 12);
    const impulse = new Float64Array(h * w);
    impulse[0] = 1;
    fft2d(impulse, im.fill(0), h, w);
    expect(maxDiff(impulse, new Float64Array(h * w).fill(1))).toBeLessThan(1e-14);
  });

  it('rejects bad sizes and plane lengths', () => {
    expect(() => fft2d(new Float64Array(6), new Float64Array(6), 2, 4)).toThrow(/'re' must have 8 values, got 6/);
    expect(() => fft2d(new Float64Array(0), new Float64Array(0), 0, 3)).toThrow(/integers >= 1, got 0×3/);
    expect(() => ifft2d(new Float64Array(4), new Float64Array(3), 2, 2)).toThrow(/'im' must have 4 values, got 3/);
  });
});

describe('irfft2d', () => {
  /** numpy 2.4: np.fft.irfft2(sin(k+1) + 1j·cos(2k+1), s=(H, W)) with k the flat index of the half spectrum. */
  const NUMPY: Record<string, number[]> = {
    '4x6': [
      0.13219402402074, 0.109028681380577, -0.045112649006401, 0.002109368727868, -0.07171740640645, 0.052206039336955,
      0.211275255649968, 0.280165259904741, 0.425920383025411, -0.102700473961881, -0.16395985534161, -0.067779175948056,
      -0.21777516638472, 0.243531290179757, 0.045001067343921, 0.006113285814109, 0.147463644618233, 0.223752555400238,
      0.238556446592523, -0.034416750682203, -0.219094522155149, 0.104797593183937, -0.440416977206481, -0.01767093327813,
    ],
    '5x7': [
      0.064085972243028, -0.019044751104139, 0.080995515553388, 0.016713159861958, -0.029849521023579, -0.14209108603927,
      -0.020122341424665, 0.111149040168128, -0.120130050964911, 0.283165902218416, 0.195598105942698, -0.014921345451418,
      -0.058497274918527, -0.161767061899898, -0.016207123291662, 0.189389224256152, -0.083128220062491, -0.162229944565568,
      0.058981190491769, -0.053287465462024, 0.461601053602855, 0.020406509218198, 0.479587363471442, 0.114828629983691,
      -0.129792859837671, 0.190217823199098, -0.006834301709473, -0.002638159654147, 0.024665725085614, -0.01309387529192,
      -0.025271355519458, 0.015195945855225, -0.221125066980985, -0.32736925376036, 0.142290882618406,
    ],
    '3x1': [0.630629473231148, 0.473093192560418, -0.26225168098367],
    '1x4': [0.700296461629782, 0.67008399248723, -0.2090009651959, -0.319908504113215],
  };

  it.each(Object.keys(NUMPY))("%s matches numpy's irfft2 (imaginary DC / Nyquist parts ignored as numpy does)", (key) => {
    const [h, w] = key.split('x').map(Number);
    const half = (w >> 1) + 1;
    const re = Float64Array.from({ length: h * half }, (_, k) => Math.sin(k + 1));
    const im = Float64Array.from({ length: h * half }, (_, k) => Math.cos(2 * k + 1));
    const before = [re.slice(), im.slice()];
    expect(maxDiff(irfft2d(re, im, h, w), NUMPY[key])).toBeLessThan(1e-13);
    expect([re, im]).toEqual(before);
  });

  it.each(SIZES)('%i×%i: the half spectrum of a real image transforms back to it', (h, w) => {
    const image = signal(h * w, 0.9);
    const re = image.slice();
    const im = new Float64Array(h * w);
    fft2d(re, im, h, w);
    const half = (w >> 1) + 1;
    const hr = new Float64Array(h * half);
    const hi = new Float64Array(h * half);
    for (let y = 0; y < h; y++) {
      for (let x = 0; x < half; x++) {
        hr[y * half + x] = re[y * w + x];
        hi[y * half + x] = im[y * w + x];
      }
    }
    const out = new Float64Array(h * w);
    expect(irfft2d(hr, hi, h, w, out)).toBe(out);
    expect(maxDiff(out, image)).toBeLessThan(1e-12);
  });

  it('rejects a half spectrum of the wrong size', () => {
    expect(() => irfft2d(new Float64Array(12), new Float64Array(12), 4, 6)).toThrow(/'re' must have 16 values, got 12/);
  });
});
