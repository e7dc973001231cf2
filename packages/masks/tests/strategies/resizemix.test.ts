import betaCdf from '@stdlib/stats-base-dists-beta-cdf';
import { tf, type Box, type MixPlan, type Zoo } from 'mixzoo';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  codedImages,
  disposeResult,
  expectError,
  expectMeanNear,
  expectNoLeak,
  expectPairLabels,
  expectPlanReplays,
  expectedCentredBoxLambda,
  identityLabels,
  inBox,
  mixInEachMode,
  MODES,
  nearestSource,
  onCpuAndWasm,
  PAIRINGS,
  read4d,
  zooOn,
} from '../helpers.js';

let zoo: Zoo;
beforeAll(async () => {
  zoo = await zooOn('cpu', 3);
});

/** Smooth distinct images, so bilinear resizing is visible. */
function images(b: number, h: number, w: number, c = 3): tf.Tensor4D {
  const values = Array.from({ length: b * h * w * c }, (_, k) => {
    const [i, rest] = [Math.floor(k / (h * w * c)), k % (h * w * c)];
    return 100 * i + Math.sin(rest * 0.21) * 10 + (rest % c);
  });
  return tf.tensor4d(values, [b, h, w, c]);
}

/**
 * Independent reference: outside its box a sample is unchanged; inside, the WHOLE partner image
 * resized to the box with tf.image.resizeBilinear (half-pixel centres) or resizeNearestNeighbor (int32).
 */
function expectResizedPaste(out: tf.Tensor, x: tf.Tensor, plan: MixPlan, xb: tf.Tensor = x): void {
  const data = read4d(out);
  const own = read4d(x);
  plan.partner.forEach((p, i) => {
    const box = plan.boxes?.[i] ?? null;
    const [h, w] = [box ? box.y1 - box.y0 : 0, box ? box.x1 - box.x0 : 0];
    const patch =
      h > 0 && w > 0
        ? (tf.tidy(() => {
            const img = tf.slice(xb, [p, 0, 0, 0], [1, -1, -1, -1]) as tf.Tensor4D;
            return xb.dtype === 'int32' ? tf.image.resizeNearestNeighbor(img, [h, w], false, true) : tf.image.resizeBilinear(img, [h, w], false, true);
          }).arraySync())[0]
        : null;
    own[i].forEach((row, y) =>
      row.forEach((pixel, c) => {
        const expected = patch && inBox(box, y, c) ? patch[y - box!.y0][c - box!.x0] : pixel;
        data[i][y][c].forEach((v, ch) => expect(v).toBeCloseTo(expected[ch], 3));
      }),
    );
  });
}

function area(box: Box | null): number {
  return box ? (box.y1 - box.y0) * (box.x1 - box.x0) : 0;
}

