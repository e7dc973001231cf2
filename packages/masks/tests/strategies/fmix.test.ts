import { tf, type MixResult, type Zoo } from 'mixzoo';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  codedImages,
  disposeResult,
  expectCleanReplay,
  expectCopiedMap,
  expectError,
  expectNoLeak,
  expectPairLabels,
  expectSources,
  identityLabels,
  maskRow,
  mean,
  origin,
  read4d,
  variance,
  zooOn,
} from '../helpers.js';

let zoo: Zoo;
beforeAll(async () => {
  zoo = await zooOn('cpu', 5);
});

/**
 * Checks a hard-mask result on coded images: each output value is the own value where the mask
 * is 1 and the partner's same-position value where it is 0; λ is the mask mean; labels follow λ.
 */
function checkHardMix(out: MixResult): void {
  const [b, h, w, c] = out.inputs.shape;
  const data = read4d(out.inputs);
  const { plan } = out;
  const problems: string[] = [];
  for (let i = 0; i < b; i++) {
    const row = maskRow(plan, i);
    // A self-partner (or a null row) is unmixed: λ = 1 whatever the shared mask says.
    if (row && plan.partner[i] !== i) expect(plan.lambda[i]).toBe(mean(row));
    else expect(plan.lambda[i]).toBe(1);
    for (let y = 0; y < h; y++) {
      for (let x = 0; x < w; x++) {
        const want = !row || row[y * w + x] === 1 ? i : plan.partner[i];
        for (let ch = 0; ch < c; ch++) {
          const got = origin(data[i][y][x][ch], h, w, c);
          if (got.join() !== [want, y, x, ch].join() && problems.length < 5) problems.push(`sample ${i} (${y}, ${x}, ${ch}) came from ${got.join()}`);
        }
      }
    }
  }
  expect(problems).toEqual([]);
  if (out.labels) expectPairLabels(out.labels, plan);
}

describe('fmix: plans and pixels', () => {
  it('batch mode (default): one shared binary mask, λ = its mean for every mixed sample (1 for self-partners), partner pixels where it is 0', () => {
    const x = codedImages(7, 13, 17, 3);
    const out = zoo.create('fmix').mix({ inputs: x, ...identityLabels(7) });
    const { plan } = out;
    expect(plan.masks!.data).toHaveLength(1);
    const m = plan.masks!.data[0]!;
    expect(m.every((v) => v === 0 || v === 1)).toBe(true);
    plan.lambda.forEach((l, i) => expect(l).toBe(plan.partner[i] === i ? 1 : mean(m)));
    expect(plan.partner.some((p, i) => p !== i)).toBe(true);
    checkHardMix(out);
    disposeResult(out);
    x.dispose();
  });

  it("'elem': a mask per mixed sample, null (λ = 1) for unmixed ones", () => {
    const x = codedImages(7, 9, 11, 2);
    for (let seed = 0; seed < 4; seed++) {
      const out = zoo.create('fmix', { mode: 'elem', prob: 0.7 }, { seed }).mix({ inputs: x, ...identityLabels(7) });
      const rows = out.plan.masks!.data;
      expect(rows).toHaveLength(7);
      rows.forEach((row, i) => expect(row === null).toBe(out.plan.partner[i] === i));
      const distinct = new Set(rows.filter((r) => r !== null).map((r) => r.join()));
      expect(distinct.size).toBe(rows.filter((r) => r !== null).length);
      checkHardMix(out);
      disposeResult(out);
    }
    x.dispose();
  });

  it("'pair': both members of a pair share one mask and one λ", () => {
    const x = codedImages(6, 8, 8, 1);
    const out = zoo.create('fmix', { mode: 'pair' }).mix({ inputs: x, ...identityLabels(6) });
    const { partner, lambda, masks } = out.plan;
    partner.forEach((p, i) => {
      expect(partner[p]).toBe(i);
      expect(masks!.data[p]).toEqual(masks!.data[i]);
      expect(lambda[p]).toBe(lambda[i]);
    });
    checkHardMix(out);
    disposeResult(out);
    x.dispose();
  });

  it.each([[1, 1], [2, 3], [5, 7], [31, 17], [3, 1]])('%i×%i images (tiny, odd, non-square) mix exactly', (h, w) => {
    const x = codedImages(4, h, w, 2);
    const out = zoo.create('fmix', { mode: 'elem', pairing: 'derangement' }).mix({ inputs: x, ...identityLabels(4) });
    expect(out.plan.masks!.height).toBe(h);
    expect(out.plan.masks!.width).toBe(w);
    out.plan.lambda.forEach((l) => expect(l).toBeGreaterThanOrEqual(0));
    checkHardMix(out);
    disposeResult(out);
    x.dispose();
  });

  it.each([0, 1, 2, 7])('batch size %i', (b) => {
    const x = codedImages(b, 5, 6, 3);
    const out = zoo.create('fmix', { mode: 'elem' }).mix({ inputs: x, ...identityLabels(b) });
    expect(out.inputs.shape).toEqual([b, 5, 6, 3]);
    expect(out.plan.partner).toHaveLength(b);
    if (b < 2) {
      expect(out.plan.lambda).toEqual(new Array(b).fill(1));
      expect(out.plan.masks).toBeUndefined();
    }
    checkHardMix(out);
    disposeResult(out);
    x.dispose();
  });
});

