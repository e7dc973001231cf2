import { tf, type Box, type MixPlan, type Zoo } from 'mixzoo';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  checkBoxPaste,
  codedImages,
  disposeResult,
  EDGE_SHAPES,
  expectCopiedMap,
  expectError,
  expectMeanNear,
  expectNoLeak,
  expectPlanReplays,
  expectReplay,
  expectSources,
  expectedCentredBoxLambda,
  fractionTrue,
  identityLabels,
  inBox,
  mixInEachMode,
  MODES,
  onCpuAndWasm,
  origin,
  PAIRINGS,
  read4d,
  samePositionOwnership,
  sd,
  zooOn,
} from '../helpers.js';

let zoo: Zoo;
beforeAll(async () => {
  zoo = await zooOn('cpu', 7);
});

describe('cutmix: geometry and labels', () => {
  it("pastes the partner's same box; λ and labels equal the area actually kept", () => {
    const x = codedImages(7, 13, 17, 3);
    const out = zoo.create('cutmix', { mode: 'elem' }).mix({ inputs: x, ...identityLabels(7) });
    checkBoxPaste(out);
    expect(out.plan.lambda.filter((l) => l < 1).length).toBeGreaterThan(3);
    disposeResult(out);
    x.dispose();
  });

  describe.each(MODES)("mode '%s'", (mode) => {
    it.each(PAIRINGS)("pairing '%s': hard paste, shared geometry per draw group", (pairing) => {
      const x = codedImages(7, 9, 11, 2);
      for (let trial = 0; trial < 5; trial++) {
        const out = zoo.create('cutmix', { mode, pairing }, { seed: trial }).mix({ inputs: x, ...identityLabels(7) });
        checkBoxPaste(out);
        const { partner, boxes } = out.plan;
        const active = partner.map((p, i) => p !== i);
        if (mode === 'batch') {
          const shared = boxes!.filter((_, i) => active[i]);
          shared.forEach((b) => expect(b).toEqual(shared[0]));
        }
        if (mode === 'pair') {
          partner.forEach((p, i) => {
            if (p === i) return;
            expect(partner[p]).toBe(i);
            expect(boxes![p]).toEqual(boxes![i]);
          });
          // Odd B: one sample stays unmixed.
          expect(active.filter(Boolean).length).toBeLessThanOrEqual(6);
        }
        disposeResult(out);
      }
      x.dispose();
    });
  });

  it.each([...EDGE_SHAPES, [7, 1, 9], [2, 31, 4]])('B=%i on %i×%i images: no error, hard paste, B=1 and 1×1 are the identity', (b, h, w) => {
    const x = codedImages(b, h, w, 3);
    mixInEachMode(zoo, 'cutmix', MODES, x, (out) => {
      if (b > 0) checkBoxPaste(out);
      if (b <= 1 || h * w === 1) expect(out.plan.lambda.every((l) => l === 1)).toBe(true);
    });
    x.dispose();
  });

  it('boxes reach every row and column and touch every border over many draws', () => {
    const [h, w] = [9, 11];
    const mixer = zoo.create('cutmix', { mode: 'elem' });
    const rows = new Set<number>();
    const cols = new Set<number>();
    const edges = new Set<string>();
    for (let t = 0; t < 150; t++) {
      for (const box of mixer.sample({ batchSize: 8, height: h, width: w }).boxes!) {
        if (!box) continue;
        for (let y = box.y0; y < box.y1; y++) rows.add(y);
        for (let x = box.x0; x < box.x1; x++) cols.add(x);
        if (box.y0 === 0) edges.add('top');
        if (box.y1 === h) edges.add('bottom');
        if (box.x0 === 0) edges.add('left');
        if (box.x1 === w) edges.add('right');
      }
    }
    expect([...rows].sort((a, b) => a - b)).toEqual(Array.from({ length: h }, (_, i) => i));
    expect([...cols].sort((a, b) => a - b)).toEqual(Array.from({ length: w }, (_, i) => i));
    expect([...edges].sort()).toEqual(['bottom', 'left', 'right', 'top']);
  });

  it('α = 1: the Beta draw has mean 0.5 and the corrected λ matches the exact mean of the clipped timm box', () => {
    const [h, w] = [16, 12];
    const draw = (lambdaMode: string) => {
      const mixer = zoo.create('cutmix', { mode: 'elem', pairing: 'derangement', lambdaMode }, { seed: 'stats' });
      // 'sampled' labels by the Beta draw (labelWeights.own); lambda is always the kept area.
      const labelOwn = (p: MixPlan) => (lambdaMode === 'sampled' ? p.labelWeights!.own : p.lambda);
      return Array.from({ length: 50 }, () => labelOwn(mixer.sample({ batchSize: 80, height: h, width: w }))).flat();
    };
    const sampled = draw('sampled');
    expectMeanNear(sampled, 0.5);
    expect(sd(sampled)).toBeCloseTo(Math.sqrt(1 / 12), 1);
    const corrected = draw('corrected');
    // λ ~ U(0, 1) for α = 1: quadrature over λ of the mean kept area over every centre.
    const grid = Array.from({ length: 4000 }, (_, k) => Math.sqrt(1 - (k + 0.5) / 4000));
    const exact = expectedCentredBoxLambda(h, w, grid);
    expectMeanNear(corrected, exact);
    // The clipping makes the corrected mean clearly larger than the sampled one.
    expect(exact).toBeGreaterThan(0.6);
  });

  it('λ → 1 is the identity, λ → 0 a large box; a full box gives the whole partner', () => {
    const x = codedImages(12, 8, 10, 1);
    const input = read4d(x);
    const mixer = zoo.create('cutmix', { alpha: 0.001, mode: 'elem', pairing: 'derangement', lambdaMode: 'sampled' });
    const out = mixer.mix({ inputs: x });
    const data = read4d(out.inputs);
    const sampled = out.plan.labelWeights!.own;
    sampled.forEach((l, i) => {
      const box = out.plan.boxes![i]!;
      if (l > 1 - 1e-9) {
        expect(box.y1 - box.y0 === 0 || box.x1 - box.x0 === 0).toBe(true);
        expect(data[i]).toEqual(input[i]);
      }
      if (l < 1e-9) {
        // cut = floor(H·√(1−λ)) >= H − 1: at least half of it on the inner side of any centre.
        expect(box.y1 - box.y0).toBeGreaterThanOrEqual(3);
        expect(box.x1 - box.x0).toBeGreaterThanOrEqual(4);
      }
    });
    expect(sampled.some((l) => l < 1e-9) && sampled.some((l) => l > 1 - 1e-9)).toBe(true);
    disposeResult(out);
    const whole = { y0: 0, x0: 0, y1: 8, x1: 10 };
    const full: MixPlan = {
      strategy: 'cutmix',
      partner: input.map((_, i) => (i < 2 ? 1 - i : i)),
      lambda: input.map((_, i) => (i < 2 ? 0 : 1)),
      boxes: input.map((_, i) => (i < 2 ? whole : null)),
      height: 8,
      width: 10,
    };
    const pasted = mixer.apply({ inputs: x, ...identityLabels(12) }, full);
    const image = read4d(pasted.inputs);
    expect(image[0]).toEqual(input[1]);
    expect(image[1]).toEqual(input[0]);
    expect(image[2]).toEqual(input[2]);
    expect((pasted.labels!.arraySync() as number[][])[0].slice(0, 3)).toEqual([0, 1, 0]);
    disposeResult(pasted);
    x.dispose();
  });

  it("lambdaMode 'sampled' keeps the Beta draw in the labels; pixels stay a hard paste", () => {
    const x = codedImages(8, 12, 12, 1);
    const out = zoo.create('cutmix', { mode: 'elem', pairing: 'derangement', lambdaMode: 'sampled' }).mix({ inputs: x, ...identityLabels(8) });
    const own = samePositionOwnership(out.inputs, out.plan);
    const labels = out.labels!.arraySync() as number[][];
    let differs = 0;
    out.plan.partner.forEach((_, i) => {
      expect(own[i].flatMap((row, y) => row.filter((o, c) => o === inBox(out.plan.boxes![i], y, c)))).toEqual([]);
      expect(labels[i][i]).toBeCloseTo(out.plan.labelWeights!.own[i], 6);
      expect(out.plan.lambda[i]).toBeCloseTo(fractionTrue(own[i]), 6);
      if (Math.abs(out.plan.labelWeights!.own[i] - fractionTrue(own[i])) > 1e-3) differs++;
    });
    expect(differs).toBeGreaterThan(4);
    disposeResult(out);
    x.dispose();
  });

  it('α = 0 and prob 0 leave the batch untouched', () => {
    const x = codedImages(5, 6, 6, 2);
    for (const options of [{ alpha: 0 }, { prob: 0, mode: 'elem' }, { alpha: 0, numMix: 3 }]) {
      const out = zoo.create('cutmix', options).mix({ inputs: x, ...identityLabels(5) });
      expect(out.plan.lambda).toEqual([1, 1, 1, 1, 1]);
      expect(out.plan.partner).toEqual([0, 1, 2, 3, 4]);
      expect(read4d(out.inputs)).toEqual(read4d(x));
      disposeResult(out);
    }
    x.dispose();
  });

  it('prob is applied once: per batch in batch mode, per sample in elem mode', () => {
    const batches = zoo.create('cutmix', { prob: 0.5, pairing: 'derangement' }, { seed: 'p' });
    let mixedBatches = 0;
    for (let t = 0; t < 400; t++) {
      const plan = batches.sample({ batchSize: 6, height: 32, width: 32 });
      const mixed = plan.boxes!.map((b) => b !== null);
      expect(mixed.every((m) => m === mixed[0])).toBe(true);
      if (mixed[0]) mixedBatches++;
    }
    expect(Math.abs(mixedBatches / 400 - 0.5)).toBeLessThan(0.1);
    const samples = zoo.create('cutmix', { prob: 0.5, mode: 'elem', pairing: 'derangement' }, { seed: 'p' });
    let mixed = 0;
    for (let t = 0; t < 100; t++) mixed += samples.sample({ batchSize: 16, height: 32, width: 32 }).boxes!.filter((b) => b !== null).length;
    expect(Math.abs(mixed / 1600 - 0.5)).toBeLessThan(0.05);
  });
});

