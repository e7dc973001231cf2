import { tf, type Box, type MixPlan, type MixResult, type Zoo } from 'mixzoo';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  codedImages,
  disposeResult,
  EDGE_SHAPES,
  expectError,
  expectMeanNear,
  expectNoLeak,
  expectPairLabels,
  expectPlanReplays,
  expectSources,
  fractionTrue,
  identityLabels,
  maskRow,
  mean,
  mixInEachMode,
  MODES,
  onCpuAndWasm,
  PAIRINGS,
  read4d,
  samePositionOwnership,
  zooOn,
} from '../helpers.js';

let zoo: Zoo;
beforeAll(async () => {
  zoo = await zooOn('cpu', 5);
});

/** Pixels follow the mask exactly, λ = mean(M) = the own fraction, labels λ / 1 − λ. */
function checkMasked(out: MixResult): void {
  const own = samePositionOwnership(out.inputs, out.plan);
  const [, , w] = out.inputs.shape;
  out.plan.partner.forEach((p, i) => {
    const mask = maskRow(out.plan, i);
    if (p === i) {
      expect(out.plan.lambda[i]).toBe(1);
      expect(mask).toBeNull();
    }
    if (mask && p !== i) {
      expect(own[i].flat()).toEqual(mask.map((v) => v === 1));
      expect(mask.every((v) => v === 0 || v === 1)).toBe(true);
      expect(out.plan.lambda[i]).toBeCloseTo(mask.reduce((s, v) => s + v, 0) / mask.length, 12);
    }
    expect(out.plan.lambda[i]).toBeCloseTo(fractionTrue(own[i]), 12);
    expect(own[i][0].length).toBe(w);
  });
  if (out.labels) expectPairLabels(out.labels, out.plan);
}

/** The connected groups of partner pixels (0s), each of which must be a filled rectangle. */
function holes(mask: number[], h: number, w: number): Box[] {
  const seen = new Uint8Array(mask.length);
  const rects: Box[] = [];
  for (let k = 0; k < mask.length; k++) {
    if (mask[k] !== 0 || seen[k]) continue;
    const stack = [k];
    seen[k] = 1;
    const cells: number[] = [];
    while (stack.length) {
      const c = stack.pop()!;
      cells.push(c);
      const [y, x] = [Math.floor(c / w), c % w];
      for (const [ny, nx] of [[y - 1, x], [y + 1, x], [y, x - 1], [y, x + 1]]) {
        const n = ny * w + nx;
        if (ny >= 0 && ny < h && nx >= 0 && nx < w && mask[n] === 0 && !seen[n]) {
          seen[n] = 1;
          stack.push(n);
        }
      }
    }
    const ys = cells.map((c) => Math.floor(c / w));
    const xs = cells.map((c) => c % w);
    const rect = { y0: Math.min(...ys), y1: Math.max(...ys) + 1, x0: Math.min(...xs), x1: Math.max(...xs) + 1 };
    expect(cells.length, 'a hole is a filled rectangle').toBe((rect.y1 - rect.y0) * (rect.x1 - rect.x0));
    rects.push(rect);
  }
  return rects;
}

/** Holes sit on a full regular lattice; every hole but the last row/column has the same size, smaller than the period. */
function expectGrid(mask: number[], h: number, w: number, maxColumns: number): { columns: number; stepX?: number; stepY?: number } {
  const rects = holes(mask, h, w);
  const xs = [...new Set(rects.map((r) => r.x0))].sort((a, b) => a - b);
  const ys = [...new Set(rects.map((r) => r.y0))].sort((a, b) => a - b);
  expect(rects.length).toBe(xs.length * ys.length);
  const step = (v: number[]) => (v.length > 1 ? v[1] - v[0] : undefined);
  const stepX = step(xs);
  const stepY = step(ys);
  xs.slice(1).forEach((x, k) => expect(x - xs[k]).toBe(stepX));
  ys.slice(1).forEach((y, k) => expect(y - ys[k]).toBe(stepY));
  const inner = rects.filter((r) => r.x0 < xs[xs.length - 1] && r.y0 < ys[ys.length - 1]);
  inner.forEach((r) => {
    expect([r.x1 - r.x0, r.y1 - r.y0]).toEqual([inner[0].x1 - inner[0].x0, inner[0].y1 - inner[0].y0]);
    expect(r.x1 - r.x0).toBeLessThan(stepX!);
    expect(r.y1 - r.y0).toBeLessThan(stepY!);
  });
  expect(xs.length).toBeLessThanOrEqual(maxColumns);
  return { columns: xs.length, stepX, stepY };
}

