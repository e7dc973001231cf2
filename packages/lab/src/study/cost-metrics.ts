import { accuracyWithin, elapsedSeconds, learningCurveAuc } from '../metrics/learning-curve.js';
import type { RunResult } from '../types.js';
import type { MetricSpec } from './metrics.js';

const totalSeconds = (run: RunResult) => elapsedSeconds(run).at(-1) ?? NaN;

/**
 * The wall-clock budget the strategies are compared at: the shortest total training time of the
 * study's runs (every run had that long), raised to the longest first epoch when a run needed
 * more for its first (every run then has an accuracy within it; a warm-up epoch can be slow).
 */
export function sharedBudget(results: readonly RunResult[]): number {
  const firstEpochs = results.flatMap((r) => r.epochs.slice(0, 1).map((e) => e.seconds));
  return Math.max(Math.min(...results.map(totalSeconds)), ...firstEpochs);
}

/** Learning-curve AUC, total training seconds and accuracy at the shared budget: for comparisons at equal cost. */
export function costMetrics(results: readonly RunResult[]): MetricSpec[] {
  const budget = sharedBudget(results);
  const metrics: MetricSpec[] = [
    {
      key: 'curveAuc',
      label: 'curve AUC',
      better: 'higher',
      percent: true,
      digits: 2,
      value: (r) => (r.epochs.length > 0 ? learningCurveAuc(r.epochs.map((e) => e.test.accuracy)) : NaN),
      caption: 'Area under the held-out accuracy per epoch, the epochs spread over [0, 1] (trapezoid rule; the mean accuracy over training): higher when a strategy learns sooner, at the same final accuracy.',
    },
    {
      key: 'trainSeconds',
      label: 'train s',
      better: 'lower',
      percent: false,
      digits: 1,
      value: totalSeconds,
      caption: 'Wall-clock seconds of training, all epochs (evaluation not included), on the run’s backend: compare on one machine only.',
    },
  ];
  if (Number.isFinite(budget)) {
    metrics.push({
      key: 'accuracyAtBudget',
      label: `acc. @ ${budget.toFixed(1)} s`,
      better: 'higher',
      percent: true,
      digits: 2,
      value: (r) => accuracyWithin(r, budget),
      caption: `Held-out accuracy of the last epoch finished within ${budget.toFixed(1)} s of training (the shortest run's training time, or the longest first epoch if longer): the strategies at equal wall-clock.`,
    });
  }
  return metrics;
}
