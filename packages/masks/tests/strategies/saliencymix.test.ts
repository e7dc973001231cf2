import { tf, type Zoo } from 'mixzoo';
import { beforeAll, describe, expect, it } from 'vitest';
import { spectralResidualSaliency, type SaliencyProvider } from '../../src/saliency.js';
import { createSaliencyMix } from '../../src/strategies/saliencymix.js';
import {
  checkBoxPaste,
  codedImages,
  disposeResult,
  EDGE_SHAPES,
  expectError,
  expectNoLeak,
  expectReplay,
  expectSources,
  identityLabels,
  inBox,
  mixInEachMode,
  onCpuAndWasm,
  origin,
  PAIRINGS,
  read4d,
  samePositionOwnership,
  zooOn,
} from '../helpers.js';

let zoo: Zoo;
let calls = 0;
/** A provider whose map is channel 0: the box centres on each image's brightest pixel. */
const brightest: SaliencyProvider = (image, height, width, channels) => {
  calls++;
  return Float32Array.from({ length: height * width }, (_, p) => image[p * channels]);
};

beforeAll(async () => {
  zoo = await zooOn('cpu', 11);
  zoo.register(createSaliencyMix(brightest, 'brightest-mix'));
});

/** B coded images (distinct values) with sample i's brightest pixel at `peaks[i]`. */
function spotted(peaks: [number, number][], h: number, w: number, c = 2): tf.Tensor4D {
  return tf.tidy(() => {
    const coded = codedImages(peaks.length, h, w, c);
    const spot = tf.tensor4d(
      peaks.flatMap(([py, px]) => Array.from({ length: h * w * c }, (_, k) => (Math.floor(k / (w * c)) === py && Math.floor(k / c) % w === px ? 1e6 : 0))),
      [peaks.length, h, w, c],
    );
    return tf.add<tf.Tensor4D>(coded, spot);
  });
}

/** Decodes a value of `spotted` images. */
function originOf(v: number, h: number, w: number, c: number) {
  return origin(v >= 1e6 ? v - 1e6 : v, h, w, c);
}

/** timm's box around (cy, cx) for a Beta draw λ, computed independently. */
function expectedBox(lambda: number, cy: number, cx: number, h: number, w: number) {
  const halfH = Math.floor(Math.floor(h * Math.sqrt(1 - lambda)) / 2);
  const halfW = Math.floor(Math.floor(w * Math.sqrt(1 - lambda)) / 2);
  const clip = (v: number, n: number) => Math.min(n, Math.max(0, v));
  return { y0: clip(cy - halfH, h), y1: clip(cy + halfH, h), x0: clip(cx - halfW, w), x1: clip(cx + halfW, w) };
}

const PEAKS: [number, number][] = [
  [0, 0],
  [3, 9],
  [11, 2],
  [6, 6],
  [11, 13],
  [1, 12],
  [8, 0],
];

