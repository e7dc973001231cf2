import type { TopLevelSpec } from 'vega-lite';
import { runLabel } from '../study/labels.js';
import { mean, sampleStd } from '../study/stats.js';
import { metricHeader, type MetricSpec } from '../study/metrics.js';
import { BASELINE, type StrategySummary } from '../study/summary.js';
import type { Metrics, RunResult } from '../types.js';

/** vega-lite specs of the report's charts; every number is shown in display units (× 100 for percent metrics). */

const PALETTE = ['#4c78a8', '#f58518', '#54a24b', '#e45756', '#b279a2', '#72b7b2', '#eeca3b', '#9d755d', '#ff9da6'];
const BASELINE_COLOR = '#8c8c8c';
export const SCHEMA = 'https://vega.github.io/schema/vega-lite/v6.json';

export const CONFIG = {
  font: 'Helvetica Neue, Helvetica, Arial, sans-serif',
  background: 'white',
  view: { stroke: null },
  axis: { labelFontSize: 11, titleFontSize: 12, titleFontWeight: 'normal', gridColor: '#e6e6e6' },
  title: { fontSize: 13, subtitleFontSize: 11, subtitleColor: '#666', anchor: 'start' },
  legend: { labelFontSize: 12, titleFontSize: 12 },
} as const;

/** One colour per strategy, the same in every chart; the baseline 'none' in gray. */
export function strategyScale(strategies: readonly string[]): { domain: string[]; range: string[] } {
  let k = 0;
  return { domain: [...strategies], range: strategies.map((s) => (s === BASELINE ? BASELINE_COLOR : PALETTE[k++ % PALETTE.length])) };
}

const shown = (metric: MetricSpec, value: number) => (Number.isFinite(value) ? (metric.percent ? value * 100 : value) : null);
const direction = (metric: MetricSpec) => (metric.better === 'higher' ? '↑ higher is better' : '↓ lower is better');

/** Small multiples, one per metric: mean bars (from 0), 95% CI error bars and one dot per seed. */
export function metricBarsSpec(summaries: readonly StrategySummary[], metrics: readonly MetricSpec[]): TopLevelSpec {
  const strategies = summaries.map((s) => s.strategy);
  const color = { field: 'strategy', type: 'nominal', scale: strategyScale(strategies), legend: null } as const;
  const x = { field: 'strategy', type: 'nominal', sort: strategies, title: null, axis: { labelAngle: -35 } } as const;
  return {
    $schema: SCHEMA,
    config: CONFIG,
    columns: 4,
    concat: metrics.map((metric) => ({
      title: { text: metricHeader(metric), subtitle: direction(metric) },
      width: 160,
      height: 150,
      layer: [
        {
          data: { values: summaries.map((s) => ({ strategy: s.strategy, mean: shown(metric, s.metrics[metric.key].mean), low: shown(metric, s.metrics[metric.key].low), high: shown(metric, s.metrics[metric.key].high) })) },
          layer: [
            { mark: { type: 'bar', opacity: 0.8 }, encoding: { x, y: { field: 'mean', type: 'quantitative', title: null }, color } },
            { mark: { type: 'errorbar', ticks: true, color: '#222' }, encoding: { x, y: { field: 'low', type: 'quantitative', title: null }, y2: { field: 'high' } } },
          ],
        },
        {
          data: { values: summaries.flatMap((s) => s.metrics[metric.key].values.map((v, i) => ({ strategy: s.strategy, seed: s.seeds[i], value: shown(metric, v) }))) },
          mark: { type: 'point', filled: true, size: 22, color: '#222', opacity: 0.6 },
          encoding: { x, y: { field: 'value', type: 'quantitative', title: null } },
        },
      ],
    })),
  };
}

