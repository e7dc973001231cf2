import { describe, expect, it } from 'vitest';
import { studyMetrics } from '../../src/study/metrics.js';
import { holm, pairedTTest } from '../../src/study/stats.js';
import { summarize } from '../../src/study/summary.js';
import { fakeRun, fakeStudy } from '../report/fake-runs.js';

describe('studyMetrics', () => {
  it('lists accuracy, NLL, ECE, Brier, one noisy accuracy per σ (numeric order), s/epoch and the cost metrics', () => {
    const run = fakeRun('none', 1);
    run.final = { ...run.final, noisyAccuracy: { '0.2': 0.5, '0.05': 0.7, '0.1': 0.6 } };
    expect(studyMetrics([run]).map((m) => m.key)).toEqual(['accuracy', 'nll', 'ece', 'brier', 'noisy:0.05', 'noisy:0.1', 'noisy:0.2', 'secondsPerEpoch', 'curveAuc', 'trainSeconds', 'accuracyAtBudget']);
    expect(studyMetrics([run]).find((m) => m.key === 'noisy:0.1')!.value(run)).toBe(0.6);
  });
});

describe('summarize', () => {
  const { results } = fakeStudy([1, 2, 3]);
  const metrics = studyMetrics(results);
  const accuracy = (strategy: string) => results.filter((r) => r.strategy === strategy).sort((a, b) => a.seed - b.seed).map((r) => r.final.accuracy);

  it('gives mean, std and the CI per strategy over its seeds, in the order asked', () => {
    const summaries = summarize(results, ['mixup', 'none'], metrics);
    expect(summaries.map((s) => s.strategy)).toEqual(['mixup', 'none']);
    const values = accuracy('mixup');
    const m = values.reduce((a, b) => a + b) / 3;
    expect(summaries[0].seeds).toEqual([1, 2, 3]);
    expect(summaries[0].metrics.accuracy.values).toEqual(values);
    expect(summaries[0].metrics.accuracy.mean).toBeCloseTo(m, 12);
    expect(summaries[0].metrics.accuracy.n).toBe(3);
  });

  it('compares with none by a paired t-test over the seeds both ran; none itself has no comparison', () => {
    const summaries = summarize(results, ['none', 'mixup', 'cutmix'], metrics);
    expect(summaries[0].metrics.accuracy.vsBaseline).toBeUndefined();
    expect(summaries[1].metrics.accuracy.vsBaseline).toEqual({ ...pairedTTest(accuracy('mixup'), accuracy('none')), pHolm: expect.any(Number) });
    // Drop cutmix's seed 2: the pairs are seeds 1 and 3 only.
    const partial = results.filter((r) => !(r.strategy === 'cutmix' && r.seed === 2));
    const cutmix = summarize(partial, ['none', 'cutmix'], metrics)[1];
    const [c, n] = [accuracy('cutmix'), accuracy('none')];
    expect(cutmix.seeds).toEqual([1, 3]);
    const alone = pairedTTest([c[0], c[2]], [n[0], n[2]]);
    expect(cutmix.metrics.accuracy.vsBaseline).toEqual(alone); // one comparison: nothing to correct
  });

  it('Holm-adjusts the p-values of each metric over the rows compared with none (one family per metric)', () => {
    const summaries = summarize(results, ['none', 'mixup', 'cutmix'], metrics);
    for (const metric of metrics) {
      const [mixup, cutmix] = [summaries[1], summaries[2]].map((s) => s.metrics[metric.key].vsBaseline!);
      expect([mixup.pHolm, cutmix.pHolm]).toEqual(holm([mixup.p, cutmix.p]));
    }
  });

  it('has no comparison without a none baseline', () => {
    const summaries = summarize(results, ['mixup', 'cutmix'], metrics);
    expect(summaries.every((s) => Object.values(s.metrics).every((m) => m.vsBaseline === undefined))).toBe(true);
  });
});
