import { createRng } from '@mixzoo/core';
import { describe, expect, it } from 'vitest';
import { fft2d, irfft2d } from '../../src/fft/fft2d.js';
import { binariseMask, lowFrequencyImage, sampleFmixMask } from '../../src/fft/fmix-mask.js';

/** numpy's fftfreq(n), written independently of the implementation. */
function fftfreq(n: number): number[] {
  return Array.from({ length: n }, (_, i) => (i <= (n - 1) / 2 ? i : i - n) / n);
}

/** Pixels in a row-major h×w mask whose right or lower 4-neighbour differs. */
function boundaryPairs(mask: readonly number[], h: number, w: number): number {
  let count = 0;
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      if (x + 1 < w && mask[y * w + x] !== mask[y * w + x + 1]) count++;
      if (y + 1 < h && mask[y * w + x] !== mask[(y + 1) * w + x]) count++;
    }
  }
  return count;
}

/** Fraction of the mask's (mean-removed) spectral energy at radial frequency <= r bins. */
function lowFrequencyEnergy(mask: readonly number[], h: number, w: number, r: number): number {
  const mean = mask.reduce((s, v) => s + v, 0) / mask.length;
  const re = Float64Array.from(mask, (v) => v - mean);
  const im = new Float64Array(h * w);
  fft2d(re, im, h, w);
  let total = 0;
  let low = 0;
  for (let u = 0; u < h; u++) {
    for (let v = 0; v < w; v++) {
      const p = re[u * w + v] ** 2 + im[u * w + v] ** 2;
      total += p;
      if (Math.hypot(u < h / 2 ? u : u - h, v < w / 2 ? v : v - w) <= r) low += p;
    }
  }
  return low / total;
}

const SIZES: [number, number][] = [[1, 1], [2, 3], [5, 7], [31, 17], [32, 32], [7, 1]];

describe('lowFrequencyImage', () => {
  it.each([[5, 6, 2.5], [4, 7, 3], [1, 9, 1]])('%i×%i, δ = %d: the spectrum is N(0,1) + iN(0,1) scaled by 1/max(f, 1/max(H,W))^δ', (h, w, delta) => {
    const g = lowFrequencyImage(createRng('spectrum').stream('masks'), h, w, delta);
    const half = Math.floor(w / 2) + 1;
    // The real plane takes the first h·half normals of the stream, the imaginary plane the next.
    const draws = createRng('spectrum').stream('masks').normals(new Float64Array(2 * h * half));
    const re = new Float64Array(h * half);
    const im = new Float64Array(h * half);
    const fy = fftfreq(h);
    for (let r = 0; r < h; r++) {
      for (let c = 0; c < half; c++) {
        const f = Math.sqrt((c / w) ** 2 + fy[r] ** 2);
        const scale = 1 / Math.max(f, 1 / Math.max(h, w)) ** delta;
        re[r * half + c] = scale * draws[r * half + c];
        im[r * half + c] = scale * draws[h * half + r * half + c];
      }
    }
    const want = irfft2d(re, im, h, w);
    const min = Math.min(...want);
    const max = Math.max(...want);
    want.forEach((v, i) => expect(g[i]).toBeCloseTo((v - min) / (max - min), 12));
  });

  it.each(SIZES)('%i×%i: min/max-normalised to [0, 1]', (h, w) => {
    const g = lowFrequencyImage(createRng(`norm-${h}x${w}`), h, w, 3);
    expect(g.length).toBe(h * w);
    if (h * w === 1) expect(Array.from(g)).toEqual([0]);
    else {
      expect(Math.min(...g)).toBe(0);
      expect(Math.max(...g)).toBeCloseTo(1, 12);
    }
  });
});

