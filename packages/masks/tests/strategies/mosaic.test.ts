import { tf, type MixPlan, type Zoo } from 'mixzoo';
import { beforeAll, describe, expect, it } from 'vitest';
import { codedImages, disposeResult, expectCleanReplay, expectCopiedMap, expectError, expectNoLeak, identityLabels, mean, mixInEachMode, origin, read4d, zooOn } from '../helpers.js';
import { checkTileMix, checkTileOutput, expectTamperedTilePlansRefused, tiledCount, tilesOf } from '../tile-checks.js';

let zoo: Zoo;
beforeAll(async () => {
  zoo = await zooOn('cpu', 17);
});

/** The grid centre (cy, cx) of a sample: the top-left quadrant's far corner. */
const centre = (plan: MixPlan, i: number) => ({ cy: tilesOf(plan)[i][0].box.y1, cx: tilesOf(plan)[i][0].box.x1 });

describe('mosaic: quadrants and labels', () => {
  it('own image top-left, three distinct others; each quadrant the corner of its source that touches the centre', () => {
    const [b, h, w] = [7, 12, 15];
    const x = codedImages(b, h, w, 2);
    const labels = identityLabels(b);
    const out = zoo.create('mosaic').mix({ inputs: x, ...labels });
    checkTileMix(out);
    const data = read4d(out.inputs);
    tilesOf(out.plan).forEach((tiles, i) => {
      const sources = tiles.map((t) => t.source);
      expect(sources[0]).toBe(i);
      expect(new Set(sources).size).toBe(4);
      const { cy, cx } = centre(out.plan, i);
      for (let y = 0; y < h; y++) {
        for (let xx = 0; xx < w; xx++) {
          const top = y < cy;
          const left = xx < cx;
          const want = [sources[(top ? 0 : 2) + (left ? 0 : 1)], top ? h - cy + y : y - cy, left ? w - cx + xx : xx - cx, 1];
          expect(origin(data[i][y][xx][1], h, w, 2)).toEqual(want);
        }
      }
    });
    disposeResult(out);
    tf.dispose([x, labels.labels]);
  });

  it("centre = floor(side·U(0.25, 0.75)) per axis, per sample in 'elem' (default), shared in 'batch'", () => {
    const m = zoo.create('mosaic', {}, { seed: 'centre' });
    const ys: number[] = [];
    const xs: number[] = [];
    for (let t = 0; t < 20; t++) {
      const plan = m.sample({ batchSize: 10, height: 100, width: 200 });
      plan.partner.forEach((_, i) => {
        ys.push(centre(plan, i).cy / 100);
        xs.push(centre(plan, i).cx / 200);
      });
    }
    for (const u of [ys, xs]) {
      expect(Math.min(...u)).toBeGreaterThanOrEqual(0.25);
      expect(Math.max(...u)).toBeLessThan(0.75);
      // U(0.25, 0.75): mean 1/2 (minus the floor's ~1/(2·side)), sd 0.144; 200 draws cover the range.
      expect(Math.abs(mean(u) - 0.5)).toBeLessThan(0.04);
      expect(Math.min(...u)).toBeLessThan(0.28);
      expect(Math.max(...u)).toBeGreaterThan(0.72);
    }
    const batch = zoo.create('mosaic', { mode: 'batch' }).sample({ batchSize: 6, height: 30, width: 30 });
    expect(new Set(batch.partner.map((_, i) => JSON.stringify(centre(batch, i)))).size).toBe(1);
    const fixed = zoo.create('mosaic', { center: [0.5, 0.5] }).sample({ batchSize: 3, height: 9, width: 8 });
    fixed.partner.forEach((_, i) => expect(centre(fixed, i)).toEqual({ cy: 4, cx: 4 }));
  });

  it('the three others are uniform over the rest of the batch', () => {
    const m = zoo.create('mosaic', {}, { seed: 'others' });
    const counts = new Array<number>(5).fill(0);
    for (let t = 0; t < 200; t++) {
      const tiles = tilesOf(m.sample({ batchSize: 5, height: 4, width: 4 }))[0];
      tiles.slice(1).forEach((tile) => counts[tile.source]++);
    }
    expect(counts[0]).toBe(0);
    // Each of the 4 others is among the 3 picks with probability 3/4: 150 ± 6·6.1 of 200.
    counts.slice(1).forEach((c) => expect(Math.abs(c - 150)).toBeLessThan(37));
  });

  it.each([[1, 1], [2, 3], [5, 7], [31, 17], [1, 4]])('%i×%i images (tiny, odd, non-square)', (h, w) => {
    const x = codedImages(6, h, w, 1);
    mixInEachMode(zoo, 'mosaic', ['batch', 'elem'], x, checkTileMix);
    x.dispose();
  });

  it.each([0, 1, 2, 3, 7])('batch size %i (B < 4: the others repeat; B = 1: untouched)', (b) => {
    const x = codedImages(b, 8, 8, 1);
    const labels = identityLabels(b);
    expectNoLeak(() => {
      const out = zoo.create('mosaic').mix({ inputs: x, ...labels });
      checkTileMix(out);
      tilesOf(out.plan).forEach((tiles, i) => {
        const sources = tiles.map((t) => t.source);
        if (b === 1) expect(sources).toEqual([]);
        if (b === 2) expect(sources).toEqual([i, 1 - i, 1 - i, 1 - i]);
        if (b === 3) {
          expect(sources[1]).toBe(sources[3]);
          expect(new Set(sources).size).toBe(3);
        }
      });
      return out;
    });
    tf.dispose([x, labels.labels]);
  });

  it('prob = 0 is the identity; prob is one coin per sample', () => {
    const off = zoo.create('mosaic', { prob: 0 }).sample({ batchSize: 3, height: 5, width: 5 });
    expect(off.partners).toEqual([[0], [1], [2]]);
    expect(off.lambda).toEqual([1, 1, 1]);
    const m = zoo.create('mosaic', { prob: 0.25 }, { seed: 'prob' });
    let mixed = 0;
    for (let t = 0; t < 50; t++) mixed += tiledCount(m.sample({ batchSize: 20, height: 6, width: 6 }));
    // 1000 coins at 0.25: 250 ± 6·13.7.
    expect(Math.abs(mixed - 250)).toBeLessThan(82);
  });
});