describe('fmix: λ', () => {
  /** Mask means of `n` batch-mode draws on 8×8 images. */
  const draws = (options: Record<string, unknown>, n: number) => {
    const m = zoo.create('fmix', { ...options, pairing: 'flip' }, { seed: JSON.stringify(options) });
    return Array.from({ length: n }, () => m.sample({ batchSize: 2, height: 8, width: 8 }).lambda[0]);
  };

  it('λ ~ Beta(α, α): α = 1 is uniform (mean 1/2, variance 1/12)', () => {
    const l = draws({}, 500);
    expect(Math.abs(mean(l) - 0.5)).toBeLessThan(0.06);
    expect(Math.abs(variance(l) - 1 / 12)).toBeLessThan(0.025);
  });

  it("'reformulate': λ ~ Beta(α + 1, α), mean (α+1)/(2α+1)", () => {
    const l = draws({ reformulate: true, alpha: 1 }, 500);
    // Beta(2, 1): mean 2/3, sd 0.236, standard error of the mean 0.011 (Beta(1, 1) would give 1/2).
    expect(Math.abs(mean(l) - 2 / 3)).toBeLessThan(0.05);
  });

  it("'sampled' reports the Beta draw, 'corrected' the mask mean; they differ by less than 1/N", () => {
    const shape = { batchSize: 3, height: 7, width: 9 };
    const sampled = zoo.create('fmix', { lambdaMode: 'sampled', pairing: 'derangement' }, { seed: 'lm' });
    const corrected = zoo.create('fmix', { lambdaMode: 'corrected', pairing: 'derangement' }, { seed: 'lm' });
    let differs = 0;
    for (let t = 0; t < 20; t++) {
      const a = sampled.sample(shape);
      const b = corrected.sample(shape);
      expect(a.masks).toEqual(b.masks);
      expect(b.lambda[0]).toBe(mean(b.masks!.data[0]!));
      expect(a.lambda).toEqual(b.lambda);
      expect(Math.abs(a.labelWeights!.own[0] - b.lambda[0])).toBeLessThan(1 / 63);
      if (a.labelWeights!.own[0] !== b.lambda[0]) differs++;
    }
    expect(differs).toBeGreaterThan(15);
  });

  it('α = 0 and prob = 0 are the identity', () => {
    for (const options of [{ alpha: 0 }, { prob: 0 }, { alpha: 0, mode: 'elem' }]) {
      const plan = zoo.create('fmix', options).sample({ batchSize: 5, height: 4, width: 4 });
      expect(plan.partner).toEqual([0, 1, 2, 3, 4]);
      expect(plan.lambda).toEqual([1, 1, 1, 1, 1]);
      expect(plan.masks).toBeUndefined();
    }
  });

  it("prob is one coin per sample in 'elem' mode", () => {
    const m = zoo.create('fmix', { mode: 'elem', prob: 0.3, pairing: 'derangement' }, { seed: 'prob' });
    let mixed = 0;
    for (let t = 0; t < 100; t++) mixed += (m.sample({ batchSize: 10, height: 3, width: 3 }).masks?.data ?? []).filter((r) => r !== null).length;
    // 1000 coins: 300 ± 6·14.5.
    expect(Math.abs(mixed - 300)).toBeLessThan(87);
  });

  it('maxSoft gives a soft mask whose mean is still λ', () => {
    const plan = zoo.create('fmix', { maxSoft: 0.2 }).sample({ batchSize: 4, height: 16, width: 16 });
    const m = plan.masks!.data[0]!;
    expect(m.some((v) => v > 0 && v < 1)).toBe(true);
    expect(plan.lambda[0]).toBe(mean(m));
  });
});