/** Per metric, each strategy minus 'none' with the 95% CI of the paired difference; a rule at 0. */
export function differenceSpec(summaries: readonly StrategySummary[], metrics: readonly MetricSpec[]): TopLevelSpec {
  const others = summaries.filter((s) => s.strategy !== BASELINE);
  const strategies = summaries.map((s) => s.strategy);
  const color = { field: 'strategy', type: 'nominal', scale: strategyScale(strategies), legend: null } as const;
  const y = { field: 'strategy', type: 'nominal', sort: others.map((s) => s.strategy), title: null } as const;
  return {
    $schema: SCHEMA,
    config: CONFIG,
    columns: 4,
    concat: metrics.map((metric) => {
      const unit = metric.percent ? ' (points)' : '';
      const title = `Δ ${metric.label}${unit}`;
      const values = others.map((s) => {
        const test = s.metrics[metric.key].vsBaseline;
        return { strategy: s.strategy, difference: shown(metric, test?.difference ?? NaN), low: shown(metric, test?.low ?? NaN), high: shown(metric, test?.high ?? NaN), p: test?.p ?? null };
      });
      return {
        title: { text: title, subtitle: direction(metric) },
        width: 160,
        height: Math.max(40, 24 * others.length),
        layer: [
          { data: { values: [{ zero: 0 }] }, mark: { type: 'rule', color: '#888', strokeDash: [3, 3] }, encoding: { x: { field: 'zero', type: 'quantitative', title: null } } },
          {
            data: { values },
            layer: [
              { mark: { type: 'bar', opacity: 0.8, height: 14 }, encoding: { y, x: { field: 'difference', type: 'quantitative', title: null }, color } },
              { mark: { type: 'errorbar', ticks: true, color: '#222' }, encoding: { y, x: { field: 'low', type: 'quantitative', title: null }, x2: { field: 'high' } } },
            ],
          },
        ],
      };
    }),
  };
}

/** Mean over seeds, per strategy and epoch, of a held-out metric; the band is ± 1 std over seeds. */
function curveRows(results: readonly RunResult[], strategies: readonly string[], metric: (m: Metrics) => number, scale: number) {
  return strategies.flatMap((strategy) => {
    const runs = results.filter((r) => runLabel(r) === strategy);
    // x = epochs trained so far (the record's position, counted from 1).
    const epochs = Math.max(0, ...runs.map((r) => r.epochs.length));
    return Array.from({ length: epochs }, (_, i) => {
      const epoch = i + 1;
      const values = runs.flatMap((r) => (i < r.epochs.length ? [metric(r.epochs[i].test) * scale] : []));
      const m = mean(values);
      const std = sampleStd(values);
      return { strategy, epoch, mean: m, low: Number.isFinite(std) ? m - std : null, high: Number.isFinite(std) ? m + std : null, seeds: values.length };
    });
  });
}

/** Learning curves: held-out accuracy and NLL after every epoch, mean over seeds, ± 1 std band. */
export function learningCurvesSpec(results: readonly RunResult[], strategies: readonly string[]): TopLevelSpec {
  // The band's opacity would fade the legend's symbols: they are drawn as full strokes.
  const legend = { symbolType: 'stroke', symbolStrokeWidth: 3, symbolOpacity: 1 } as const;
  const color = { field: 'strategy', type: 'nominal', scale: strategyScale(strategies), sort: [...strategies], title: 'strategy', legend } as const;
  const panel = (title: string, yTitle: string, metric: (m: Metrics) => number, scale: number) => ({
    title: { text: title, subtitle: 'mean over seeds, band = ± 1 std' },
    width: 330,
    height: 220,
    data: { values: curveRows(results, strategies, metric, scale) },
    layer: [
      { mark: { type: 'area', opacity: 0.15 }, encoding: { x: { field: 'epoch', type: 'quantitative', title: 'epoch' }, y: { field: 'low', type: 'quantitative', title: yTitle }, y2: { field: 'high' }, color } },
      {
        mark: { type: 'line', point: true, strokeWidth: 2 },
        encoding: {
          x: { field: 'epoch', type: 'quantitative', title: 'epoch', axis: { tickMinStep: 1, format: 'd' } },
          y: { field: 'mean', type: 'quantitative', title: yTitle, scale: { zero: false } },
          color,
        },
      },
    ],
  });
  return {
    $schema: SCHEMA,
    config: CONFIG,
    hconcat: [panel('Test accuracy per epoch', 'test accuracy (%)', (m) => m.accuracy, 100), panel('Test NLL per epoch', 'test NLL (nats)', (m) => m.nll, 1)],
    resolve: { scale: { color: 'shared' } },
  } as TopLevelSpec;
}