describe('resizemix: geometry and labels', () => {
  it('pastes the whole partner, bilinearly resized, into the box; λ = 1 − box area/(H·W)', () => {
    const x = images(6, 16, 20);
    const out = zoo.create('resizemix', { mode: 'elem', pairing: 'derangement' }).mix({ inputs: x, ...identityLabels(6) });
    expectResizedPaste(out.inputs, x, out.plan);
    out.plan.boxes!.forEach((box, i) => expect(out.plan.lambda[i]).toBeCloseTo(1 - area(box) / 320, 12));
    expectPairLabels(out.labels!, out.plan);
    expect(out.plan.boxes!.filter((b) => area(b) > 4).length).toBeGreaterThan(3);
    disposeResult(out);
    x.dispose();
  });

  describe.each(MODES)("mode '%s'", (mode) => {
    it.each(PAIRINGS)("pairing '%s': resized paste, shared box per draw group", (pairing) => {
      const x = images(7, 12, 9, 2);
      const out = zoo.create('resizemix', { mode, pairing }).mix({ inputs: x, ...identityLabels(7) });
      expectResizedPaste(out.inputs, x, out.plan);
      const { partner, boxes } = out.plan;
      if (mode === 'batch') boxes!.filter((b) => b).forEach((b) => expect(b).toEqual(boxes!.find((c) => c)));
      if (mode === 'pair') partner.forEach((p, i) => p !== i && expect([partner[p], boxes![p]]).toEqual([i, boxes![i]]));
      disposeResult(out);
      x.dispose();
    });
  });

  it.each([
    [0, 6, 6],
    [1, 6, 6],
    [2, 1, 1],
    [2, 2, 3],
    [7, 5, 7],
    [3, 1, 12],
  ])('B=%i on %i×%i images: no error; boxes that round to nothing are the identity', (b, h, w) => {
    const x = images(b, h, w);
    mixInEachMode(zoo, 'resizemix', MODES, x, (out) => {
      expectResizedPaste(out.inputs, x, out.plan);
      out.plan.boxes?.forEach((box, i) => {
        if (box === null) expect([out.plan.partner[i], out.plan.lambda[i]]).toEqual([i, 1]);
        else expect(area(box)).toBeGreaterThan(0);
      });
      if (h * w <= 6) expect(out.plan.lambda.every((l) => l === 1)).toBe(true);
    });
    x.dispose();
  });

  it('τ ~ U(scope): the mean λ matches the exact mean over τ and every centre', () => {
    const [h, w] = [20, 14];
    const mixer = zoo.create('resizemix', { mode: 'elem', pairing: 'derangement' }, { seed: 'tau' });
    const lambdas = Array.from({ length: 50 }, () => mixer.sample({ batchSize: 80, height: h, width: w }).lambda).flat();
    const taus = Array.from({ length: 2000 }, (_, k) => 0.1 + (0.7 * (k + 0.5)) / 2000);
    expectMeanNear(lambdas, expectedCentredBoxLambda(h, w, taus));
  });

  it('scope [s, s] fixes the box size; useAlpha draws τ from Beta(α, α) inside the scope', () => {
    const fixed = zoo.create('resizemix', { scope: [0.5, 0.5], mode: 'elem', pairing: 'derangement' }).sample({ batchSize: 40, height: 20, width: 12 });
    fixed.boxes!.forEach((b) => {
      // cut 10 × 6, half-extent 5 × 3 on each side of the centre, clipped.
      expect(b!.y1 - b!.y0).toBeLessThanOrEqual(10);
      expect(b!.x1 - b!.x0).toBeLessThanOrEqual(6);
      expect(b!.y1 - b!.y0).toBeGreaterThanOrEqual(5);
    });
    // Beta(5, 5) puts 62% of its mass above 0.45: those draws are redrawn from U(scope), not clipped.
    const [h, w, a] = [24, 24, 5];
    const scope: [number, number] = [0.1, 0.45];
    const mixer = zoo.create('resizemix', { useAlpha: true, alpha: a, scope, mode: 'elem', pairing: 'derangement' }, { seed: 'alpha' });
    const lambdas = Array.from({ length: 60 }, () => mixer.sample({ batchSize: 100, height: h, width: w }).lambda).flat();
    const n = 2000;
    const taus = Array.from({ length: n }, (_, k) => scope[0] + ((scope[1] - scope[0]) * (k + 0.5)) / n);
    const inside = betaCdf(scope[1], a, a) - betaCdf(scope[0], a, a);
    const weights = taus.map((_, k) => {
      const [lo, hi] = [scope[0] + ((scope[1] - scope[0]) * k) / n, scope[0] + ((scope[1] - scope[0]) * (k + 1)) / n];
      return betaCdf(hi, a, a) - betaCdf(lo, a, a) + (1 - inside) / n;
    });
    const exact = expectedCentredBoxLambda(h, w, taus, weights);
    const uniform = expectedCentredBoxLambda(h, w, taus);
    const se = expectMeanNear(lambdas, exact);
    // The test tells the Beta-with-redraw distribution from plain U(scope).
    expect(Math.abs(exact - uniform)).toBeGreaterThan(8 * se);
  });

  it('α = 0 and prob 0 leave the batch untouched; prob applies once per batch', () => {
    const x = images(4, 8, 8);
    for (const options of [{ alpha: 0 }, { prob: 0, mode: 'elem' }]) {
      const out = zoo.create('resizemix', options).mix({ inputs: x });
      expect(out.plan.lambda).toEqual([1, 1, 1, 1]);
      expect(read4d(out.inputs)).toEqual(read4d(x));
      disposeResult(out);
    }
    const mixer = zoo.create('resizemix', { prob: 0.5, pairing: 'derangement' }, { seed: 'p' });
    let mixed = 0;
    for (let t = 0; t < 400; t++) {
      const boxes = mixer.sample({ batchSize: 6, height: 32, width: 32 }).boxes!;
      expect(boxes.every((b) => (b === null) === (boxes[0] === null))).toBe(true);
      if (boxes[0]) mixed++;
    }
    expect(Math.abs(mixed / 400 - 0.5)).toBeLessThan(0.1);
    x.dispose();
  });
});