describe('mosaic: targets, replay, errors', () => {
  it('int32 class maps are copied; targets of another size are tiled exactly', () => {
    const x = codedImages(5, 10, 6, 1);
    const same = codedImages(5, 10, 6, 1, 'int32');
    const other = codedImages(5, 7, 13, 1, 'int32');
    const out = zoo.create('mosaic').mix({ inputs: x, targets: { same, other } });
    expectCopiedMap(out.targets!.same, out);
    checkTileOutput(out.targets!.other, out.plan);
    disposeResult(out);
    tf.dispose([x, same, other]);
  });

  it('a JSON round trip replays identically; inputs are untouched; nothing leaks', () => {
    const x = codedImages(5, 9, 11, 3);
    expectCleanReplay(zoo.create('mosaic'), { inputs: x });
    x.dispose();
  });

  it('options are validated at creation', () => {
    expectError(() => zoo.create('mosaic', { center: [0.8, 0.2] }), 'E_OPTION', "'center'", '[0.8, 0.2]');
    expectError(() => zoo.create('mosaic', { center: [0.2, 1.5] }), 'E_OPTION', "'center.1'");
    expectError(() => zoo.create('mosaic', { mode: 'pair' }), 'E_OPTION', "'mode'");
    expectError(() => zoo.create('mosaic', { centre: [0.3, 0.6] }), 'E_OPTION', "'centre'", 'center');
  });

  it("a plan whose 'weights' or 'lambda' disagree with the tiles in 'extra' is refused (E_PLAN)", () => {
    expectTamperedTilePlansRefused(zoo, 'mosaic');
  });

  it('describe lists the defaults', () => {
    expect(zoo.describe('mosaic').defaults).toEqual({ center: [0.25, 0.75], mode: 'elem', prob: 1, labelSmoothing: 0 });
  });
});
