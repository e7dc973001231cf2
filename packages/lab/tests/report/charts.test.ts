import { describe, expect, it } from 'vitest';
import { learningCurvesSpec, metricBarsSpec, pooledReliability, strategyScale } from '../../src/report/charts.js';
import { studyMetrics } from '../../src/study/metrics.js';
import { summarize } from '../../src/study/summary.js';
import { fakeRun, fakeStudy } from './fake-runs.js';

type Layered = { layer: { data?: { values: Record<string, unknown>[] }; layer?: unknown[] }[] };

describe('chart data', () => {
  it('one colour per strategy, none in gray', () => {
    const { domain, range } = strategyScale(['mixup', 'none', 'cutmix']);
    expect(domain).toEqual(['mixup', 'none', 'cutmix']);
    expect(range[1]).toBe('#8c8c8c');
    expect(new Set(range).size).toBe(3);
  });

  it('metric bars carry mean and CI in display units (percent × 100) and one dot per seed', () => {
    const { results } = fakeStudy([1, 2, 3]);
    const metrics = studyMetrics(results);
    const summaries = summarize(results, ['none', 'mixup'], metrics);
    const spec = metricBarsSpec(summaries, metrics) as unknown as { concat: Layered[] };
    expect(spec.concat).toHaveLength(metrics.length);
    const accuracy = spec.concat[0].layer;
    const acc = summaries[1].metrics.accuracy;
    expect(accuracy[0].data!.values[1]).toEqual({ strategy: 'mixup', mean: acc.mean * 100, low: acc.low * 100, high: acc.high * 100 });
    expect(accuracy[1].data!.values).toHaveLength(6);
    const nll = spec.concat[1].layer[0].data!.values[0];
    expect(nll.mean).toBe(summaries[0].metrics.nll.mean); // not a percent metric
  });

  it('learning curves: mean and ± 1 std over seeds per epoch (counted from 1)', () => {
    const a = fakeRun('mixup', 1, { epochs: 2 });
    const b = fakeRun('mixup', 2, { epochs: 2 });
    const spec = learningCurvesSpec([a, b], ['mixup']) as unknown as { hconcat: { data: { values: Record<string, number>[] } }[] };
    const rows = spec.hconcat[0].data.values;
    expect(rows.map((r) => r.epoch)).toEqual([1, 2]);
    const values = [a.epochs[1].test.accuracy * 100, b.epochs[1].test.accuracy * 100];
    const mean = (values[0] + values[1]) / 2;
    const std = Math.abs(values[0] - values[1]) / Math.SQRT2;
    expect(rows[1].mean).toBeCloseTo(mean, 10);
    expect(rows[1].high - rows[1].mean).toBeCloseTo(std, 10);
  });

  it('reliability bins of several seeds are pooled: counts summed, confidence and accuracy weighted by count', () => {
    const run = (bins: { count: number; confidence: number; accuracy: number }[]) => {
      const r = fakeRun('none', 1);
      r.final = { ...r.final, reliability: bins.map((b, i) => ({ lo: i / 2, hi: (i + 1) / 2, ...b })) };
      return r;
    };
    const pooled = pooledReliability([
      run([{ count: 0, confidence: 0, accuracy: 0 }, { count: 10, confidence: 0.8, accuracy: 0.6 }]),
      run([{ count: 2, confidence: 0.4, accuracy: 0.5 }, { count: 30, confidence: 0.9, accuracy: 1 }]),
    ]);
    expect(pooled).toHaveLength(2);
    expect(pooled[0]).toEqual({ lo: 0, hi: 0.5, count: 2, confidence: 0.4, accuracy: 0.5 });
    expect(pooled[1].count).toBe(40);
    expect(pooled[1].confidence).toBeCloseTo((10 * 0.8 + 30 * 0.9) / 40, 12);
    expect(pooled[1].accuracy).toBeCloseTo((10 * 0.6 + 30 * 1) / 40, 12);
  });
});
