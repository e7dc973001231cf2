import { tf, type Zoo } from 'mixzoo';
import { beforeAll, describe, expect, it } from 'vitest';
import { disposeResult, expectError, expectNoLeak, expectPairLabels, expectReplay, identityLabels, maskRow, mean, read4d, zooOn } from '../helpers.js';

let zoo: Zoo;
beforeAll(async () => {
  zoo = await zooOn('cpu', 11);
});

/** B images of H×W×C where sample i is the constant i + 1. */
function constantImages(b: number, h: number, w: number, c = 2): tf.Tensor4D {
  return tf.tensor4d(Float32Array.from({ length: b * h * w * c }, (_, k) => Math.floor(k / (h * w * c)) + 1), [b, h, w, c]);
}

/**
 * Recovers the Gaussian behind an own-content mask: the integer corner centre (cy, cx) and σ that
 * reproduce every value of 1 − exp(−‖p − c‖²/(2σ²)) with pixel centres at (y + ½, x + ½).
 */
function fitGaussian(mask: readonly number[], h: number, w: number): { cy: number; cx: number; sigma: number; error: number } {
  let best = { cy: 0, cx: 0, sigma: 0, error: Infinity };
  for (let cy = 0; cy < h; cy++) {
    for (let cx = 0; cx < w; cx++) {
      // σ from the pixel farthest from the centre whose mask is informative.
      let sigma = 0;
      for (let y = 0; y < h && sigma === 0; y++) {
        for (let x = 0; x < w; x++) {
          const d2 = (y + 0.5 - cy) ** 2 + (x + 0.5 - cx) ** 2;
          const g = 1 - mask[y * w + x];
          if (g > 1e-6 && g < 1 - 1e-6 && d2 > 0) {
            sigma = Math.sqrt(-d2 / (2 * Math.log(g)));
            break;
          }
        }
      }
      let error = 0;
      for (let y = 0; y < h; y++) {
        for (let x = 0; x < w; x++) {
          const d2 = (y + 0.5 - cy) ** 2 + (x + 0.5 - cx) ** 2;
          error = Math.max(error, Math.abs(mask[y * w + x] - (1 - Math.exp(-d2 / (2 * sigma * sigma)))));
        }
      }
      if (error < best.error) best = { cy, cx, sigma, error };
    }
  }
  return best;
}

describe('smoothmix: masks', () => {
  it('own = 1 − G for a Gaussian G around a pixel-corner centre, σ = U(0.25, 0.5)·H; λ = mean(1 − G)', () => {
    const m = zoo.create('smoothmix', { pairing: 'derangement' }, { seed: 'fit' });
    const sigmas: number[] = [];
    for (let t = 0; t < 60; t++) {
      const plan = m.sample({ batchSize: 3, height: 12, width: 9 });
      const row = plan.masks!.data[0]!;
      expect(plan.masks!.data).toHaveLength(1);
      expect(plan.lambda).toEqual([mean(row), mean(row), mean(row)]);
      const fit = fitGaussian(row, 12, 9);
      expect(fit.error).toBeLessThan(1e-9);
      sigmas.push(fit.sigma / 12);
    }
    expect(Math.min(...sigmas)).toBeGreaterThanOrEqual(0.25 - 1e-9);
    expect(Math.max(...sigmas)).toBeLessThan(0.5);
    // Uniform over [0.25, 0.5): mean 0.375, sd 0.072; 60 draws cover both ends.
    expect(Math.abs(mean(sigmas) - 0.375)).toBeLessThan(0.06);
    expect(Math.min(...sigmas)).toBeLessThan(0.3);
    expect(Math.max(...sigmas)).toBeGreaterThan(0.45);
  });

  it("'sigma' sets the range and centres cover the whole image", () => {
    const m = zoo.create('smoothmix', { sigma: [0.1, 0.1], mode: 'elem', pairing: 'derangement' }, { seed: 'centre' });
    const centres = new Set<string>();
    for (let t = 0; t < 100; t++) {
      const plan = m.sample({ batchSize: 4, height: 5, width: 6 });
      for (const row of plan.masks!.data) {
        const fit = fitGaussian(row!, 5, 6);
        expect(fit.sigma).toBeCloseTo(0.5, 9);
        centres.add(`${fit.cy},${fit.cx}`);
      }
    }
    expect(centres.size).toBe(30);
  });

  it('the partner enters with weight G: x′ = (1 − G)·x + G·x_partner, labels λ / 1 − λ', () => {
    const x = constantImages(5, 7, 8);
    const out = zoo.create('smoothmix', { mode: 'elem' }).mix({ inputs: x, ...identityLabels(5) });
    const got = read4d(out.inputs);
    out.plan.partner.forEach((p, i) => {
      const row = out.plan.masks!.data[i];
      if (p === i) expect(row).toBeNull();
      for (let y = 0; y < 7; y++) {
        for (let xx = 0; xx < 8; xx++) {
          const own = row ? row[y * 8 + xx] : 1;
          for (const v of got[i][y][xx]) expect(v).toBeCloseTo(own * (i + 1) + (1 - own) * (p + 1), 5);
        }
      }
    });
    expectPairLabels(out.labels!, out.plan);
    disposeResult(out);
    x.dispose();
  });

  it.each([[1, 1], [2, 3], [7, 5], [31, 17]])('%i×%i images', (h, w) => {
    const plan = zoo.create('smoothmix', { pairing: 'flip' }).sample({ batchSize: 2, height: h, width: w });
    const row = plan.masks!.data[0]!;
    expect(row).toHaveLength(h * w);
    expect(row.every((v) => v >= 0 && v <= 1)).toBe(true);
    expect(plan.lambda[0]).toBe(mean(row));
  });

  it.each([0, 1, 2, 7])('batch size %i', (b) => {
    const x = constantImages(b, 4, 6);
    expectNoLeak(() => {
      const out = zoo.create('smoothmix', { mode: 'elem' }).mix({ inputs: x });
      expect(out.inputs.shape).toEqual([b, 4, 6, 2]);
      if (b < 2) expect(out.plan.lambda).toEqual(new Array(b).fill(1));
      return out;
    });
    x.dispose();
  });

  it("'pair' members share a mask; prob 0 is the identity", () => {
    const plan = zoo.create('smoothmix', { mode: 'pair' }).sample({ batchSize: 6, height: 4, width: 4 });
    plan.partner.forEach((p, i) => expect(maskRow(plan, p)).toEqual(maskRow(plan, i)));
    const off = zoo.create('smoothmix', { prob: 0 }).sample({ batchSize: 6, height: 4, width: 4 });
    expect(off.lambda).toEqual(new Array(6).fill(1));
    expect(off.masks).toBeUndefined();
  });
});