describe('cutmix: minmax', () => {
  it('min == max gives boxes of exactly floor(H·m) × floor(W·m), at every inside offset', () => {
    const mixer = zoo.create('cutmix', { minmax: [0.5, 0.5], mode: 'elem', pairing: 'derangement' });
    const y0s = new Set<number>();
    const x0s = new Set<number>();
    for (let t = 0; t < 60; t++) {
      const plan = mixer.sample({ batchSize: 8, height: 10, width: 15 });
      plan.boxes!.forEach((box, i) => {
        expect([box!.y1 - box!.y0, box!.x1 - box!.x0]).toEqual([5, 7]);
        expect(box!.y1).toBeLessThanOrEqual(10);
        expect(box!.x1).toBeLessThanOrEqual(15);
        expect(plan.lambda[i]).toBeCloseTo(1 - 35 / 150, 12);
        y0s.add(box!.y0);
        x0s.add(box!.x0);
      });
    }
    expect([...y0s].sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5]);
    expect([...x0s].sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8]);
  });

  it('draws cut_h and cut_w independently over the whole inclusive range', () => {
    const mixer = zoo.create('cutmix', { minmax: [0.2, 0.6], mode: 'elem', pairing: 'derangement' });
    const hs = new Set<number>();
    const ws = new Set<number>();
    const x = codedImages(8, 20, 30, 1);
    for (let t = 0; t < 40; t++) {
      const out = mixer.mix({ inputs: x });
      checkBoxPaste(out);
      out.plan.boxes!.forEach((b) => {
        hs.add(b!.y1 - b!.y0);
        ws.add(b!.x1 - b!.x0);
      });
      disposeResult(out);
    }
    expect([...hs].sort((a, b) => a - b)).toEqual([4, 5, 6, 7, 8, 9, 10, 11, 12]);
    expect([...ws].sort((a, b) => a - b)).toEqual([6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18]);
    x.dispose();
  });
});