describe('saliencymix: the box follows the saliency peak of the partner', () => {
  it("elem: each box is CutMix's box for its λ, centred on its partner's peak", () => {
    const [h, w] = [12, 14];
    const x = spotted(PEAKS, h, w);
    const out = zoo.create('brightest-mix', { mode: 'elem', pairing: 'derangement', lambdaMode: 'sampled' }).mix({ inputs: x });
    out.plan.partner.forEach((p, i) => {
      const [cy, cx] = PEAKS[p];
      expect(out.plan.boxes![i]).toEqual(expectedBox(out.plan.labelWeights!.own[i], cy, cx, h, w));
    });
    expect(out.plan.boxes!.filter((b) => b!.y1 > b!.y0 && b!.x1 > b!.x0).length).toBeGreaterThan(3);
    disposeResult(out);
    x.dispose();
  });

  it("batch: one box for the batch, from the first mixed sample's partner, saliency computed once", () => {
    const [h, w] = [12, 14];
    const x = spotted(PEAKS, h, w);
    calls = 0;
    const out = zoo.create('brightest-mix', { pairing: 'derangement', lambdaMode: 'sampled' }).mix({ inputs: x });
    expect(calls).toBe(1);
    const [cy, cx] = PEAKS[out.plan.partner[0]];
    out.plan.boxes!.forEach((b) => expect(b).toEqual(expectedBox(out.plan.labelWeights!.own[0], cy, cx, h, w)));
    disposeResult(out);
    calls = 0;
    const elem = zoo.create('brightest-mix', { mode: 'elem', pairing: 'derangement' }).mix({ inputs: x });
    // A derangement draws 7 distinct partners: one saliency map each.
    expect(calls).toBe(7);
    disposeResult(elem);
    x.dispose();
  });

  it('plans depend on the pixels: moving the peaks moves the boxes (same seed)', () => {
    const [h, w] = [12, 14];
    const sample = (peaks: [number, number][]) => {
      const x = spotted(peaks, h, w);
      const plan = zoo.create('brightest-mix', { mode: 'elem', pairing: 'flip' }, { seed: 3 }).sample({ batchSize: 7, height: h, width: w }, { inputs: x });
      x.dispose();
      return plan;
    };
    const a = sample(PEAKS);
    const b = sample(PEAKS.map(([y, x]) => [h - 1 - y, w - 1 - x]));
    expect(b.lambda.length).toBe(7);
    expect(b.boxes).not.toEqual(a.boxes);
  });

  it('reads the saliency from the partner batch when one is given', () => {
    const [h, w] = [12, 14];
    const x = spotted(PEAKS, h, w);
    const theirs: [number, number][] = PEAKS.map(([y, c]) => [(y + 5) % h, (c + 7) % w]);
    const other = spotted(theirs, h, w);
    const out = zoo.create('brightest-mix', { mode: 'elem', pairing: 'derangement', lambdaMode: 'sampled' }).mix({ inputs: x, partner: { inputs: other } });
    const data = read4d(out.inputs);
    const partnerData = read4d(other);
    out.plan.partner.forEach((p, i) => {
      const box = out.plan.boxes![i];
      expect(box).toEqual(expectedBox(out.plan.labelWeights!.own[i], theirs[p][0], theirs[p][1], h, w));
      if (box && box.y1 > box.y0 && box.x1 > box.x0) expect(data[i][box.y0][box.x0]).toEqual(partnerData[p][box.y0][box.x0]);
    });
    disposeResult(out);
    tf.dispose([x, other]);
  });
});

describe('saliencymix: default spectral residual saliency', () => {
  it('peaks on a small bright square on a flat background (non-square, not 64×64)', () => {
    for (const [h, w, sy, sx] of [
      [40, 56, 28, 9],
      [33, 27, 5, 20],
      [100, 80, 60, 60],
    ]) {
      const image = new Float32Array(h * w * 3).fill(0.2);
      for (let y = sy; y < sy + 4; y++) for (let x = sx; x < sx + 4; x++) image.fill(0.9, (y * w + x) * 3, (y * w + x) * 3 + 3);
      const map = spectralResidualSaliency(image, h, w, 3);
      expect(map.length).toBe(h * w);
      const peak = map.indexOf(Math.max(...map));
      const [py, px] = [Math.floor(peak / w), peak % w];
      expect(Math.abs(py - (sy + 1.5))).toBeLessThanOrEqual(3);
      expect(Math.abs(px - (sx + 1.5))).toBeLessThanOrEqual(3);
    }
  });

  it('works on the channel mean, and stays finite on flat, 1×1 and 2×3 images', () => {
    const [h, w] = [20, 24];
    const rgb = Float32Array.from({ length: h * w * 3 }, (_, k) => Math.sin(k * 0.7) + (k % 3) * 0.3);
    const gray = Float32Array.from({ length: h * w }, (_, p) => (rgb[3 * p] + rgb[3 * p + 1] + rgb[3 * p + 2]) / 3);
    const fromRgb = spectralResidualSaliency(rgb, h, w, 3);
    const fromGray = spectralResidualSaliency(gray, h, w, 1);
    fromRgb.forEach((v, k) => expect(v).toBeCloseTo(fromGray[k], 5));
    for (const [sh, sw, value] of [
      [1, 1, 3],
      [2, 3, 1],
      [9, 9, 0],
    ]) {
      const map = spectralResidualSaliency(new Float32Array(sh * sw * 2).fill(value), sh, sw, 2);
      expect(map.length).toBe(sh * sw);
      expect(map.every(Number.isFinite)).toBe(true);
    }
  });
});