describe('fmix: targets, replay, errors', () => {
  it('int32 class maps are copied with the mask; soft masks refuse them (E_TARGET) without leaking', () => {
    const x = codedImages(5, 6, 7, 1);
    const t = codedImages(5, 6, 7, 1, 'int32');
    const m = zoo.create('fmix', { mode: 'elem' });
    const out = m.mix({ inputs: x, targets: { t } });
    expectCopiedMap(out.targets!.t, out);
    disposeResult(out);
    const soft = zoo.create('fmix', { maxSoft: 0.3 });
    expectError(() => expectNoLeak(() => soft.mix({ inputs: x, targets: { t } })), 'E_TARGET', 'fmix');
    tf.dispose([x, t]);
  });

  it('targets of another size get the mask scaled (nearest)', () => {
    const x = codedImages(4, 5, 7, 1);
    const t = codedImages(4, 12, 9, 1);
    const out = zoo.create('fmix', { mode: 'elem', pairing: 'derangement' }).mix({ inputs: x, targets: { t } });
    expectSources(out.targets!.t, out.plan, (i, r, c) => (maskRow(out.plan, i)![r * 7 + c] === 1 ? i : out.plan.partner[i]));
    disposeResult(out);
    tf.dispose([x, t]);
  });

  it('a JSON round trip of the plan replays identically; inputs are untouched; nothing leaks', () => {
    const x = codedImages(6, 10, 12, 3);
    const labels = identityLabels(6);
    expectCleanReplay(zoo.create('fmix', { mode: 'elem', maxSoft: 0.1 }), { inputs: x, ...labels });
    tf.dispose([x, labels.labels]);
  });

  it('options are validated at creation', () => {
    expectError(() => zoo.create('fmix', { maxSoft: 0.6 }), 'E_OPTION', "'maxSoft'", '0.6');
    expectError(() => zoo.create('fmix', { decayPower: -1 }), 'E_OPTION', "'decayPower'");
    expectError(() => zoo.create('fmix', { alpha: Number.NaN }), 'E_OPTION', "'alpha'");
    expectError(() => zoo.create('fmix', { lambdaMode: 'exact' }), 'E_OPTION', "'lambdaMode'");
    expectError(() => zoo.create('fmix', { decay: 3 }), 'E_OPTION', "'decay'", 'decayPower');
    expectError(() => zoo.create('fmix').sample({ batchSize: 2 }), 'E_SHAPE', 'height');
  });

  it('describe lists the defaults', () => {
    expect(zoo.describe('fmix').defaults).toEqual({
      alpha: 1, mode: 'batch', pairing: 'random', prob: 1, labelSmoothing: 0, decayPower: 3, maxSoft: 0, reformulate: false, lambdaMode: 'corrected',
    });
  });
});
