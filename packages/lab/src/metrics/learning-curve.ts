import { MixzooError } from '@mixzoo/core';
import type { RunResult } from '../types.js';

/**
 * Normalised area under a learning curve: the epochs spread evenly over [0, 1] (epoch 1 at 0, the
 * last at 1), the trapezoid rule between them; with one epoch, its value. For accuracies the area
 * is in [0, 1]: the mean accuracy over training, so a strategy that learns sooner scores higher
 * than one that only ends at the same accuracy.
 */
export function learningCurveAuc(values: readonly number[]): number {
  if (values.length === 0) throw new MixzooError('E_OPTION', 'learningCurveAuc: needs at least one epoch, got none.');
  if (values.length === 1) return values[0];
  let area = 0;
  for (let i = 1; i < values.length; i++) area += (values[i - 1] + values[i]) / 2;
  return area / (values.length - 1);
}

/** Seconds of training after each epoch (the running sum of the epochs' seconds). */
export function elapsedSeconds(run: RunResult): number[] {
  let total = 0;
  return run.epochs.map((e) => (total += e.seconds));
}

/**
 * Held-out accuracy of the last epoch a run had finished within `seconds` of training: what the
 * strategy delivers on that budget. NaN when not even its first epoch fits.
 */
export function accuracyWithin(run: RunResult, seconds: number): number {
  const elapsed = elapsedSeconds(run);
  let accuracy = NaN;
  // A tiny tolerance: the budget is often another run's (or this run's own) total, summed in another order.
  elapsed.forEach((t, i) => {
    if (t <= seconds * (1 + 1e-9)) accuracy = run.epochs[i].test.accuracy;
  });
  return accuracy;
}