/** The reliability bins of every seed's final metrics pooled: counts summed, confidence and accuracy count-weighted. */
export function pooledReliability(runs: readonly RunResult[]): { lo: number; hi: number; count: number; confidence: number; accuracy: number }[] {
  const bins = new Map<string, { lo: number; hi: number; count: number; confidence: number; accuracy: number }>();
  for (const bin of runs.flatMap((r) => r.final.reliability)) {
    if (bin.count === 0) continue;
    const key = `${bin.lo}:${bin.hi}`;
    const pooled = bins.get(key) ?? { lo: bin.lo, hi: bin.hi, count: 0, confidence: 0, accuracy: 0 };
    pooled.confidence = (pooled.confidence * pooled.count + bin.confidence * bin.count) / (pooled.count + bin.count);
    pooled.accuracy = (pooled.accuracy * pooled.count + bin.accuracy * bin.count) / (pooled.count + bin.count);
    pooled.count += bin.count;
    bins.set(key, pooled);
  }
  return [...bins.values()].sort((a, b) => a.lo - b.lo);
}

/** One reliability diagram per strategy: accuracy per confidence bin against the diagonal of perfect calibration. */
export function reliabilitySpec(results: readonly RunResult[], summaries: readonly StrategySummary[]): TopLevelSpec {
  const strategies = summaries.map((s) => s.strategy);
  const { domain, range } = strategyScale(strategies);
  return {
    $schema: SCHEMA,
    config: CONFIG,
    columns: 4,
    concat: summaries.map((s, k) => {
      const metrics: Partial<StrategySummary['metrics']> = s.metrics; // 'ece' only when the study measured it
      const ece = metrics.ece?.mean;
      return {
        title: { text: s.strategy, subtitle: ece !== undefined && Number.isFinite(ece) ? `ECE ${(ece * 100).toFixed(2)}% (mean over seeds)` : '' },
        width: 170,
        height: 170,
        layer: [
          {
            data: { values: pooledReliability(results.filter((r) => runLabel(r) === s.strategy)) },
            layer: [
              {
                mark: { type: 'rect', color: range[domain.indexOf(s.strategy)] ?? PALETTE[k % PALETTE.length], opacity: 0.8, stroke: 'white', strokeWidth: 0.5 },
                encoding: {
                  x: { field: 'lo', type: 'quantitative', title: 'confidence', scale: { domain: [0, 1] } },
                  x2: { field: 'hi', type: 'quantitative' },
                  y: { datum: 0, type: 'quantitative' },
                  y2: { field: 'accuracy', type: 'quantitative' },
                },
              },
              {
                // The gap between a bin's accuracy and its mean confidence (Guo et al., 2017).
                mark: { type: 'rect', color: '#e45756', opacity: 0.35 },
                encoding: { x: { field: 'lo', type: 'quantitative' }, x2: { field: 'hi', type: 'quantitative' }, y: { field: 'accuracy', type: 'quantitative', title: 'accuracy', scale: { domain: [0, 1] } }, y2: { field: 'confidence', type: 'quantitative' } },
              },
            ],
          },
          {
            data: { values: [{ x: 0, y: 0 }, { x: 1, y: 1 }] },
            mark: { type: 'line', color: '#555', strokeDash: [4, 3], strokeWidth: 1 },
            encoding: { x: { field: 'x', type: 'quantitative' }, y: { field: 'y', type: 'quantitative', title: 'accuracy' } },
          },
        ],
      };
    }),
  };
}