describe('cutmix: numMix', () => {
  /** The sample plan pixel (y, x) of sample i must come from: the last box covering it, else the sample itself. */
  function expectedSource(plan: MixPlan, i: number, y: number, x: number): number {
    const boxes = (plan.extra!.boxes as Box[][])[i];
    let source = i;
    boxes.forEach((box, m) => {
      if (inBox(box, y, x)) source = plan.partners![i][m + 1];
    });
    return source;
  }

  it('pastes every box in order; k-way labels equal the visible share of each sample', () => {
    const [b, h, w] = [7, 11, 13];
    const x = codedImages(b, h, w, 2);
    const out = zoo.create('cutmix', { numMix: 3, mode: 'elem' }).mix({ inputs: x, ...identityLabels(b) });
    const data = read4d(out.inputs);
    const labels = out.labels!.arraySync() as number[][];
    const { partners, weights } = out.plan;
    for (let i = 0; i < b; i++) {
      const share = new Array<number>(b).fill(0);
      for (let y = 0; y < h; y++) {
        for (let c = 0; c < w; c++) {
          const [s, sy, sx] = origin(data[i][y][c][0], h, w, 2);
          expect([s, sy, sx]).toEqual([expectedSource(out.plan, i, y, c), y, c]);
          share[s] += 1 / (h * w);
        }
      }
      share.forEach((v, s) => expect(labels[i][s]).toBeCloseTo(v, 5));
      expect(weights![i].reduce((a, v) => a + v, 0)).toBeCloseTo(1, 12);
      expect([1, 4]).toContain(partners![i].length);
      expect(out.plan.lambda[i]).toBeCloseTo(share[i], 12);
    }
    expect(partners!.some((row) => row.length === 4)).toBe(true);
    disposeResult(out);
    x.dispose();
  });

  it('batch mode shares the k boxes across the batch; each box has its own partners', () => {
    const plan = zoo.create('cutmix', { numMix: 2, pairing: 'derangement' }).sample({ batchSize: 8, height: 16, width: 16 });
    const boxes = plan.extra!.boxes as Box[][];
    boxes.forEach((row) => expect(row).toEqual(boxes[0]));
    const second = plan.partners!.map((row) => row[2]);
    expect(second).not.toEqual(plan.partners!.map((row) => row[1]));
    expect(new Set(second).size).toBe(8);
  });

  it('replays from JSON and rescales its boxes for targets of another size; int32 maps are copied', () => {
    const [b, h, w] = [5, 12, 10];
    const x = codedImages(b, h, w, 1);
    const half = codedImages(b, 6, 5, 1);
    const classes = codedImages(b, h, w, 1, 'int32');
    const mixer = zoo.create('cutmix', { numMix: 3, mode: 'elem', pairing: 'derangement' });
    const plan = mixer.sample({ batchSize: b, height: h, width: w });
    const batch = { inputs: x, targets: { same: x, half, classes } };
    const first = mixer.apply(batch, plan);
    expectReplay(mixer, batch, first);
    expect(read4d(first.targets!.same)).toEqual(read4d(first.inputs));
    expectCopiedMap(first.targets!.classes, first);
    expectSources(first.targets!.half, plan, (i, y, c) => expectedSource(plan, i, y, c));
    disposeResult(first);
    tf.dispose([x, half, classes]);
  });
});

