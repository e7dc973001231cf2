import { tf, type Box, type ModelMaps, type Zoo } from 'mixzoo';
import { beforeAll, describe, expect, it } from 'vitest';
import { normalizeCam, snapmixWeights } from '../../src/strategies/snapmix.js';
import { disposeResult, expectError, expectNoLeak, expectReplay, identityLabels, inBox, read4d, zooOn } from '../helpers.js';

let zoo: Zoo;
beforeAll(async () => {
  zoo = await zooOn('cpu', 5);
});

const box = (y0: number, y1: number, x0: number, x1: number): Box => ({ y0, y1, x0, x1 });

/** Seeded, distinct raw CAMs (any sign), one per sample. */
function cams(b: number, h: number, w: number, seed = 1): ModelMaps {
  return { height: h, width: w, data: Array.from({ length: b }, (_, i) => Array.from({ length: h * w }, (_, k) => Math.sin(seed + i * 3.1 + k * 0.77) * (1 + i))) };
}

/** SnapMix's weights computed independently from a raw CAM: min-shift, normalise, box sums. */
function expectedWeights(camA: number[], camB: number[], target: Box, source: Box, w: number) {
  const norm = (m: number[]) => {
    const min = Math.min(...m);
    const total = m.reduce((s, v) => s + v - min, 0);
    return m.map((v) => (v - min) / total);
  };
  const sum = (m: number[], b: Box) => m.reduce((s, v, k) => s + (inBox(b, Math.floor(k / w), k % w) ? v : 0), 0);
  return { own: 1 - sum(norm(camA), target) / (1 + 1e-8), partner: sum(norm(camB), source) / (1 + 1e-8) };
}

describe('snapmix: label weights from the CAM mass', () => {
  it('worked example: H = W = 4 gives ρa = 0.75, ρb = 0.6 (sum 1.35)', () => {
    const own = new Float64Array(16).fill(1 / 16);
    const partner = new Float64Array(16).fill(0.5 / 15);
    partner[15] = 0.5;
    const weights = snapmixWeights(own, partner, box(0, 2, 0, 2), box(2, 4, 2, 4), 4, 4);
    expect(weights.own).toBeCloseTo(0.75, 7);
    expect(weights.partner).toBeCloseTo(0.6, 7);
    expect(weights.own + weights.partner).toBeCloseTo(1.35, 7);
  });

  it('the CAM is shifted to its minimum and normalised; a flat CAM has no mass and falls back to the area', () => {
    Array.from(normalizeCam(Float64Array.from([-1, 0, 2, -1]))!).forEach((v, k) => expect(v).toBeCloseTo([0, 0.25, 0.75, 0][k], 12));
    expect(normalizeCam(new Float64Array(9).fill(2.5))).toBeNull();
    const weights = snapmixWeights(null, null, box(0, 2, 0, 3), box(1, 2, 1, 2), 4, 4);
    expect(weights).toEqual({ own: 1 - 6 / 16, partner: 6 / 16 });
  });

  it('plans: boxes from two Beta draws, λ = area kept, labelWeights = the CAM rule, labels = ρa·y + ρb·y_partner', () => {
    const [b, h, w] = [6, 9, 11];
    const model = { cam: cams(b, h, w) };
    const x = tf.randomUniform([b, h, w, 2], 0, 1, 'float32', 3);
    const { labels, numClasses } = identityLabels(b);
    for (const mode of ['batch', 'elem'] as const) {
      const out = zoo.create('snapmix', { mode, pairing: 'derangement' }).mix({ inputs: x, labels, numClasses, model });
      const { plan } = out;
      const rows = out.labels!.arraySync() as number[][];
      let mixed = 0;
      plan.partner.forEach((p, i) => {
        const target = plan.boxes![i];
        const source = (plan.extra as { sources: (Box | null)[] }).sources[i];
        if (!target || !source) {
          expect(plan.lambda[i]).toBe(1);
          return;
        }
        mixed++;
        expect(plan.lambda[i]).toBeCloseTo(1 - ((target.y1 - target.y0) * (target.x1 - target.x0)) / (h * w), 12);
        const expected = expectedWeights(model.cam.data[i], model.cam.data[p], target, source, w);
        expect(plan.labelWeights!.own[i]).toBeCloseTo(expected.own, 9);
        expect(plan.labelWeights!.partner[i]).toBeCloseTo(expected.partner, 9);
        expect(rows[i][i]).toBeCloseTo(expected.own, 5);
        expect(rows[i][p]).toBeCloseTo(expected.partner, 5);
        if (mode === 'batch') {
          expect(target).toEqual(plan.boxes!.find((t) => t));
        }
      });
      expect(mixed).toBeGreaterThan(0);
      // Weights are not a distribution: they sum to 1 only by accident.
      expect(plan.labelWeights!.own.some((o, i) => Math.abs(o + plan.labelWeights!.partner[i] - 1) > 1e-3)).toBe(true);
      disposeResult(out);
    }
    tf.dispose([x, labels]);
  });

  it('a CAM of another size is resized bilinearly (half-pixel) to the image before its mass is taken', () => {
    // A 2×2 CAM hot in its bottom-right cell becomes the outer product of [0, .25, .75, 1] on 4×4: mass 3.0625 of 4 in rows/cols 2–3.
    const upsampled = Float64Array.from({ length: 16 }, (_, k) => [0, 0.25, 0.75, 1][Math.floor(k / 4)] * [0, 0.25, 0.75, 1][k % 4]);
    const weights = snapmixWeights(normalizeCam(upsampled), normalizeCam(upsampled), box(2, 4, 2, 4), box(2, 4, 2, 4), 4, 4);
    expect(weights.partner).toBeCloseTo(3.0625 / 4, 7);
    // End to end on 4×4 images with that 2×2 CAM: whatever boxes are drawn, the weights are those of the upsampled map.
    const model = { cam: { height: 2, width: 2, data: [[0, 0, 0, 1], [0, 0, 0, 1]] } };
    const mixer = zoo.create('snapmix', { pairing: 'flip' });
    let checked = 0;
    for (let t = 0; t < 20; t++) {
      const plan = mixer.sample({ batchSize: 2, height: 4, width: 4 }, { model });
      const target = plan.boxes![0];
      const source = (plan.extra as { sources: (Box | null)[] }).sources[0];
      if (!target || !source) continue;
      checked++;
      const expected = snapmixWeights(normalizeCam(upsampled), normalizeCam(upsampled), target, source, 4, 4);
      expect(plan.labelWeights!.own[0]).toBeCloseTo(expected.own, 9);
      expect(plan.labelWeights!.partner[0]).toBeCloseTo(expected.partner, 9);
    }
    expect(checked).toBeGreaterThan(3);
  });
});

