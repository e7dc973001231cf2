import { tf, type MixPlan, type Zoo } from 'mixzoo';
import { beforeAll, describe, expect, it } from 'vitest';
import { codedImages, disposeResult, expectCleanReplay, expectCopiedMap, expectError, expectNoLeak, identityLabels, mean, mixInEachMode, origin, read4d, variance, zooOn } from '../helpers.js';
import { checkTileMix, checkTileOutput, expectTamperedTilePlansRefused, tiledCount, tilesOf } from '../tile-checks.js';

let zoo: Zoo;
beforeAll(async () => {
  zoo = await zooOn('cpu', 13);
});

/** The split point (h, w) of a sample's tiles: the top-left tile's size. */
const split = (plan: MixPlan, i: number) => ({ h: tilesOf(plan)[i][0].box.y1, w: tilesOf(plan)[i][0].box.x1 });

describe('ricap: tiles and labels', () => {
  it('four corner crops around one split point; every pixel from a listed partner; weights = pixel ownership', () => {
    const x = codedImages(7, 12, 15, 3);
    const labels = identityLabels(7);
    const out = zoo.create('ricap').mix({ inputs: x, ...labels });
    checkTileMix(out);
    disposeResult(out);
    tf.dispose([x, labels.labels]);
  });

  it("'batch' (official): one split and one offset per corner for the batch; corner k's sources are a permutation", () => {
    for (let seed = 0; seed < 10; seed++) {
      const plan = zoo.create('ricap', {}, { seed }).sample({ batchSize: 6, height: 20, width: 30 });
      // Samples whose four corners all came from themselves are untouched (no tiles).
      const full = tilesOf(plan).filter((row) => row.length === 4);
      expect(full.length).toBeGreaterThan(3);
      full.forEach((row) => row.forEach((t, k) => expect({ box: t.box, from: t.from }).toEqual({ box: full[0][k].box, from: full[0][k].from })));
      if (full.length === 6) {
        for (let k = 0; k < 4; k++) expect(full.map((row) => row[k].source).sort()).toEqual([0, 1, 2, 3, 4, 5]);
      }
    }
  });

  it("'elem': a split point per sample", () => {
    const plan = zoo.create('ricap', { mode: 'elem' }).sample({ batchSize: 7, height: 50, width: 50 });
    const splits = new Set(plan.partner.map((_, i) => JSON.stringify(split(plan, i))));
    expect(splits.size).toBeGreaterThan(4);
  });

  it('w = round(W·Beta(β, β)), h = round(H·Beta(β, β)): U-shaped with the Beta variance', () => {
    const m = zoo.create('ricap', { mode: 'elem' }, { seed: 'beta' });
    const ws: number[] = [];
    const hs: number[] = [];
    for (let t = 0; t < 50; t++) {
      const plan = m.sample({ batchSize: 10, height: 200, width: 100 });
      // Samples whose corners all came from themselves are untouched: skip them.
      plan.partner.forEach((_, i) => {
        if (tilesOf(plan)[i].length === 0) return;
        ws.push(split(plan, i).w / 100);
        hs.push(split(plan, i).h / 200);
      });
    }
    // Beta(0.3, 0.3): mean 1/2, variance 1/(4·1.6) = 0.156 (uniform: 0.083).
    for (const u of [ws, hs]) {
      expect(Math.abs(mean(u) - 0.5)).toBeLessThan(0.05);
      expect(Math.abs(variance(u) - 0.15625)).toBeLessThan(0.025);
    }
    // β = 5 concentrates the split around the middle.
    const centred = zoo.create('ricap', { mode: 'elem', beta: 5 }, { seed: 'beta' }).sample({ batchSize: 300, height: 10, width: 100 });
    const cw = centred.partner.map((_, i) => split(centred, i).w / 100);
    expect(Math.abs(variance(cw) - 1 / 44)).toBeLessThan(0.01);
  });

  it('crop offsets are uniform inside the source', () => {
    const m = zoo.create('ricap', { mode: 'elem' }, { seed: 'offsets' });
    const u: number[] = [];
    for (let t = 0; t < 40; t++) {
      const plan = m.sample({ batchSize: 8, height: 40, width: 40 });
      for (const row of tilesOf(plan)) {
        for (const { box, from } of row) {
          const room = 40 - (box.x1 - box.x0);
          expect(from.x).toBeGreaterThanOrEqual(0);
          expect(from.x).toBeLessThanOrEqual(room);
          expect(from.y + box.y1 - box.y0).toBeLessThanOrEqual(40);
          if (room >= 10) u.push(from.x / room);
        }
      }
    }
    expect(Math.abs(mean(u) - 0.5)).toBeLessThan(0.05);
    expect(Math.min(...u)).toBeLessThan(0.05);
    expect(Math.max(...u)).toBeGreaterThan(0.95);
  });

  it.each([[1, 1], [2, 3], [5, 7], [31, 17], [3, 1]])('%i×%i images (tiny, odd, non-square)', (h, w) => {
    const x = codedImages(5, h, w, 2);
    mixInEachMode(zoo, 'ricap', ['batch', 'elem'], x, checkTileMix);
    x.dispose();
  });

  it.each([0, 1, 2, 7])('batch size %i (B < 4: samples repeat; B = 1: untouched)', (b) => {
    const x = codedImages(b, 6, 8, 1);
    const labels = identityLabels(b);
    expectNoLeak(() => {
      const out = zoo.create('ricap', { mode: 'elem' }).mix({ inputs: x, ...labels });
      expect(out.inputs.shape).toEqual([b, 6, 8, 1]);
      checkTileMix(out);
      if (b === 1) expect(out.plan.partners).toEqual([[0]]);
      if (b === 2) out.plan.partners!.forEach((row) => expect(row.every((p) => p < 2)).toBe(true));
      return out;
    });
    tf.dispose([x, labels.labels]);
  });

  it('β = 0 and prob = 0 are the identity; prob is one coin per sample in elem mode', () => {
    for (const options of [{ beta: 0 }, { prob: 0 }, { prob: 0, mode: 'elem' }]) {
      const plan = zoo.create('ricap', options).sample({ batchSize: 4, height: 5, width: 5 });
      expect(plan.partners).toEqual([[0], [1], [2], [3]]);
      expect(plan.lambda).toEqual([1, 1, 1, 1]);
      expect(tilesOf(plan)).toEqual([[], [], [], []]);
    }
    const m = zoo.create('ricap', { mode: 'elem', prob: 0.4 }, { seed: 'prob' });
    let mixed = 0;
    for (let t = 0; t < 50; t++) mixed += tiledCount(m.sample({ batchSize: 20, height: 9, width: 9 }));
    // 1000 coins at 0.4 (less the rare samples whose four corners are their own): 400 ± 6·15.5.
    expect(Math.abs(mixed - 400)).toBeLessThan(93);
  });
});

