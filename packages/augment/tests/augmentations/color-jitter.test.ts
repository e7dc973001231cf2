import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS, createAugmenter, expectClose, expectMixzooError, guardInputs, image } from '../helpers.js';

type Jitter = { brightness: number; contrast: number; saturation: number; hue: number } | null;

const clamp = (v: number) => Math.min(1, Math.max(0, v));
const luma = (r: number, g: number, b: number) => 0.2989 * r + 0.587 * g + 0.114 * b;

/** Textbook RGB -> HSV (h in turns). */
function rgbToHsv(r: number, g: number, b: number): [number, number, number] {
  const max = Math.max(r, g, b);
  const d = max - Math.min(r, g, b);
  let h = 0;
  if (d > 0) h = max === r ? (g - b) / d : max === g ? 2 + (b - r) / d : 4 + (r - g) / d;
  return [(((h / 6) % 1) + 1) % 1, max > 0 ? d / max : 0, max];
}

function hsvToRgb(h: number, s: number, v: number): [number, number, number] {
  const i = Math.floor(h * 6);
  const f = h * 6 - i;
  const [p, q, t] = [clamp(v * (1 - s)), clamp(v * (1 - s * f)), clamp(v * (1 - s * (1 - f)))];
  return ([[v, t, p], [q, v, p], [p, v, t], [p, q, v], [t, p, v], [v, p, q]] as [number, number, number][])[((i % 6) + 6) % 6];
}

/** torchvision's adjust_brightness, _contrast, _saturation, _hue in that order, per sample, pixel by pixel. */
function refJitter(data: ArrayLike<number>, shape: number[], params: Jitter[], [lo, hi]: [number, number]): Float64Array {
  const [b, h, w, c] = shape;
  const n = h * w;
  const out = Float64Array.from(data);
  for (let i = 0; i < b; i++) {
    const p = params[i];
    if (!p) continue;
    const px = Array.from({ length: n }, (_, k) => Array.from({ length: c }, (_, ch) => (data[(i * n + k) * c + ch] - lo) / (hi - lo)));
    for (const v of px) for (let ch = 0; ch < c; ch++) v[ch] = clamp(v[ch] * p.brightness);
    const gray = (v: number[]) => (c === 3 ? luma(v[0], v[1], v[2]) : v[0]);
    const mean = px.reduce((s, v) => s + gray(v), 0) / n;
    for (const v of px) for (let ch = 0; ch < c; ch++) v[ch] = clamp(p.contrast * v[ch] + (1 - p.contrast) * mean);
    if (c === 3) {
      for (const v of px) {
        const g = gray(v);
        for (let ch = 0; ch < 3; ch++) v[ch] = clamp(p.saturation * v[ch] + (1 - p.saturation) * g);
        const [hh, s, vv] = rgbToHsv(v[0], v[1], v[2]);
        [v[0], v[1], v[2]] = hsvToRgb((((hh + p.hue) % 1) + 1) % 1, s, vv);
      }
    }
    px.forEach((v, k) => v.forEach((value, ch) => (out[(i * n + k) * c + ch] = value * (hi - lo) + lo)));
  }
  return out;
}

