import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { createZoo, type Zoo } from 'mixzoo';
import { corruptImages, CORRUPTION_NAMES, CORRUPTIONS, getCorruption, loadDataset, SEVERITIES, type ImageArray } from '@mixzoo/lab';
import { gaussianKernel } from '../../src/metrics/corruptions/blur.js';

let zoo: Zoo;
let digits: ImageArray;

beforeAll(async () => {
  zoo = await createZoo({ backend: 'cpu', seed: 0 });
  const mnist = await loadDataset('mnist', { seed: 3, trainSize: 2, testSize: 200 });
  digits = { x: mnist.test.x, count: mnist.test.count, height: 28, width: 28, channels: 1 };
});

/** Bit-identical arrays (vitest's deep equality is slow on 10⁵ values). */
const same = (a: Float32Array, b: Float32Array) => Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(Buffer.from(b.buffer, b.byteOffset, b.byteLength));
const meanAbsChange = (a: Float32Array, b: Float32Array) => a.reduce((s, v, i) => s + Math.abs(v - b[i]), 0) / a.length;
const image = (values: number[], height: number, width: number, channels = 1): ImageArray => ({ x: Float32Array.from(values), count: values.length / (height * width * channels), height, width, channels });
const corrupt = (img: ImageArray, name: string, severity: number, seed = 0) => corruptImages(img, name, severity, seed, zoo.kernels);

describe('the corruption suite', () => {
  it('has the eight corruptions, five constants each', () => {
    expect(CORRUPTION_NAMES).toEqual(['shot-noise', 'impulse-noise', 'gaussian-blur', 'contrast', 'brightness', 'rotation', 'translation', 'occlusion']);
    for (const c of CORRUPTIONS) expect(c.constants).toHaveLength(5);
  });

  it('docs/robustness.md lists every corruption with its five constants, in order', () => {
    const page = readFileSync(new URL('../../../../docs/robustness.md', import.meta.url), 'utf8');
    for (const c of CORRUPTIONS) {
      const row = page.split('\n').find((line) => line.startsWith(`| \`${c.name}\` |`));
      expect(row, c.name).toBeDefined();
      expect(row!.split('|').map((cell) => cell.trim()).slice(3, 8).map(Number), c.name).toEqual([...c.constants]);
    }
  });

  it.each(CORRUPTION_NAMES)('%s: the mean absolute pixel change grows with severity; values stay in [0, 1]', (name) => {
    const changes = SEVERITIES.map((s) => {
      const out = corrupt(digits, name, s);
      expect(out).toHaveLength(digits.x.length);
      expect(out.every((v) => v >= 0 && v <= 1)).toBe(true);
      return meanAbsChange(out, digits.x);
    });
    expect(changes[0]).toBeGreaterThan(0);
    for (let s = 1; s < 5; s++) expect(changes[s]).toBeGreaterThan(changes[s - 1]);
  });

  it.each(CORRUPTION_NAMES)('%s: same seed, same images; another seed, other draws (random corruptions); input kept; no tensors left', (name) => {
    const before = Float32Array.from(digits.x);
    const tensors = tf.memory().numTensors;
    const a = corrupt(digits, name, 3, 7);
    expect(same(corrupt(digits, name, 3, 7), a)).toBe(true);
    expect(tf.memory().numTensors).toBe(tensors);
    expect(same(digits.x, before)).toBe(true);
    const deterministic = name === 'gaussian-blur' || name === 'contrast' || name === 'brightness';
    expect(same(corrupt(digits, name, 3, 8), a)).toBe(deterministic);
  });

  it('refuses unknown names, severities outside 1..5 and arrays of the wrong size', () => {
    expect(() => getCorruption('fog')).toThrow(/unknown corruption 'fog'; expected one of shot-noise, .*occlusion/);
    expect(() => corrupt(digits, 'contrast', 0)).toThrow(/'severity' must be an integer from 1 to 5, got 0/);
    expect(() => corrupt(digits, 'contrast', 2.5)).toThrow(/got 2.5/);
    expect(() => corrupt({ ...digits, count: 3 }, 'contrast', 1)).toThrow(expect.objectContaining({ code: 'E_SHAPE' }));
  });
});