describe('snapmix: pixels', () => {
  it('the source box of the partner is resized (bilinear, align_corners) into the target box; the rest is own', () => {
    // Values encode (row, column): a bilinear resize with aligned corners reproduces them exactly.
    const [b, h, w] = [2, 10, 12];
    const x = tf.tensor4d(Array.from({ length: b * h * w }, (_, k) => 1000 * Math.floor(k / (h * w)) + 10 * (Math.floor(k / w) % h) + (k % w)), [b, h, w, 1]);
    const mixer = zoo.create('snapmix', { pairing: 'flip' });
    const plan = { strategy: 'snapmix', partner: [1, 0], lambda: [1 - 12 / 120, 1 - 12 / 120], boxes: [box(1, 4, 2, 6), box(5, 8, 0, 4)], height: h, width: w, extra: { sources: [box(2, 9, 1, 8), box(0, 3, 8, 12)], height: h, width: w }, labelWeights: { own: [0.5, 0.7], partner: [0.2, 0.9] } };
    const out = mixer.apply({ inputs: x }, plan);
    const data = read4d(out.inputs);
    for (let i = 0; i < b; i++) {
      const target = plan.boxes[i];
      const source = plan.extra.sources[i];
      const p = plan.partner[i];
      for (let r = 0; r < h; r++) {
        for (let c = 0; c < w; c++) {
          const v = data[i][r][c][0];
          if (!inBox(target, r, c)) {
            expect(v).toBeCloseTo(1000 * i + 10 * r + c, 3);
            continue;
          }
          const sy = source.y0 + ((r - target.y0) * (source.y1 - 1 - source.y0)) / (target.y1 - target.y0 - 1);
          const sx = source.x0 + ((c - target.x0) * (source.x1 - 1 - source.x0)) / (target.x1 - target.x0 - 1);
          expect(v).toBeCloseTo(1000 * p + 10 * sy + sx, 3);
        }
      }
    }
    disposeResult(out);
    x.dispose();
  });

  it('replays from JSON, leaves the inputs untouched and leaks nothing; int32 targets are copied, not blended', () => {
    const [b, h, w] = [5, 8, 8];
    const x = tf.randomUniform([b, h, w, 3], 0, 1, 'float32', 9);
    const seg = tf.tensor4d(Array.from({ length: b * h * w }, (_, k) => k % 7), [b, h, w, 1], 'int32');
    const before = read4d(x);
    const { labels, numClasses } = identityLabels(b);
    const batch = { inputs: x, labels, numClasses, targets: { seg }, model: { cam: cams(b, 4, 4) } };
    const mixer = zoo.create('snapmix', { mode: 'elem' });
    expectNoLeak(() => {
      const first = mixer.mix(batch);
      expectReplay(mixer, batch, first);
      expect(first.targets!.seg.dtype).toBe('int32');
      const values = new Set(first.targets!.seg.dataSync());
      values.forEach((v) => expect(v).toBeGreaterThanOrEqual(0));
      values.forEach((v) => expect(v).toBeLessThan(7));
      return first;
    });
    expect(read4d(x)).toEqual(before);
    tf.dispose([x, seg, labels]);
  });

  it('the same seed and CAM give the same plan; another CAM changes the label weights only', () => {
    const shape = { batchSize: 6, height: 8, width: 8 };
    const a = zoo.create('snapmix', { mode: 'elem' }, { seed: 4 }).sample(shape, { model: { cam: cams(6, 8, 8, 1) } });
    const again = zoo.create('snapmix', { mode: 'elem' }, { seed: 4 }).sample(shape, { model: { cam: cams(6, 8, 8, 1) } });
    const other = zoo.create('snapmix', { mode: 'elem' }, { seed: 4 }).sample(shape, { model: { cam: cams(6, 8, 8, 2) } });
    expect(again).toEqual(a);
    expect(other.boxes).toEqual(a.boxes);
    expect(other.labelWeights).not.toEqual(a.labelWeights);
  });
});