describe('gridmix: masks and labels', () => {
  it('takes the partner exactly where the mask is 0; λ = mean(M) = the area kept', () => {
    const x = codedImages(7, 24, 20, 3);
    const out = zoo.create('gridmix', { mode: 'elem' }).mix({ inputs: x, ...identityLabels(7) });
    checkMasked(out);
    expect(out.plan.masks!.data.length).toBe(7);
    expect(out.plan.lambda.filter((l) => l < 1).length).toBeGreaterThan(3);
    disposeResult(out);
    x.dispose();
  });

  it('holes form a regular grid of equal holes inside the crop (square patches by default)', () => {
    const mixer = zoo.create('gridmix', { mode: 'elem', pairing: 'derangement' });
    let grids = 0;
    for (let t = 0; t < 20; t++) {
      const plan = mixer.sample({ batchSize: 6, height: 48, width: 40 });
      plan.masks!.data.forEach((mask) => {
        const grid = expectGrid(mask!, 48, 40, 6);
        if (grid.stepX !== undefined && grid.stepY !== undefined) {
          expect(grid.stepY).toBe(grid.stepX);
          grids++;
        }
      });
    }
    expect(grids).toBeGreaterThan(60);
  });

  it('a full square crop of 6×6 patches: λ is exactly 1 − s²/100 with s = clamp(floor(10·√(1−λ)), 1, 9), mean as computed', () => {
    const options = { nHoles: [6, 6], cutAreaRatio: [1, 1], cutAspectRatio: [1, 1], mode: 'elem', pairing: 'derangement' };
    const mixer = zoo.create('gridmix', options, { seed: 'exact' });
    const lambdas = Array.from({ length: 40 }, () => mixer.sample({ batchSize: 50, height: 60, width: 60 }).lambda).flat();
    const allowed = Array.from({ length: 9 }, (_, s) => 1 - (s + 1) ** 2 / 100);
    lambdas.forEach((l) => expect(allowed.some((a) => Math.abs(a - l) < 1e-12)).toBe(true));
    const n = 20000;
    const exact = mean(
      Array.from({ length: n }, (_, k) => {
        const s = Math.min(Math.max(Math.floor(10 * Math.sqrt(1 - (k + 0.5) / n)), 1), 9);
        return 1 - (s * s) / 100;
      }),
    );
    expectMeanNear(lambdas, exact);
    // λ → 1 still leaves 1-pixel holes and λ → 0 keeps a 1-pixel lattice (the [1, patch − 1] clamp).
    const extremes = zoo.create('gridmix', { ...options, alpha: 0.001 }).sample({ batchSize: 30, height: 60, width: 60 }).lambda;
    expect(new Set(extremes.map((l) => l.toFixed(6)))).toEqual(new Set(['0.990000', '0.190000']));
  });

  describe.each(MODES)("mode '%s'", (mode) => {
    it.each(PAIRINGS)("pairing '%s': hard masks, one mask per draw group", (pairing) => {
      const x = codedImages(7, 16, 12, 2);
      const out = zoo.create('gridmix', { mode, pairing }).mix({ inputs: x, ...identityLabels(7) });
      checkMasked(out);
      const { partner, masks } = out.plan;
      const active = partner.map((p, i) => p !== i);
      if (mode === 'batch') {
        if (active.every(Boolean)) expect(masks!.data.length).toBe(1);
        const used = partner.map((_, i) => maskRow(out.plan, i)).filter((m) => m);
        used.forEach((m) => expect(m).toEqual(used[0]));
      }
      if (mode === 'elem' && active.filter(Boolean).length > 2) {
        const used = partner.map((_, i) => JSON.stringify(maskRow(out.plan, i))).filter((_, i) => active[i]);
        expect(new Set(used).size).toBeGreaterThan(1);
      }
      if (mode === 'pair') partner.forEach((p, i) => p !== i && expect([partner[p], maskRow(out.plan, p)]).toEqual([i, maskRow(out.plan, i)]));
      disposeResult(out);
      x.dispose();
    });
  });

  it.each([...EDGE_SHAPES, [3, 1, 16], [3, 17, 2]])('B=%i on %i×%i images: no error, hard masks', (b, h, w) => {
    const x = codedImages(b, h, w, 3);
    mixInEachMode(zoo, 'gridmix', MODES, x, (out) => {
      if (b > 0) checkMasked(out);
      if (b === 1) expect(out.plan.lambda).toEqual([1]);
    });
    x.dispose();
  });

  it('α = 0 and prob 0 leave the batch untouched; prob applies once per batch', () => {
    const x = codedImages(4, 8, 8, 1);
    for (const options of [{ alpha: 0 }, { prob: 0, mode: 'elem' }]) {
      const out = zoo.create('gridmix', options).mix({ inputs: x });
      expect(out.plan.lambda).toEqual([1, 1, 1, 1]);
      expect(out.plan.masks).toBeUndefined();
      expect(read4d(out.inputs)).toEqual(read4d(x));
      disposeResult(out);
    }
    const mixer = zoo.create('gridmix', { prob: 0.5, pairing: 'derangement' }, { seed: 'p' });
    let mixed = 0;
    for (let t = 0; t < 400; t++) if (mixer.sample({ batchSize: 6, height: 16, width: 16 }).masks) mixed++;
    expect(Math.abs(mixed / 400 - 0.5)).toBeLessThan(0.1);
    x.dispose();
  });
});