describe('saliencymix: pixels and labels', () => {
  it.each(['batch', 'elem'] as const)("mode '%s' with every pairing: hard paste, λ = kept area (default provider)", (mode) => {
    const x = codedImages(7, 13, 11, 3);
    for (const pairing of PAIRINGS) {
      const out = zoo.create('saliencymix', { mode, pairing }).mix({ inputs: x, ...identityLabels(7) });
      checkBoxPaste(out);
      if (mode === 'batch') out.plan.boxes!.filter((b) => b).forEach((b) => expect(b).toEqual(out.plan.boxes!.find((c) => c)));
      disposeResult(out);
    }
    x.dispose();
  });

  it.each([...EDGE_SHAPES, [3, 1, 10]])('B=%i on %i×%i images: no error', (b, h, w) => {
    const x = codedImages(b, h, w, 3);
    mixInEachMode(zoo, 'saliencymix', ['batch', 'elem'], x, (out) => {
      if (b > 0) checkBoxPaste(out);
      if (b <= 1 || h * w === 1) expect(out.plan.lambda.every((l) => l === 1)).toBe(true);
    });
    x.dispose();
  });

  it('α = 0 and prob 0 leave the batch untouched without computing any saliency; prob applies once', () => {
    const x = spotted(PEAKS, 12, 14);
    for (const options of [{ alpha: 0 }, { prob: 0, mode: 'elem' }]) {
      calls = 0;
      const out = zoo.create('brightest-mix', options).mix({ inputs: x });
      expect(calls).toBe(0);
      expect(out.plan.lambda).toEqual(new Array(7).fill(1));
      expect(read4d(out.inputs)).toEqual(read4d(x));
      disposeResult(out);
    }
    const mixer = zoo.create('brightest-mix', { prob: 0.5, mode: 'elem', pairing: 'derangement' }, { seed: 'p' });
    let mixed = 0;
    for (let t = 0; t < 100; t++) mixed += mixer.sample({ batchSize: 7, height: 12, width: 14 }, { inputs: x }).boxes!.filter((b) => b).length;
    expect(Math.abs(mixed / 700 - 0.5)).toBeLessThan(0.06);
    x.dispose();
  });

  it('a JSON round trip of the plan replays the same output, without the saliency', () => {
    const x = codedImages(6, 10, 12, 3);
    const mixer = zoo.create('saliencymix', { mode: 'elem' });
    const batch = { inputs: x, ...identityLabels(6) };
    const first = mixer.mix(batch);
    expectReplay(mixer, batch, first);
    disposeResult(first);
    x.dispose();
  });

  it('targets: same-size equal, half-size nearest-scaled, int32 maps copied', () => {
    const [h, w] = [12, 14];
    const x = spotted(PEAKS, h, w, 1);
    const half = codedImages(7, 6, 7, 1);
    const classes = codedImages(7, h, w, 1, 'int32');
    const out = zoo.create('brightest-mix', { mode: 'elem', pairing: 'derangement' }).mix({ inputs: x, targets: { same: x, half, classes } });
    expect(read4d(out.targets!.same)).toEqual(read4d(out.inputs));
    expect(out.targets!.classes.dtype).toBe('int32');
    const from = (i: number, y: number, c: number) => (inBox(out.plan.boxes![i], y, c) ? out.plan.partner[i] : i);
    expectSources(out.targets!.classes, out.plan, from);
    expectSources(out.targets!.half, out.plan, from);
    const pixels = read4d(out.inputs);
    for (let i = 0; i < PEAKS.length; i++) {
      for (let y = 0; y < h; y++) {
        for (let c = 0; c < w; c++) expect(originOf(pixels[i][y][c][0], h, w, 1)).toEqual([from(i, y, c), y, c, 0]);
      }
    }
    disposeResult(out);
    tf.dispose([x, half, classes]);
  });

  it('leaks no tensor, also when planning fails', () => {
    const x = codedImages(4, 8, 8, 3);
    const labels = identityLabels(4);
    for (const mode of ['batch', 'elem']) expectNoLeak(() => zoo.create('saliencymix', { mode }).mix({ inputs: x, ...labels }));
    zoo.register(createSaliencyMix(() => new Float32Array(3), 'short-map-mix'));
    expect(() => expectNoLeak(() => zoo.create('short-map-mix', { pairing: 'derangement' }).mix({ inputs: x, ...labels }))).toThrow(/H×W = 64 values, got 3 values/);
    tf.dispose([x, labels.labels]);
  });
});

