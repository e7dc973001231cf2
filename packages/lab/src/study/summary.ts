import type { RunResult } from '../types.js';
import { runLabel } from './labels.js';
import type { MetricSpec } from './metrics.js';
import { confidenceInterval95, holm, pairedTTest, type Interval, type PairedTest } from './stats.js';

/** The strategy every other one is compared with. */
export const BASELINE = 'none';

export interface MetricSummary extends Interval {
  /** One value per seed, in `StrategySummary.seeds` order. */
  values: number[];
  /** This strategy minus the baseline, paired by seed (absent for the baseline itself or without one). */
  vsBaseline?: PairedTest;
}

export interface StrategySummary {
  strategy: string;
  seeds: number[];
  /** Keyed by MetricSpec.key. */
  metrics: Record<string, MetricSummary>;
}

/**
 * Per study row (strategy labels, in the given order) and metric: mean, std, 95% CI over seeds and, against the
 * baseline ('none'), the mean difference with a paired t-test over the seeds both have, its p-value
 * also Holm-adjusted over the rows compared with the baseline on that metric.
 */
export function summarize(results: readonly RunResult[], strategies: readonly string[], metrics: readonly MetricSpec[]): StrategySummary[] {
  const runsOf = (strategy: string) => results.filter((r) => runLabel(r) === strategy).sort((a, b) => a.seed - b.seed);
  const baseline = strategies.includes(BASELINE) ? runsOf(BASELINE) : [];
  const summaries = strategies.map((strategy): StrategySummary => {
    const runs = runsOf(strategy);
    // [this strategy's run, the baseline's run] for each seed both have.
    const paired = baseline.flatMap((b) => {
      const own = runs.find((r) => r.seed === b.seed);
      return own ? [[own, b] as const] : [];
    });
    const entries = metrics.map((metric): [string, MetricSummary] => {
      const values = runs.map((r) => metric.value(r));
      const summary: MetricSummary = { ...confidenceInterval95(values), values };
      if (strategy !== BASELINE && paired.length > 0) {
        summary.vsBaseline = pairedTTest(paired.map(([own]) => metric.value(own)), paired.map(([, b]) => metric.value(b)));
      }
      return [metric.key, summary];
    });
    return { strategy, seeds: runs.map((r) => r.seed), metrics: Object.fromEntries(entries) };
  });
  for (const metric of metrics) adjustForMultiplicity(summaries.flatMap((s) => s.metrics[metric.key].vsBaseline ?? []));
  return summaries;
}

/**
 * Holm-adjusts the p-values of one metric's comparisons with the baseline (one family per metric),
 * when there are several (one comparison needs no correction); tests without a p-value stay NaN.
 */
function adjustForMultiplicity(tests: PairedTest[]): void {
  const tested = tests.filter((t) => !Number.isNaN(t.p));
  if (tested.length < 2) return;
  const adjusted = holm(tested.map((t) => t.p));
  for (const test of tests) test.pHolm = NaN;
  tested.forEach((test, i) => (test.pHolm = adjusted[i]));
}
