import type { TopLevelSpec } from 'vega-lite';
import { runLabel } from '../study/labels.js';
import { corruptionAccuracy } from '../study/robustness-metrics.js';
import { mean } from '../study/stats.js';
import type { RunResult } from '../types.js';
import { CONFIG, SCHEMA, strategyScale } from './charts.js';

/** Mean over seeds of each strategy's accuracy (%) under a corruption per severity, severity 0 = clean; 'mean' averages the corruptions. */
export function robustnessRows(results: readonly RunResult[], strategies: readonly string[]): { corruption: string; strategy: string; severity: number; accuracy: number }[] {
  const measured = results.filter((r) => r.robustness && r.robustness.corruptions.length > 0);
  const corruptions = [...new Set(measured.flatMap((r) => r.robustness?.corruptions ?? []))];
  const severities = [...new Set(measured.flatMap((r) => r.robustness?.severities ?? []))].sort((a, b) => a - b);
  const accuracyOf = (run: RunResult, corruption: string, severity: number) => (severity === 0 ? run.final.accuracy : corruptionAccuracy(run, corruption, severity));
  return strategies.flatMap((strategy) => {
    const runs = measured.filter((r) => runLabel(r) === strategy);
    if (runs.length === 0) return [];
    return ['mean', ...corruptions].flatMap((corruption) =>
      [0, ...severities].map((severity) => {
        const value = (run: RunResult) => (corruption === 'mean' ? mean(corruptions.map((c) => accuracyOf(run, c, severity))) : accuracyOf(run, corruption, severity));
        return { corruption, strategy, severity, accuracy: 100 * mean(runs.map(value)) };
      }),
    );
  });
}

/** Small multiples, one per corruption (first: the mean over corruptions): accuracy against severity, one line per strategy. */
export function robustnessSpec(results: readonly RunResult[], strategies: readonly string[]): TopLevelSpec {
  const rows = robustnessRows(results, strategies);
  const panels = [...new Set(rows.map((r) => r.corruption))];
  const legend = { symbolType: 'stroke', symbolStrokeWidth: 3, symbolOpacity: 1 } as const;
  const color = { field: 'strategy', type: 'nominal', scale: strategyScale(strategies), sort: [...strategies], title: 'strategy', legend } as const;
  return {
    $schema: SCHEMA,
    config: CONFIG,
    columns: 3,
    concat: panels.map((corruption) => ({
      title: { text: corruption === 'mean' ? 'mean over corruptions' : corruption, subtitle: 'mean over seeds; severity 0 = clean' },
      width: 200,
      height: 130,
      data: { values: rows.filter((r) => r.corruption === corruption) },
      mark: { type: 'line', point: true, strokeWidth: 2 },
      encoding: {
        x: { field: 'severity', type: 'quantitative', title: 'severity', axis: { tickMinStep: 1, format: 'd' } },
        y: { field: 'accuracy', type: 'quantitative', title: 'accuracy (%)', scale: { zero: false } },
        color,
      },
    })),
    resolve: { scale: { color: 'shared' } },
  };
}