describe('resizemix: plans, targets, partner batches', () => {
  it('a JSON round trip of the plan replays the same output', () => {
    const x = images(5, 10, 14);
    expectPlanReplays(zoo.create('resizemix', { mode: 'elem' }), x);
    x.dispose();
  });

  it('targets: same-size equal to the input, half-size in the nearest-scaled box, int32 maps resized nearest', () => {
    const [b, h, w] = [5, 16, 12];
    const x = images(b, h, w, 2);
    const half = images(b, 8, 6, 1);
    const classes = codedImages(b, h, w, 1, 'int32');
    const out = zoo.create('resizemix', { mode: 'elem', pairing: 'derangement', scope: [0.4, 0.9] }).mix({ inputs: x, targets: { same: x, half, classes } });
    expect(read4d(out.targets!.same)).toEqual(read4d(out.inputs));
    expect(out.targets!.classes.dtype).toBe('int32');
    expectResizedPaste(out.targets!.classes, classes, out.plan);
    // The half-size box keeps exactly the target pixels whose nearest source pixel is in the box.
    const scaled: MixPlan = {
      ...out.plan,
      boxes: out.plan.boxes!.map((box) => {
        if (!box) return null;
        const rows = Array.from({ length: 8 }, (_, r) => r).filter((r) => inBox(box, nearestSource(r, h, 8), box.x0));
        const cols = Array.from({ length: 6 }, (_, c) => c).filter((c) => inBox(box, box.y0, nearestSource(c, w, 6)));
        return { y0: rows[0] ?? 0, y1: rows.length ? rows[rows.length - 1] + 1 : 0, x0: cols[0] ?? 0, x1: cols.length ? cols[cols.length - 1] + 1 : 0 };
      }),
    };
    expectResizedPaste(out.targets!.half, half, scaled);
    disposeResult(out);
    tf.dispose([x, half, classes]);
  });

  it('reads partners from a partner batch when one is given', () => {
    const x = images(4, 10, 10);
    const other = tf.tidy(() => tf.add(images(4, 10, 10), 1000));
    const out = zoo.create('resizemix', { mode: 'elem', pairing: 'derangement' }).mix({ inputs: x, partner: { inputs: other } });
    expectResizedPaste(out.inputs, x, out.plan, other);
    disposeResult(out);
    tf.dispose([x, other]);
  });

  it('leaks no tensor, also when a bad plan throws', () => {
    const x = images(4, 8, 8);
    const t = images(4, 4, 4, 1);
    const labels = identityLabels(4);
    expectNoLeak(() => zoo.create('resizemix', { mode: 'elem' }).mix({ inputs: x, ...labels, targets: { t } }));
    const bad: MixPlan = { strategy: 'resizemix', partner: [1, 0, 2, 3], lambda: [0.5, 1, 1, 1], boxes: [{ y0: 2, x0: 0, y1: 1, x1: 4 }, null, null, null], height: 8, width: 8 };
    expect(() => expectNoLeak(() => zoo.create('resizemix').apply({ inputs: x }, bad))).toThrow(/boxes\[0\]/);
    tf.dispose([x, t, labels.labels]);
  });
});

describe('resizemix: options', () => {
  it.each([
    [{ scope: [0.9, 0.1] }, "option 'scope' must be [lo, hi] with 0 <= lo <= hi <= 1, got [0.9, 0.1]"],
    [{ scope: [0.1, 1.5] }, "'scope.1'"],
    [{ scope: [0.1] }, "'scope'"],
    [{ useAlpha: 'yes' }, "'useAlpha'"],
    [{ alpha: -0.5 }, "'alpha'"],
    [{ prob: 2 }, "'prob'"],
    [{ scale: [0.1, 0.2] }, "unknown option 'scale'"],
  ])('%j is rejected at creation (E_OPTION naming the option)', (options, part) => {
    expectError(() => zoo.create('resizemix', options), 'E_OPTION', 'resizemix', part);
  });

  it('has the documented defaults', () => {
    expect(zoo.describe('resizemix').defaults).toEqual({ alpha: 1, mode: 'batch', pairing: 'random', prob: 1, labelSmoothing: 0, scope: [0.1, 0.8], useAlpha: false });
  });
});

describe('resizemix on wasm', () => {
  it('matches the cpu pixels for the same plan', async () => {
    const plan = zoo.create('resizemix', { mode: 'elem', pairing: 'derangement' }).sample({ batchSize: 5, height: 11, width: 13 });
    const run = (z: Zoo) => {
      const x = images(5, 11, 13);
      const out = z.create('resizemix').apply({ inputs: x }, plan);
      expectResizedPaste(out.inputs, x, plan);
      const pixels = read4d(out.inputs);
      disposeResult(out);
      x.dispose();
      return pixels;
    };
    const pixels = await onCpuAndWasm(zoo, 3, run);
    pixels.wasm.flat(3).forEach((v, k) => expect(v).toBeCloseTo(pixels.cpu.flat(3)[k], 4));
  });
});