describe('saliencymix: options and providers', () => {
  it.each([
    [{ mode: 'pair' }, "'mode'"],
    [{ alpha: -1 }, "'alpha'"],
    [{ lambdaMode: 'area' }, "'lambdaMode'"],
    [{ provider: 'sr' }, "unknown option 'provider'"],
  ])('%j is rejected at creation (E_OPTION naming the option)', (options, part) => {
    expectError(() => zoo.create('saliencymix', options), 'E_OPTION', 'saliencymix', part);
  });

  it('needs the pixels to plan, with the sample shape', () => {
    const mixer = zoo.create('saliencymix');
    expectError(() => mixer.sample({ batchSize: 2, height: 8, width: 8 }), 'E_SHAPE', 'looks at the pixels');
    const x = codedImages(2, 8, 6, 1);
    expectError(() => mixer.sample({ batchSize: 2, height: 8, width: 8 }, { inputs: x }), 'E_SHAPE', 'saliencymix.sample', '[2, 8, 6, 1]');
    expectError(() => mixer.sample({ batchSize: 3, height: 8, width: 6 }, { inputs: x }), 'E_SHAPE', '[3, 8, 6, C]');
    x.dispose();
  });

  it('createSaliencyMix checks its provider and its maps', () => {
    expectError(() => createSaliencyMix('spectral' as unknown as SaliencyProvider, 'x-mix'), 'E_PLUGIN', "'provider' must be a function");
    zoo.register(createSaliencyMix(() => new Float32Array(64).fill(Number.NaN), 'nan-map-mix'));
    const x = codedImages(2, 8, 8, 1);
    expectError(() => zoo.create('nan-map-mix', { pairing: 'flip' }).sample({ batchSize: 2, height: 8, width: 8 }, { inputs: x }), 'E_PLUGIN', 'no finite value');
    x.dispose();
    expect(zoo.describe('brightest-mix').defaults).toEqual(zoo.describe('saliencymix').defaults);
    expect(zoo.describe('saliencymix').defaults).toEqual({ alpha: 1, mode: 'batch', pairing: 'random', prob: 1, labelSmoothing: 0, lambdaMode: 'corrected', saliency: 'image' });
  });
});

