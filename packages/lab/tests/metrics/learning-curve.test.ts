import { describe, expect, it } from 'vitest';
import { accuracyWithin, elapsedSeconds, learningCurveAuc, type RunResult } from '@mixzoo/lab';
import { sharedBudget } from '../../src/study/cost-metrics.js';

/** A run record with only what these functions read: per-epoch seconds and accuracy. */
const run = (epochs: [seconds: number, accuracy: number][]) => ({ epochs: epochs.map(([seconds, accuracy], epoch) => ({ epoch, seconds, trainLoss: 0, test: { accuracy } })) }) as unknown as RunResult;

describe('learningCurveAuc', () => {
  it('is the trapezoid area with the epochs spread over [0, 1] (hand-checked)', () => {
    expect(learningCurveAuc([0.5, 0.7, 0.9])).toBeCloseTo(0.7, 12); // (0.6 + 0.8) / 2
    expect(learningCurveAuc([0.2, 0.8])).toBeCloseTo(0.5, 12);
    expect(learningCurveAuc([0.1, 0.5, 0.5, 0.9])).toBeCloseTo(0.5, 12); // (0.3 + 0.5 + 0.7) / 3
    expect(learningCurveAuc([0.6])).toBe(0.6);
  });

  it('rewards learning sooner: same final accuracy, larger area', () => {
    expect(learningCurveAuc([0.8, 0.9, 0.9])).toBeGreaterThan(learningCurveAuc([0.5, 0.6, 0.9]));
  });

  it('needs an epoch', () => {
    expect(() => learningCurveAuc([])).toThrow(/at least one epoch/);
  });
});

describe('accuracy at a wall-clock budget', () => {
  const r = run([[1, 0.5], [2, 0.7], [3, 0.9]]);

  it('sums the seconds per epoch', () => {
    expect(elapsedSeconds(r)).toEqual([1, 3, 6]);
  });

  it('is the accuracy of the last epoch finished within the budget; NaN before the first', () => {
    expect(accuracyWithin(r, 3.5)).toBe(0.7);
    expect(accuracyWithin(r, 3)).toBe(0.7);
    expect(accuracyWithin(r, 6)).toBe(0.9);
    expect(accuracyWithin(r, 100)).toBe(0.9);
    expect(accuracyWithin(r, 0.5)).toBeNaN();
  });
});

describe('sharedBudget', () => {
  it('is the shortest run’s training time, raised to the longest first epoch', () => {
    const fast = run([[1, 0.5], [1, 0.6]]);
    const slow = run([[1.5, 0.4], [1.5, 0.7], [1.5, 0.8]]);
    expect(sharedBudget([fast, slow])).toBe(2);
    expect(accuracyWithin(slow, sharedBudget([fast, slow]))).toBe(0.4);
    const warmUp = run([[3, 0.5], [1, 0.9]]);
    expect(sharedBudget([fast, warmUp])).toBe(3); // every run has an accuracy by then
    expect(accuracyWithin(fast, 3)).toBe(0.6);
  });
});
