import { describe, expect, it } from 'vitest';
import { judgeReplication, overconfidence, REPLICATION_MEASURES, replicationMarkdown, type Replication } from '../../src/study/replications.js';
import { holm, pairedTTest } from '../../src/study/stats.js';
import type { RunResult } from '../../src/types.js';
import { fakeRun } from '../report/fake-runs.js';

/** A run whose test accuracy per epoch is `curve` (the last one final), labelled `label`. */
function run(label: string, seed: number, curve: number[]): RunResult {
  const base = fakeRun('mixup', seed, { epochs: curve.length });
  const epochs = base.epochs.map((e, i) => ({ ...e, test: { ...e.test, accuracy: curve[i] } }));
  return { ...base, id: `${label}@seed${seed}`, strategy: label === 'none' ? 'none' : 'mixup', label: label === 'none' ? undefined : label, epochs, final: epochs[epochs.length - 1].test };
}

// Plain training peaks then falls (memorisation); mixup ends higher and keeps its best.
const none = [[0.7, 0.8, 0.6], [0.72, 0.79, 0.62], [0.69, 0.81, 0.58], [0.71, 0.8, 0.61]];
const mixup = [[0.7, 0.78, 0.77], [0.7, 0.8, 0.79], [0.68, 0.79, 0.775], [0.7, 0.785, 0.78]];
const results = [...none.map((c, i) => run('none', i + 1, c)), ...mixup.map((c, i) => run('mixup(alpha=8)', i + 1, c))];
const replication: Replication = {
  paper: 'A paper',
  finding: 'mixup keeps its accuracy.',
  claims: [
    { measure: 'accuracy', a: 'mixup(alpha=8)', b: 'none', direction: 'greater' },
    { measure: 'drop', a: 'mixup(alpha=8)', b: 'none', direction: 'less' },
    { measure: 'accuracy', a: 'none', b: 'mixup(alpha=8)', direction: 'greater' },
  ],
};

describe('replication measures', () => {
  it('drop = best epoch minus the final one, in points; accuracy in percent', () => {
    expect(REPLICATION_MEASURES.drop.value(results[0])).toBeCloseTo(20, 10);
    expect(REPLICATION_MEASURES.drop.value(results[4])).toBeCloseTo(1, 10);
    expect(REPLICATION_MEASURES.accuracy.value(results[0])).toBeCloseTo(60, 10);
  });

  it('over-confidence = mean confidence minus accuracy over the bins, weighted by their counts', () => {
    const bins = [
      { lo: 0.5, hi: 0.6, count: 10, confidence: 0.55, accuracy: 0.45 },
      { lo: 0.9, hi: 1, count: 30, confidence: 0.95, accuracy: 0.99 },
      { lo: 0, hi: 0.1, count: 0, confidence: 0, accuracy: 0 },
    ];
    expect(overconfidence(bins)).toBeCloseTo((10 * 0.1 + 30 * -0.04) / 40, 12);
    expect(overconfidence([])).toBeNaN();
  });
});

describe('judgeReplication', () => {
  const rows = judgeReplication(results, replication.claims);

  it('pairs the rows by seed and tests each claim, Holm over the claims', () => {
    const final = (label: string) => results.filter((r) => (r.label ?? r.strategy) === label).map((r) => 100 * r.final.accuracy);
    const expected = pairedTTest(final('mixup(alpha=8)'), final('none'));
    expect(rows[0].n).toBe(4);
    expect(rows[0].difference).toBeCloseTo(expected.difference, 10);
    expect(rows[0].p).toBeCloseTo(expected.p, 12);
    expect(rows.map((r) => r.pHolm)).toEqual(holm(rows.map((r) => r.p)));
    expect(rows[0].effectSize).toBeCloseTo(expected.difference / expected.differenceStd, 10);
  });

  it('agrees where the data go the claimed way significantly, disagrees where they go the other way', () => {
    expect(rows.map((r) => r.verdict.verdict)).toEqual(['agrees', 'agrees', 'disagrees']);
    expect(rows[2].verdict.reason).toMatch(/^lower, against the paper, significantly/);
  });

  it('only two seeds of noisy data: the same direction is only partly, with a minimal detectable difference', () => {
    const two = [run('none', 1, [0.8, 0.7]), run('none', 2, [0.8, 0.75]), run('mixup(alpha=8)', 1, [0.8, 0.78]), run('mixup(alpha=8)', 2, [0.8, 0.74])];
    const [row] = judgeReplication(two, [replication.claims[0]]);
    expect(row.verdict.verdict).toBe('partly');
    expect(row.mdd).toBeGreaterThan(Math.abs(row.difference));
  });

  it('names the missing row when the study lacks one', () => {
    expect(() => judgeReplication(results, [{ measure: 'ece', a: 'cutmix', b: 'none', direction: 'less' }])).toThrow(/the study has no runs of 'cutmix'/);
  });

  it('renders one Markdown row per claim with the direction, the CI, p values, d_z, MDD and the verdict', () => {
    const text = replicationMarkdown(replication, rows);
    expect(text.startsWith('A paper: mixup keeps its accuracy.')).toBe(true);
    expect(text).toMatch(/^\| final accuracy \(%\): mixup\(alpha=8\) − none \| > 0 \| \+\d+\.\d\d \[\+\d+\.\d\d, \+\d+\.\d\d\] \| [<\d.\s]+ \| [<\d.\s]+ \| \+\d+\.\d\d \| – \| \*\*agrees\*\*: higher, as in the paper/m);
    expect(text).toMatch(/^\| drop from the best epoch \(points\): mixup\(alpha=8\) − none \| < 0 \| −\d+\.\d\d/m);
    expect(text).toMatch(/^\| final accuracy \(%\): none − mixup\(alpha=8\) \| > 0 \| −\d+\.\d\d .* \| \d+\.\d\d \| \*\*disagrees\*\*/m);
    expect(text).toContain('Holm-adjusted over the 3 comparisons');
  });
});
