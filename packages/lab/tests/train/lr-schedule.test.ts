import { describe, expect, it } from 'vitest';
import { learningRateAt, resolveLrSchedule } from '@mixzoo/lab';

const length = { stepsPerEpoch: 4, totalSteps: 10 };
const at = (spec: unknown, step: number, base = 1) => learningRateAt(resolveLrSchedule(spec, 'test'), base, step, length);

describe('learningRateAt', () => {
  it('constant: the base rate at every step', () => {
    expect([0, 5, 9].map((t) => at('constant', t, 0.01))).toEqual([0.01, 0.01, 0.01]);
  });

  it('step: γ^floor(epoch / stepEpochs), constant within an epoch (4 steps per epoch)', () => {
    const spec = { name: 'step', stepEpochs: 1, gamma: 0.5 };
    expect([0, 3, 4, 7, 8, 9].map((t) => at(spec, t))).toEqual([1, 1, 0.5, 0.5, 0.25, 0.25]);
    expect([0, 7, 8].map((t) => at({ name: 'step', stepEpochs: 2 }, t, 0.1))).toEqual([0.1, 0.1, expect.closeTo(0.01, 12)]);
  });

  it('cosine with warm-up: linear (t + 1)/W over W = round(0.5 · 4) = 2 steps, then cosine over the remaining 8', () => {
    const spec = { name: 'cosine', warmupEpochs: 0.5 };
    expect(at(spec, 0)).toBe(0.5);
    expect(at(spec, 1)).toBe(1); // the last warm-up step reaches the base
    expect(at(spec, 2)).toBe(1); // the cosine starts at the base
    expect(at(spec, 3)).toBeCloseTo(0.5 * (1 + Math.cos(Math.PI / 8)), 12); // 0.96194
    expect(at(spec, 6)).toBeCloseTo(0.5, 12); // half-way
    expect(at(spec, 9)).toBeCloseTo(0.5 * (1 + Math.cos((7 * Math.PI) / 8)), 12); // 0.03806
    expect(at({ name: 'cosine', minFactor: 0.1 }, 5)).toBeCloseTo(0.1 + 0.45 * (1 + Math.cos(Math.PI / 2)), 12);
    expect(at('cosine', 0)).toBe(1); // no warm-up
  });

  it('one-cycle: torch OneCycleLR, 10 steps, pct 0.3 → up to the base at step 2, down to base/(25·1e4) at step 9', () => {
    const initial = 0.1 / 25;
    expect(at('one-cycle', 0, 0.1)).toBeCloseTo(initial, 12);
    expect(at('one-cycle', 1, 0.1)).toBeCloseTo((initial + 0.1) / 2, 12);
    expect(at('one-cycle', 2, 0.1)).toBeCloseTo(0.1, 12);
    const min = initial / 1e4;
    expect(at('one-cycle', 9, 0.1)).toBeCloseTo(min, 12);
    expect(at('one-cycle', 5, 0.1)).toBeCloseTo(min + ((0.1 - min) / 2) * (Math.cos((Math.PI * 3) / 7) + 1), 12);
  });
});

describe('resolveLrSchedule', () => {
  it('fills defaults and refuses bad specs (E_OPTION)', () => {
    expect(resolveLrSchedule('cosine', 'x')).toEqual({ name: 'cosine', warmupEpochs: 0, minFactor: 0 });
    expect(resolveLrSchedule({ name: 'one-cycle', pctStart: 0.25 }, 'x')).toEqual({ name: 'one-cycle', pctStart: 0.25, divFactor: 25, finalDivFactor: 1e4 });
    expect(() => resolveLrSchedule('step', 'x')).toThrow(expect.objectContaining({ code: 'E_OPTION', message: expect.stringContaining("needs 'stepEpochs'") }));
    expect(() => resolveLrSchedule('linear', 'x')).toThrow(/must be one of constant, step, cosine, one-cycle/);
    expect(() => resolveLrSchedule({ name: 'cosine', warmup: 1 }, 'x')).toThrow(/takes warmupEpochs, minFactor, not 'warmup'/);
    expect(() => resolveLrSchedule({ name: 'step', stepEpochs: 1.5 }, 'x')).toThrow(/'stepEpochs' must be an integer/);
  });
});