describe('cutmix: plans, targets, partner batches', () => {
  it.each(['batch', 'elem'])('a JSON round trip of the plan replays the same output (%s)', (mode) => {
    const x = codedImages(6, 10, 14, 3);
    expectPlanReplays(zoo.create('cutmix', { mode }), x);
    x.dispose();
  });

  it('targets get the same geometry: same-size equal, half-size nearest-scaled, int32 copied', () => {
    const [b, h, w] = [6, 13, 17];
    const x = codedImages(b, h, w, 2);
    const half = codedImages(b, 6, 8, 1);
    const classes = tf.tidy(() => tf.cast(tf.floor(tf.div(codedImages(b, h, w, 1), 7)), 'int32'));
    const out = zoo.create('cutmix', { mode: 'elem', pairing: 'derangement' }).mix({ inputs: x, targets: { same: x, half, classes } });
    expect(read4d(out.targets!.same)).toEqual(read4d(out.inputs));
    const map = read4d(out.targets!.classes);
    const source = read4d(classes);
    expect(out.targets!.classes.dtype).toBe('int32');
    const from = (i: number, y: number, c: number) => (inBox(out.plan.boxes![i], y, c) ? out.plan.partner[i] : i);
    expectSources(out.targets!.half, out.plan, from);
    for (let i = 0; i < b; i++) {
      for (let y = 0; y < h; y++) {
        for (let c = 0; c < w; c++) expect(map[i][y][c][0]).toBe(source[from(i, y, c)][y][c][0]);
      }
    }
    disposeResult(out);
    tf.dispose([x, half, classes]);
  });

  it('reads partners from a partner batch when one is given', () => {
    const x = codedImages(4, 8, 8, 1);
    const other = tf.tidy(() => tf.add(codedImages(4, 8, 8, 1), 10000));
    const out = zoo.create('cutmix', { mode: 'elem', pairing: 'derangement' }).mix({ inputs: x, partner: { inputs: other } });
    const data = read4d(out.inputs);
    const theirs = read4d(other);
    const mine = read4d(x);
    out.plan.partner.forEach((p, i) => {
      for (let y = 0; y < 8; y++) {
        for (let c = 0; c < 8; c++) expect(data[i][y][c][0]).toBe(inBox(out.plan.boxes![i], y, c) ? theirs[p][y][c][0] : mine[i][y][c][0]);
      }
    });
    disposeResult(out);
    tf.dispose([x, other]);
  });

  it('leaks no tensor, also when applying a bad plan throws', () => {
    const x = codedImages(4, 8, 8, 3);
    const t = codedImages(4, 4, 4, 1);
    const labels = identityLabels(4);
    for (const options of [{}, { mode: 'elem' }, { numMix: 2, mode: 'elem' }]) {
      const mixer = zoo.create('cutmix', options);
      expectNoLeak(() => mixer.mix({ inputs: x, ...labels, targets: { t } }));
    }
    const bad: MixPlan = { strategy: 'cutmix', partner: [1, 0, 2, 3], lambda: [0.5, 0.5, 1, 1], boxes: [{ y0: 0, x0: 0, y1: 9, x1: 4 }, null, null, null], height: 8, width: 8 };
    expect(() => expectNoLeak(() => zoo.create('cutmix').apply({ inputs: x }, bad))).toThrow(/boxes\[0\]/);
    const multi = { ...zoo.create('cutmix', { numMix: 2, mode: 'elem', pairing: 'derangement' }).sample({ batchSize: 4, height: 8, width: 8 }), extra: { height: 8, width: 8, boxes: [[], [], [], []] } };
    expect(() => expectNoLeak(() => zoo.create('cutmix').apply({ inputs: x }, multi))).toThrow(/extra\.boxes\[0\]/);
    tf.dispose([x, t, labels.labels]);
  });
});