describe('saliencymix on wasm', () => {
  it('plans and mixes exactly as on cpu (same seed, same pixels)', async () => {
    const run = (z: Zoo) => {
      const x = codedImages(5, 9, 13, 3);
      const out = z.create('saliencymix', { mode: 'elem' }).mix({ inputs: x, ...identityLabels(5) });
      samePositionOwnership(out.inputs, out.plan);
      const result = { plan: out.plan, pixels: read4d(out.inputs) };
      disposeResult(out);
      x.dispose();
      return result;
    };
    const results = await onCpuAndWasm(await zooOn('cpu', 'w'), 'w', run);
    expect(results.wasm).toEqual(results.cpu);
  });
});

describe("saliencymix: the 'model' saliency source", () => {
  /** Hand-built model saliency maps peaking at `peaks` (a smaller ridge elsewhere). */
  const saliencyAt = (peaks: [number, number][], h: number, w: number) => ({
    height: h,
    width: w,
    data: peaks.map(([py, px]) => Array.from({ length: h * w }, (_, p) => (Math.floor(p / w) === py && p % w === px ? 5 : Math.floor(p / w) === 0 ? 1 : 0.5))),
  });

  it("centres each box on the partner's model-saliency peak, without reading the pixels", () => {
    const [h, w] = [12, 14];
    const x = codedImages(PEAKS.length, h, w, 2);
    const theirs: [number, number][] = PEAKS.map(([y, c]) => [(y + 4) % h, (c + 5) % w]);
    calls = 0;
    const mixer = zoo.create('brightest-mix', { mode: 'elem', pairing: 'derangement', lambdaMode: 'sampled', saliency: 'model' });
    expect(mixer.modelNeeds).toEqual(['saliency']);
    const out = mixer.mix({ inputs: x, model: { saliency: saliencyAt(theirs, h, w) } });
    expect(calls).toBe(0);
    out.plan.partner.forEach((p, i) => {
      expect(out.plan.boxes![i]).toEqual(expectedBox(out.plan.labelWeights!.own[i], theirs[p][0], theirs[p][1], h, w));
    });
    checkBoxPaste(out);
    disposeResult(out);
    x.dispose();
  });

  it("maps of another size are resized to the image; the default 'image' source needs no model", () => {
    const x = codedImages(2, 8, 8, 1);
    // A 2×2 map hot in its bottom-right cell, resized with half-pixel centres, reaches 1 at rows/columns 6 and 7: the first maximum is (6, 6).
    const out = zoo.create('saliencymix', { mode: 'elem', pairing: 'flip', lambdaMode: 'sampled', saliency: 'model' }).mix({ inputs: x, model: { saliency: { height: 2, width: 2, data: [[0, 0, 0, 1], [0, 0, 0, 1]] } } });
    expect(out.plan.boxes![0]).toEqual(expectedBox(out.plan.labelWeights!.own[0], 6, 6, 8, 8));
    disposeResult(out);
    expect(zoo.create('saliencymix').modelNeeds).toEqual([]);
    x.dispose();
  });

  it("needs the model's saliency, of this batch", () => {
    const x = codedImages(3, 6, 6, 1);
    const mixer = zoo.create('saliencymix', { saliency: 'model' });
    expectError(() => mixer.mix({ inputs: x }), 'E_SHAPE', "'saliencymix' plans from the model", "'saliency'");
    const maps = saliencyAt([[0, 0], [1, 1], [2, 2]], 6, 6);
    expectError(() => mixer.mix({ inputs: x, partner: { inputs: x }, model: { saliency: maps } }), 'E_SHAPE', 'another batch', 'partner.model');
    // With the partner batch's maps, the box centres on the partner's peak there.
    const out = zoo.create('saliencymix', { saliency: 'model', mode: 'elem', lambdaMode: 'sampled' }).mix({ inputs: x, model: { saliency: maps }, partner: { inputs: x, model: { saliency: saliencyAt([[5, 5], [5, 5], [5, 5]], 6, 6) } } });
    out.plan.boxes!.forEach((box, i) => expect(box).toEqual(expectedBox(out.plan.labelWeights!.own[i], 5, 5, 6, 6)));
    disposeResult(out);
    x.dispose();
  });
});