describe('each corruption does what its constant says', () => {
  it('shot noise: Poisson(c·x)/c keeps the mean, with variance x/c', () => {
    const img = image(Array.from({ length: 20000 }, () => 0.5), 100, 200);
    const out = corrupt(img, 'shot-noise', 5); // c = 3: values k/3
    const mean = out.reduce((s, v) => s + v, 0) / out.length;
    const variance = out.reduce((s, v) => s + (v - mean) ** 2, 0) / out.length;
    // k ~ Poisson(1.5), x' = min(k, 3)/3 (clipped at 1): moments from the pmf.
    const pmf = [0, 1, 2].map((k) => (Math.exp(-1.5) * 1.5 ** k) / [1, 1, 2][k]);
    const probs = [...pmf, 1 - pmf.reduce((s, p) => s + p, 0)];
    const expected = probs.reduce((s, p, k) => s + (p * k) / 3, 0);
    const expectedVar = probs.reduce((s, p, k) => s + p * (k / 3) ** 2, 0) - expected ** 2;
    expect(mean).toBeCloseTo(expected, 2);
    expect(variance).toBeCloseTo(expectedVar, 2);
    expect(out.every((v) => Number.isInteger(Math.round(v * 3 * 1e4) / 1e4))).toBe(true);
  });

  it('impulse noise: about amount of the values become 0 or 1, half each', () => {
    const img = image(Array.from({ length: 40000 }, () => 0.5), 200, 200);
    const out = corrupt(img, 'impulse-noise', 5); // amount 0.27
    const salt = out.filter((v) => v === 1).length / out.length;
    const pepper = out.filter((v) => v === 0).length / out.length;
    expect(salt + pepper).toBeCloseTo(0.27, 2);
    expect(salt).toBeCloseTo(0.135, 2);
    expect(out.every((v) => v === 0 || v === 1 || v === 0.5)).toBe(true);
  });

  it('gaussian blur: a normalised separable kernel; an impulse spreads into the outer product; constant images stay', () => {
    const k = gaussianKernel(1);
    expect(k).toHaveLength(9); // radius round(4σ)
    expect(k.reduce((s, v) => s + v, 0)).toBeCloseTo(1, 12);
    expect(k[4] / k[5]).toBeCloseTo(Math.exp(0.5), 10);
    const size = 21;
    const impulse = Array.from({ length: size * size }, (_, i) => (i === 10 * size + 10 ? 1 : 0));
    const out = corrupt(image(impulse, size, size), 'gaussian-blur', 5); // σ = 1
    for (const [dy, dx] of [[0, 0], [1, 0], [2, -3], [-4, 4]]) expect(out[(10 + dy) * size + 10 + dx]).toBeCloseTo(k[4 + dy] * k[4 + dx], 6);
    expect(out[0]).toBe(0);
    expect(corrupt(image(Array.from({ length: 64 }, () => 0.3), 8, 8), 'gaussian-blur', 3).every((v) => Math.abs(v - 0.3) < 1e-6)).toBe(true);
  });

  it('contrast: each image and channel pulled to its mean by the factor c', () => {
    // One 1×2 image of two channels: channel 0 = [0.2, 0.6] (mean 0.4), channel 1 = [1, 0] (mean 0.5).
    const out = corrupt(image([0.2, 1, 0.6, 0], 1, 2, 2), 'contrast', 1); // c = 0.4
    [0.32, 0.7, 0.48, 0.3].forEach((v, i) => expect(out[i]).toBeCloseTo(v, 6));
  });

  it('brightness: gray values + c; RGB pixels keep hue and saturation, their HSV value + c', () => {
    expect(Array.from(corrupt(image([0, 0.5, 0.95], 1, 3), 'brightness', 1))).toEqual([0.1, 0.6, 1].map(Math.fround));
    // V 0.8 → 0.9: channels × 9/8; black (V 0) becomes gray c; V 0.7 + 0.5 clips at 1.
    const out = corrupt(image([0.2, 0.4, 0.8, 0, 0, 0], 1, 2, 3), 'brightness', 1);
    expect(Array.from(out).map((v) => +v.toFixed(6))).toEqual([0.225, 0.45, 0.9, 0.1, 0.1, 0.1]);
    const clipped = corrupt(image([0.35, 0.7, 0.7], 1, 1, 3), 'brightness', 5);
    expect(Array.from(clipped).map((v) => +v.toFixed(6))).toEqual([0.5, 1, 1]);
  });

  it('rotation: ±c radians about the centre (the centre pixel stays; a pixel on the ring moves by c·r)', () => {
    const size = 29; // centre (14, 14)
    const dot = Array.from({ length: size * size }, (_, i) => (i === 14 * size + 14 || i === 14 * size + 24 ? 1 : 0));
    const out = corrupt(image(Array.from({ length: 4 }, () => dot).flat(), size, size), 'rotation', 5); // 1 rad
    for (let n = 0; n < 4; n++) {
      const at = (y: number, x: number) => out[n * size * size + y * size + x];
      expect(at(14, 14)).toBeCloseTo(1, 5);
      // (14, 24) is 10 px right of the centre: it lands 10 px away at ±57°, (14 ± 8.4, 14 + 5.4), bilinear-spread.
      let mass = 0;
      let [cy, cx] = [0, 0];
      for (let y = 0; y < size; y++) for (let x = 0; x < size; x++) if (Math.hypot(y - 14, x - 14) > 3) { mass += at(y, x); cy += y * at(y, x); cx += x * at(y, x); }
      expect(Math.abs(cy / mass - 14)).toBeCloseTo(10 * Math.sin(1), 0);
      expect(cx / mass - 14).toBeCloseTo(10 * Math.cos(1), 0);
    }
  });

  it('translation: c pixels along each axis (a diagonal shift, signs drawn per sample), zeros shifted in', () => {
    const size = 28;
    const dot = Array.from({ length: size * size }, (_, i) => (i === 14 * size + 14 ? 1 : 0));
    const out = corrupt(image(Array.from({ length: 8 }, () => dot).flat(), size, size), 'translation', 4); // 4 px
    const moves = new Set<string>();
    for (let n = 0; n < 8; n++) {
      const lit = out.slice(n * size * size, (n + 1) * size * size).findIndex((v) => v === 1);
      const [dy, dx] = [Math.floor(lit / size) - 14, (lit % size) - 14];
      expect([Math.abs(dy), Math.abs(dx)]).toEqual([4, 4]);
      moves.add(`${dy},${dx}`);
    }
    expect(moves.size).toBeGreaterThan(1);
  });

  it('occlusion: one square of side round(c·min(H, W)), wholly inside the image, set to 0', () => {
    const [h, w] = [20, 30];
    const ones = Array.from({ length: 50 * h * w }, () => 1);
    for (const severity of SEVERITIES) {
      const side = Math.round(getCorruption('occlusion').constants[severity - 1] * h);
      const out = corrupt(image(ones, h, w), 'occlusion', severity);
      for (let n = 0; n < 50; n++) expect(out.slice(n * h * w, (n + 1) * h * w).filter((v) => v === 0).length).toBe(side * side);
    }
  });
});