describe.each(BACKENDS)('color-jitter on %s', (backend) => {
  beforeAll(async () => {
    expect(await tf.setBackend(backend)).toBe(true);
  });

  it('RGB, all four factors: torchvision formulas per sample; unselected samples exact; targets untouched', () => {
    const shape = [6, 4, 5, 3];
    const { data, x } = image(shape, 61);
    const t = image([6, 4, 5, 1], 62);
    const guard = guardInputs(x, t.x);
    const before = tf.memory().numTensors;
    const aug = createAugmenter([{ name: 'color-jitter', options: { brightness: 0.5, contrast: 0.5, saturation: 0.8, hue: 0.3, prob: 0.7 } }], { seed: 6 });
    const out = aug.augment({ inputs: x, targets: { t: t.x } });
    const params = out.plans[0].params as Jitter[];
    expect(params.filter((p) => p === null).length).toBeGreaterThan(0);
    expect(params.some((p) => p && p.hue < -0.1) && params.some((p) => p && p.hue > 0.1)).toBe(true);
    expectClose(out.inputs.dataSync(), refJitter(data, shape, params, [0, 1]), 1e-4);
    params.forEach((p, i) => {
      if (p === null) expect(Array.from(out.inputs.dataSync().subarray(i * 60, i * 60 + 60))).toEqual(Array.from(data.subarray(i * 60, i * 60 + 60)));
    });
    expect(out.targets!.t).not.toBe(t.x);
    expect(Array.from(out.targets!.t.dataSync())).toEqual(Array.from(t.data));
    tf.dispose([out.inputs, out.targets!.t]);
    expect(tf.memory().numTensors).toBe(before);
    guard.unchanged();
    tf.dispose([x, t.x]);
  });

  it('grayscale (C = 1): brightness and contrast apply, saturation and hue leave it (as torchvision)', () => {
    const shape = [4, 3, 3, 1];
    const { data, x } = image(shape, 63);
    const out = createAugmenter([{ name: 'color-jitter', options: { saturation: 0.9, hue: 0.5 } }], { seed: 1 }).augment({ inputs: x });
    expectClose(out.inputs.dataSync(), refJitter(data, shape, out.plans[0].params as Jitter[], [0, 1]), 1e-5);
    tf.dispose([x, out.inputs]);
  });

  it('hue shifts rotate pure colours: red + 1/3 turn = green, red + 1/2 turn = cyan', () => {
    const x = tf.tensor4d([1, 0, 0, 1, 0, 0], [2, 1, 1, 3]);
    const aug = createAugmenter([{ name: 'color-jitter', options: { brightness: 0, contrast: 0, saturation: 0, hue: 0.5 } }]);
    const plan = { augmentation: 'color-jitter', height: 1, width: 1, params: [1 / 3, 0.5].map((hue) => ({ brightness: 1, contrast: 1, saturation: 1, hue })) };
    const out = aug.apply({ inputs: x }, [plan]);
    expectClose(out.inputs.dataSync(), [0, 1, 0, 0, 1, 1], 1e-5);
    tf.dispose([x, out.inputs]);
  });

  it('valueRange [0, 255] on byte-scale images = the [0, 1] result × 255; int32 images come back float32', () => {
    const shape = [3, 4, 4, 3];
    const bytes = image(shape, 64, 'int32', 256);
    const unit = tf.tensor(Float32Array.from(bytes.data, (v) => v / 255), shape);
    const options = { brightness: 0.3, contrast: 0.3, saturation: 0.3, hue: 0.1 };
    const a = createAugmenter([{ name: 'color-jitter', options: { ...options, valueRange: [0, 255] } }], { seed: 2 }).augment({ inputs: bytes.x });
    const b = createAugmenter([{ name: 'color-jitter', options }], { seed: 2 }).augment({ inputs: unit });
    expect(a.plans).toEqual(b.plans);
    expect(a.inputs.dtype).toBe('float32');
    expectClose(a.inputs.dataSync(), Array.from(b.inputs.dataSync(), (v) => v * 255), 2e-3);
    tf.dispose([bytes.x, unit, a.inputs, b.inputs]);
  });
});

describe('color-jitter draws and options', () => {
  it('factors are uniform in [max(0, 1 − v), 1 + v]; hue in [−h, h]', () => {
    const aug = createAugmenter([{ name: 'color-jitter', options: { brightness: 1.5, hue: 0.2 } }], { seed: 7 });
    const params = Array.from({ length: 100 }, () => aug.sample({ batchSize: 10, height: 2, width: 2, channels: 3 })[0].params).flat() as Jitter[];
    const b = params.map((p) => p!.brightness);
    expect(Math.min(...b)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...b)).toBeLessThanOrEqual(2.5);
    const mean = b.reduce((s, v) => s + v, 0) / b.length;
    expect(Math.abs(mean - 1.25)).toBeLessThan(5 * Math.sqrt(2.5 ** 2 / 12 / b.length));
    expect(params.every((p) => Math.abs(p!.hue) <= 0.2 && p!.contrast >= 0.6 && p!.contrast <= 1.4)).toBe(true);
  });

  it('rejects bad options and channel counts other than 1 and 3', () => {
    expectMixzooError(() => createAugmenter([{ name: 'color-jitter', options: { hue: 0.7 } }]), 'E_OPTION', "color-jitter: option 'hue' must be <= 0.5, got 0.7.");
    expectMixzooError(() => createAugmenter([{ name: 'color-jitter', options: { valueRange: [1, 0] } }]), 'E_OPTION',
      "color-jitter: option 'valueRange' must be [low, high] with low < high, got [1, 0].");
    expectMixzooError(() => createAugmenter(['color-jitter']).sample({ batchSize: 1, height: 2, width: 2, channels: 4 }), 'E_SHAPE',
      'color-jitter: images must have 1 (gray) or 3 (RGB) channels, got 4.');
  });
});