describe('snapmix: partners from another batch', () => {
  it("reads the partners' CAM from the partner batch's context", () => {
    const [h, w] = [8, 8];
    const x = tf.zeros([4, h, w, 1]);
    const other = tf.ones([4, h, w, 1]);
    const own = cams(4, h, w, 1);
    const theirs = cams(4, h, w, 7);
    const out = zoo.create('snapmix', { mode: 'elem' }).mix({ inputs: x, model: { cam: own }, partner: { inputs: other, model: { cam: theirs } } });
    let mixed = 0;
    out.plan.partner.forEach((p, i) => {
      const target = out.plan.boxes![i];
      const source = (out.plan.extra as { sources: (Box | null)[] }).sources[i];
      if (!target || !source) return;
      mixed++;
      const expected = expectedWeights(own.data[i], theirs.data[p], target, source, w);
      expect(out.plan.labelWeights!.own[i]).toBeCloseTo(expected.own, 9);
      expect(out.plan.labelWeights!.partner[i]).toBeCloseTo(expected.partner, 9);
    });
    expect(mixed).toBeGreaterThan(0);
    tf.dispose([x, other, out.inputs]);
  });
});

describe('snapmix: errors', () => {
  it('needs the CAM, a CAM per sample, and the partner maps of this batch', () => {
    const x = tf.zeros([3, 6, 6, 1]);
    const mixer = zoo.create('snapmix');
    expectError(() => mixer.mix({ inputs: x }), 'E_SHAPE', "'snapmix' plans from the model", "'cam'");
    expectError(() => mixer.mix({ inputs: x, model: { cam: cams(2, 6, 6) } }), 'E_SHAPE', "'model.cam.data'", 'one map per sample (3)');
    expectError(() => mixer.mix({ inputs: x, model: { cam: { height: 6, width: 6, data: [[NaN], [1], [2]] } } }), 'E_SHAPE', "'model.cam.data[0]'");
    expectError(() => mixer.mix({ inputs: x, partner: { inputs: x }, model: { cam: cams(3, 6, 6) } }), 'E_SHAPE', 'another batch', 'partner.model');
    expectError(() => mixer.mix({ inputs: x, partner: { inputs: x, model: { cam: cams(2, 6, 6) } }, model: { cam: cams(3, 6, 6) } }), 'E_SHAPE', "'partnerModel.cam.data'");
    x.dispose();
  });

  it("refuses a plan whose 'extra.sources' do not match its boxes", () => {
    const x = tf.zeros([2, 4, 4, 1]);
    const plan = { strategy: 'snapmix', partner: [1, 0], lambda: [0.75, 1], boxes: [box(0, 2, 0, 2), null], height: 4, width: 4, extra: { sources: [null, null], height: 4, width: 4 }, labelWeights: { own: [0.5, 1], partner: [0.5, 0] } };
    expectError(() => zoo.create('snapmix').apply({ inputs: x }, plan), 'E_PLAN', "'extra.sources[0]'");
    expectError(() => zoo.create('snapmix').apply({ inputs: x }, { ...plan, extra: undefined }), 'E_PLAN', "'extra'");
    x.dispose();
  });
});