describe('binariseMask', () => {
  const g = Float64Array.from({ length: 100 }, (_, k) => ((k * 37) % 100) / 100);
  const byRank = Array.from({ length: 100 }, (_, i) => i).sort((a, b) => g[b] - g[a]);

  it('gives 1 to the top ⌈λN⌉ or ⌊λN⌋ pixels, by a fair coin', () => {
    const rng = createRng('coin');
    const counts = new Map<number, number>();
    for (let t = 0; t < 400; t++) {
      const { mask, mean } = binariseMask(g, 0.434, 0, rng);
      const ones = mask.filter((v) => v === 1).length;
      expect(mask.every((v) => v === 0 || v === 1)).toBe(true);
      expect(mean).toBe(ones / 100);
      expect(byRank.slice(0, ones).every((i) => mask[i] === 1)).toBe(true);
      counts.set(ones, (counts.get(ones) ?? 0) + 1);
    }
    expect([...counts.keys()].sort()).toEqual([43, 44]);
    // Fair coin: 200 ± 6·10 of 400.
    expect(Math.abs(counts.get(44)! - 200)).toBeLessThan(60);
  });

  it('an integer λN needs no coin', () => {
    expect(binariseMask(g, 0.25, 0, createRng(1)).mask.filter((v) => v === 1).length).toBe(25);
  });

  it("maxSoft ramps linearly from 1 to 0 over ranks count ± ⌊N·min(maxSoft, λ, 1−λ)⌋ (numpy's linspace)", () => {
    for (const [lambda, maxSoft] of [[0.4, 0.1], [0.2, 0.5], [0.7, 0.45]]) {
      const rng = createRng(`soft-${lambda}`);
      const { mask, mean } = binariseMask(g, lambda, maxSoft, rng);
      const count = Math.round(mask.reduce((s, v) => s + v, 0));
      expect(mean).toBe(mask.reduce((s, v) => s + v, 0) / 100);
      expect([Math.floor(lambda * 100), Math.ceil(lambda * 100)]).toContain(count);
      const soft = Math.floor(100 * Math.min(maxSoft, lambda, 1 - lambda));
      const want = new Array<number>(100).fill(0);
      byRank.forEach((pixel, rank) => {
        if (rank < count - soft) want[pixel] = 1;
        else if (rank < count + soft) want[pixel] = 1 - (rank - (count - soft)) / (2 * soft - 1);
      });
      mask.forEach((v, i) => expect(v).toBeCloseTo(want[i], 12));
    }
  });
});

describe('sampleFmixMask', () => {
  it.each(SIZES)('%i×%i: binary, mean within 1/N of λ, and reported as the mean', (h, w) => {
    const rng = createRng(`mask-${h}x${w}`);
    for (const lambda of [0, 0.13, 0.5, 0.871, 1]) {
      const { mask, mean } = sampleFmixMask(rng, h, w, lambda, { decayPower: 3, maxSoft: 0 });
      expect(mask.length).toBe(h * w);
      expect(mask.every((v) => v === 0 || v === 1)).toBe(true);
      expect(mean).toBe(mask.reduce((s, v) => s + v, 0) / (h * w));
      expect(Math.abs(mean - lambda)).toBeLessThanOrEqual(1 / (h * w));
    }
  });

  it('is deterministic for a seed', () => {
    const a = sampleFmixMask(createRng('same'), 9, 13, 0.4, { decayPower: 3, maxSoft: 0.1 });
    const b = sampleFmixMask(createRng('same'), 9, 13, 0.4, { decayPower: 3, maxSoft: 0.1 });
    expect(a).toEqual(b);
  });

  it("concentrates the mask's energy at low frequencies (white noise does not)", () => {
    const energy = (delta: number) => {
      const rng = createRng(`energy-${delta}`);
      let sum = 0;
      for (let s = 0; s < 20; s++) sum += lowFrequencyEnergy(sampleFmixMask(rng, 32, 32, 0.5, { decayPower: delta, maxSoft: 0 }).mask, 32, 32, 3);
      return sum / 20;
    };
    // A radius-3 disk holds 29 of 1024 bins: about 3% for a mask without spatial structure.
    expect(energy(0)).toBeLessThan(0.1);
    expect(energy(3)).toBeGreaterThan(0.6);
  });

  it('higher decay power gives smoother masks: fewer boundary pixels, monotone in δ', () => {
    const boundaries = [1, 2, 3, 4].map((delta) => {
      const rng = createRng(`smooth-${delta}`);
      let sum = 0;
      for (let s = 0; s < 60; s++) sum += boundaryPairs(sampleFmixMask(rng, 32, 32, 0.5, { decayPower: delta, maxSoft: 0 }).mask, 32, 32);
      return sum / 60;
    });
    for (let k = 1; k < boundaries.length; k++) expect(boundaries[k]).toBeLessThan(boundaries[k - 1]);
  });
});