describe('gridmix: plans, targets', () => {
  it.each(['batch', 'elem'])('a JSON round trip of the plan replays the same output (%s)', (mode) => {
    const x = codedImages(5, 12, 10, 3);
    expectPlanReplays(zoo.create('gridmix', { mode }), x);
    x.dispose();
  });

  it('targets: same-size equal, half-size by the nearest-scaled mask, int32 maps copied', () => {
    const [b, h, w] = [5, 20, 16];
    const x = codedImages(b, h, w, 2);
    const half = codedImages(b, 10, 8, 1);
    const classes = codedImages(b, h, w, 1, 'int32');
    const out = zoo.create('gridmix', { mode: 'elem', pairing: 'derangement' }).mix({ inputs: x, targets: { same: x, half, classes } });
    expect(read4d(out.targets!.same)).toEqual(read4d(out.inputs));
    expect(out.targets!.classes.dtype).toBe('int32');
    const from = (i: number, y: number, c: number) => ((maskRow(out.plan, i)?.[y * w + c] ?? 1) === 1 ? i : out.plan.partner[i]);
    expectSources(out.targets!.classes, out.plan, from);
    expectSources(out.targets!.half, out.plan, from);
    disposeResult(out);
    tf.dispose([x, half, classes]);
  });

  it('leaks no tensor, also when a bad plan throws', () => {
    const x = codedImages(4, 8, 8, 3);
    const t = codedImages(4, 4, 4, 1);
    const labels = identityLabels(4);
    for (const mode of ['batch', 'elem']) expectNoLeak(() => zoo.create('gridmix', { mode }).mix({ inputs: x, ...labels, targets: { t } }));
    const bad: MixPlan = { strategy: 'gridmix', partner: [1, 0, 2, 3], lambda: [0.5, 1, 1, 1], masks: { height: 8, width: 8, data: [[1, 0]] }, height: 8, width: 8 };
    expect(() => expectNoLeak(() => zoo.create('gridmix').apply({ inputs: x }, bad))).toThrow(/masks\.data\[0\]/);
    tf.dispose([x, t, labels.labels]);
  });
});

describe('gridmix: options', () => {
  it.each([
    [{ nHoles: [0, 3] }, "'nHoles.0'"],
    [{ nHoles: [2.5, 4] }, "'nHoles.0'"],
    [{ nHoles: [5, 2] }, "option 'nHoles' must be [lo, hi] with lo <= hi, got [5, 2]"],
    [{ cutAreaRatio: [0.5, 1.5] }, "'cutAreaRatio.1'"],
    [{ cutAspectRatio: [0, 1] }, "'cutAspectRatio.0'"],
    [{ holeAspectRatio: [2, 1] }, "option 'holeAspectRatio' must be [lo, hi]"],
    [{ alpha: -1 }, "'alpha'"],
    [{ holes: 3 }, "unknown option 'holes'"],
  ])('%j is rejected at creation (E_OPTION naming the option)', (options, part) => {
    expectError(() => zoo.create('gridmix', options), 'E_OPTION', 'gridmix', part);
  });

  it('has the OpenMixup defaults', () => {
    expect(zoo.describe('gridmix').defaults).toEqual({
      alpha: 1,
      mode: 'batch',
      pairing: 'random',
      prob: 1,
      labelSmoothing: 0,
      nHoles: [2, 6],
      holeAspectRatio: [1, 1],
      cutAreaRatio: [0.5, 1],
      cutAspectRatio: [0.5, 2],
    });
  });
});

describe('gridmix on wasm', () => {
  it('gives exactly the cpu pixels for the same plan', async () => {
    const plan = zoo.create('gridmix', { mode: 'elem' }).sample({ batchSize: 5, height: 14, width: 11 });
    const run = (z: Zoo) => {
      const x = codedImages(5, 14, 11, 3);
      const out = z.create('gridmix').apply({ inputs: x, ...identityLabels(5) }, plan);
      checkMasked(out);
      const result = { pixels: read4d(out.inputs), labels: out.labels!.arraySync() };
      disposeResult(out);
      x.dispose();
      return result;
    };
    const results = await onCpuAndWasm(zoo, 5, run);
    expect(results.wasm).toEqual(results.cpu);
  });
});