describe('cutmix: options', () => {
  it.each([
    [{ alpha: -1 }, "'alpha'"],
    [{ alpha: Number.NaN }, "'alpha'"],
    [{ minmax: [0.9, 0.2] }, "option 'minmax' must be [min, max] with 0 < min <= max <= 1, got [0.9, 0.2]"],
    [{ minmax: [0, 0.5] }, "'minmax.0'"],
    [{ minmax: [0.5, 1.5] }, "'minmax.1'"],
    [{ numMix: 0 }, "'numMix'"],
    [{ numMix: 1.5 }, "'numMix'"],
    [{ lambdaMode: 'exact' }, "'lambdaMode'"],
    [{ lambdaMode: 'sampled', minmax: [0.2, 0.4] }, "'lambdaMode'"],
    [{ lambdaMode: 'sampled', numMix: 2 }, "'lambdaMode'"],
    [{ mode: 'pair', numMix: 2 }, "'mode'"],
    [{ mode: 'rows' }, "'mode'"],
    [{ minMax: [0.2, 0.4] }, "unknown option 'minMax'. Did you mean 'minmax'?"],
  ])('%j is rejected at creation (E_OPTION naming the option)', (options, part) => {
    expectError(() => zoo.create('cutmix', options), 'E_OPTION', 'cutmix', part);
  });

  it('describes every option with its default', () => {
    const description = zoo.describe('cutmix');
    expect(description.defaults).toEqual({ alpha: 1, mode: 'batch', pairing: 'random', prob: 1, labelSmoothing: 0, numMix: 1, lambdaMode: 'corrected' });
    expect(Object.keys((description.schema as { properties: object }).properties).sort()).toEqual(
      ['alpha', 'labelSmoothing', 'lambdaMode', 'minmax', 'mode', 'numMix', 'pairing', 'prob'],
    );
  });
});

describe('cutmix on wasm', () => {
  it('gives exactly the cpu pixels for the same plans, single and multi-box', async () => {
    const shapes = { batchSize: 5, height: 9, width: 12 };
    const plans = [
      zoo.create('cutmix', { mode: 'elem' }).sample(shapes),
      zoo.create('cutmix', { numMix: 3, mode: 'elem' }).sample(shapes),
    ];
    const run = (z: Zoo) =>
      plans.map((plan) => {
        const x = codedImages(5, 9, 12, 3);
        const out = z.create('cutmix').apply({ inputs: x, ...identityLabels(5) }, plan);
        const result = { pixels: read4d(out.inputs), labels: out.labels!.arraySync() };
        if (!plan.partners) samePositionOwnership(out.inputs, plan);
        disposeResult(out);
        x.dispose();
        return result;
      });
    const results = await onCpuAndWasm(zoo, 7, run);
    expect(results.wasm).toEqual(results.cpu);
  });
});