describe('smoothmix: targets, replay, errors', () => {
  it('int32 class maps raise E_TARGET (soft masks cannot copy them), without leaking', () => {
    const x = constantImages(4, 5, 5);
    const t = tf.zeros([4, 5, 5, 1], 'int32');
    const m = zoo.create('smoothmix', { pairing: 'derangement' });
    expectError(() => expectNoLeak(() => m.mix({ inputs: x, targets: { t } })), 'E_TARGET', 'smoothmix');
    tf.dispose([x, t]);
  });

  it('float targets of another size are blended with the scaled mask', () => {
    const x = constantImages(3, 4, 4, 1);
    const t = constantImages(3, 8, 8, 1);
    const out = zoo.create('smoothmix', { pairing: 'derangement' }).mix({ inputs: x, targets: { t } });
    const got = read4d(out.targets!.t);
    const row = out.plan.masks!.data[0]!;
    out.plan.partner.forEach((p, i) => {
      for (let r = 0; r < 8; r++) {
        for (let c = 0; c < 8; c++) {
          const own = row[Math.floor(r / 2) * 4 + Math.floor(c / 2)];
          expect(got[i][r][c][0]).toBeCloseTo(own * (i + 1) + (1 - own) * (p + 1), 5);
        }
      }
    });
    disposeResult(out);
    tf.dispose([x, t]);
  });

  it('a JSON round trip replays identically; inputs are untouched', () => {
    const x = constantImages(5, 6, 9);
    const before = x.arraySync();
    const m = zoo.create('smoothmix', { mode: 'elem' });
    const first = m.mix({ inputs: x });
    expectReplay(m, { inputs: x }, first);
    expect(x.arraySync()).toEqual(before);
    disposeResult(first);
    x.dispose();
  });

  it('options are validated at creation', () => {
    expectError(() => zoo.create('smoothmix', { sigma: [0.5, 0.25] }), 'E_OPTION', "'sigma'", '[0.5, 0.25]');
    expectError(() => zoo.create('smoothmix', { sigma: [0, 0.5] }), 'E_OPTION', "'sigma.0'");
    expectError(() => zoo.create('smoothmix', { alpha: 1 }), 'E_OPTION', "'alpha'");
    expectError(() => zoo.create('smoothmix', { mode: 'all' }), 'E_OPTION', "'mode'");
  });

  it('describe lists the defaults', () => {
    expect(zoo.describe('smoothmix').defaults).toEqual({ sigma: [0.25, 0.5], mode: 'batch', pairing: 'random', prob: 1, labelSmoothing: 0 });
  });
});