describe('ricap: targets, partner batch, composition', () => {
  it('int32 class maps are copied with the same tiles; targets of another size keep exact tiling', () => {
    const x = codedImages(5, 8, 10, 2);
    const same = codedImages(5, 8, 10, 2, 'int32');
    const double = codedImages(5, 16, 20, 1, 'int32');
    const odd = codedImages(5, 11, 7, 1);
    const out = zoo.create('ricap', { mode: 'elem' }).mix({ inputs: x, targets: { same, double, odd } });
    expectCopiedMap(out.targets!.same, out);
    const own = checkTileOutput(out.inputs, out.plan);
    // Twice the size: the same tiles, twice as large, from twice the offsets.
    const up = read4d(out.targets!.double);
    const base = read4d(out.inputs);
    for (let i = 0; i < 5; i++) {
      for (let y = 0; y < 16; y++) {
        for (let xx = 0; xx < 20; xx++) {
          const [s, by, bx] = origin(base[i][y >> 1][xx >> 1][0], 8, 10, 2);
          const [t, ty, tx] = origin(up[i][y][xx][0], 16, 20, 1);
          expect([t, ty >> 1, tx >> 1, ty % 2, tx % 2]).toEqual([s, by, bx, y % 2, xx % 2]);
        }
      }
    }
    // Another ratio: still one translated crop per tile, from the tile's source, covering everything.
    checkTileOutput(out.targets!.odd, out.plan);
    expect(checkTileOutput(out.targets!.double, out.plan)).toEqual(own);
    disposeResult(out);
    tf.dispose([x, same, double, odd]);
  });

  it('a hand-written interior tile scaled to a larger target keeps its crop inside the source', () => {
    // 3 rows -> 4: the tile's rows [1, 2) become [1, 3); its crop from row 2 would become rows [3, 5).
    const plan: MixPlan = {
      strategy: 'ricap', partner: [1, 1], lambda: [2 / 3, 1], partners: [[0, 1], [1]], weights: [[2 / 3, 1 / 3], [1]], height: 3, width: 1,
      extra: { height: 3, width: 1, tiles: [[{ source: 1, box: { y0: 1, x0: 0, y1: 2, x1: 1 }, from: { y: 2, x: 0 } }], []] },
    };
    const x = tf.tensor4d([1, 2, 3, 4, 5, 6], [2, 3, 1, 1]);
    const t = tf.tensor4d([10, 11, 12, 13, 20, 21, 22, 23], [2, 4, 1, 1], 'int32');
    const out = zoo.create('ricap').apply({ inputs: x, targets: { t } }, plan);
    expect(Array.from(out.inputs.dataSync())).toEqual([1, 6, 3, 4, 5, 6]);
    expect(Array.from(out.targets!.t.dataSync())).toEqual([10, 22, 23, 13, 20, 21, 22, 23]);
    disposeResult(out);
    tf.dispose([x, t]);
  });

  it('tiles are read from the source batch it is given (as composites pass it); the mixer refuses partner batches', () => {
    const x = codedImages(4, 6, 6, 1);
    const coded = codedImages(8, 6, 6, 1);
    const xb = tf.slice(coded, [4, 0, 0, 0], [4, 6, 6, 1]);
    const m = zoo.create('ricap');
    const plan = m.sample({ batchSize: 4, height: 6, width: 6 });
    const out = m.applyPixels(x, plan, 'inputs', xb);
    checkTileOutput(out, plan, 4);
    expectError(() => expectNoLeak(() => m.mix({ inputs: x, partner: { inputs: xb } })), 'E_PLAN', 'ricap');
    tf.dispose([x, coded, xb, out]);
  });

  it("inside 'choice', samples it does not pick stay untouched", () => {
    const x = codedImages(8, 7, 9, 1);
    const m = zoo.create('choice', { of: [{ name: 'ricap', weight: 0.5 }], mode: 'elem' });
    const out = m.mix({ inputs: x });
    const picks = out.plan.extra!.choice as (number | null)[];
    expect(picks.some((p) => p === null) && picks.some((p) => p === 0)).toBe(true);
    const data = read4d(out.inputs);
    const sub = (out.plan.extra!.plans as MixPlan[])[0];
    picks.forEach((pick, i) => {
      if (pick === null) data[i].forEach((row, y) => row.forEach((px, xx) => expect(origin(px[0], 7, 9, 1)).toEqual([i, y, xx, 0])));
      else if (tilesOf(sub)[i].length > 0) expect(data[i].flat().some((px) => origin(px[0], 7, 9, 1)[0] !== i || origin(px[0], 7, 9, 1)[1] !== 0)).toBe(true);
    });
    disposeResult(out);
    x.dispose();
  });

  it('a JSON round trip replays identically; inputs are untouched; nothing leaks', () => {
    const x = codedImages(6, 9, 13, 3);
    expectCleanReplay(zoo.create('ricap', { mode: 'elem' }), { inputs: x });
    x.dispose();
  });

  it('errors: options at creation, a plan without its tiles at apply (no leak)', () => {
    expectError(() => zoo.create('ricap', { beta: -1 }), 'E_OPTION', "'beta'");
    expectError(() => zoo.create('ricap', { mode: 'pair' }), 'E_OPTION', "'mode'");
    expectError(() => zoo.create('ricap', { alpha: 1 }), 'E_OPTION', "'alpha'");
    const x = codedImages(2, 4, 4, 1);
    const m = zoo.create('ricap');
    const plan: MixPlan = { strategy: 'ricap', partner: [1, 0], lambda: [0.5, 0.5], partners: [[0, 1], [1, 0]], weights: [[0.5, 0.5], [0.5, 0.5]], height: 4, width: 4 };
    expectError(() => expectNoLeak(() => m.apply({ inputs: x }, plan)), 'E_PLAN', 'ricap', 'tile layout');
    x.dispose();
  });

  it("a plan whose 'weights' or 'lambda' disagree with the tiles in 'extra' is refused (E_PLAN)", () => {
    expectTamperedTilePlansRefused(zoo, 'ricap');
  });

  it('describe lists the defaults', () => {
    expect(zoo.describe('ricap').defaults).toEqual({ beta: 0.3, mode: 'batch', prob: 1, labelSmoothing: 0 });
  });
});
