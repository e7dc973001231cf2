import type { RunResult } from '../types.js';
import { costMetrics } from './cost-metrics.js';
import { robustnessMetrics } from './robustness-metrics.js';

/** One column of the results: how to read it from a run, how to show it, what it means. */
export interface MetricSpec {
  /** Stable key: 'accuracy', 'nll', 'ece', 'brier', 'noisy:0.1', 'secondsPerEpoch'. */
  key: string;
  /** Column header. */
  label: string;
  better: 'higher' | 'lower';
  /** Shown ×100 (percent; differences in percentage points). */
  percent: boolean;
  /** Decimals shown (after the ×100 of percent metrics). */
  digits: number;
  value(run: RunResult): number;
  /** One or two sentences for the report's glossary and captions. */
  caption: string;
}

const FIXED: MetricSpec[] = [
  {
    key: 'accuracy',
    label: 'accuracy',
    better: 'higher',
    percent: true,
    digits: 2,
    value: (r) => r.final.accuracy,
    caption: 'Share of held-out samples whose most probable class is the true class (after the last epoch).',
  },
  {
    key: 'nll',
    label: 'NLL',
    better: 'lower',
    percent: false,
    digits: 3,
    value: (r) => r.final.nll,
    caption: 'Mean negative log-likelihood of the true class, in nats: penalises confident mistakes heavily.',
  },
  {
    key: 'ece',
    label: 'ECE',
    better: 'lower',
    percent: true,
    digits: 2,
    value: (r) => r.final.ece,
    caption:
      'Expected calibration error: held-out samples binned by confidence (15 equal bins); the count-weighted mean gap between confidence and accuracy per bin. 0 = perfectly calibrated.',
  },
  {
    key: 'brier',
    label: 'Brier',
    better: 'lower',
    percent: false,
    digits: 4,
    value: (r) => r.final.brier,
    caption: 'Multi-class Brier score: sum over classes of the squared error of the predicted probabilities, averaged over samples (0 best, 2 worst).',
  },
];

const SECONDS: MetricSpec = {
  key: 'secondsPerEpoch',
  label: 's/epoch',
  better: 'lower',
  percent: false,
  digits: 2,
  value: (r) => r.secondsPerEpoch,
  caption: 'Mean wall-clock seconds per training epoch (mixing, forward and backward passes; evaluation not included) on the run’s backend: the cost of the strategy.',
};

function noisyMetric(sigma: string): MetricSpec {
  return {
    key: `noisy:${sigma}`,
    label: `acc. σ=${sigma}`,
    better: 'higher',
    percent: true,
    digits: 2,
    value: (r) => r.final.noisyAccuracy[sigma] ?? NaN,
    caption: `Accuracy when Gaussian noise of standard deviation ${sigma} is added to the held-out inputs (in [0, 1], clipped): robustness to corruption.`,
  };
}

/** The metrics of a study: accuracy, NLL, ECE, Brier, accuracy under each noise σ the runs measured, s/epoch, the cost metrics, and mCA and OOD AUROC when measured. */
export function studyMetrics(results: readonly RunResult[]): MetricSpec[] {
  const sigmas = [...new Set(results.flatMap((r) => Object.keys(r.final.noisyAccuracy)))].sort((a, b) => Number(a) - Number(b));
  return [...FIXED, ...sigmas.map(noisyMetric), SECONDS, ...costMetrics(results), ...robustnessMetrics(results)];
}

/** A metric value as shown (×100 for percent metrics), without unit. */
export function formatMetric(metric: MetricSpec, value: number): string {
  if (!Number.isFinite(value)) return '–';
  return (metric.percent ? value * 100 : value).toFixed(metric.digits);
}

/** Header with unit: 'accuracy (%)', 'NLL'. */
export function metricHeader(metric: MetricSpec): string {
  return metric.percent ? `${metric.label} (%)` : metric.label;
}
