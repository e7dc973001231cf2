import { MixzooError } from '@mixzoo/core';
import type { Metrics, RunResult } from '../types.js';
import { runLabel } from './labels.js';
import { minimalDetectableDifference, pairedEffectSize } from './power.js';
import type { ReplicationPresetName } from './presets.js';
import { holm, pairedTTest } from './stats.js';
import { replicationVerdict, type ClaimedDirection, type VerdictResult } from './verdict.js';

/**
 * The published claims the replication presets test (docs/results/), each as comparisons with
 * the direction the paper reports, judged on a finished study by paired t-tests over its seeds.
 */

/** Mean top-class confidence minus accuracy, from the reliability bins (> 0: over-confident). */
export function overconfidence(reliability: Metrics['reliability']): number {
  const total = reliability.reduce((s, b) => s + b.count, 0);
  return total === 0 ? NaN : reliability.reduce((s, b) => s + b.count * (b.confidence - b.accuracy), 0) / total;
}

/** What a comparison measures on each run, in the units of the tables (percent or points). */
export const REPLICATION_MEASURES = {
  accuracy: { label: 'final accuracy (%)', value: (r: RunResult) => 100 * r.final.accuracy },
  drop: { label: 'drop from the best epoch (points)', value: (r: RunResult) => 100 * (Math.max(...r.epochs.map((e) => e.test.accuracy)) - r.final.accuracy) },
  nll: { label: 'NLL', value: (r: RunResult) => r.final.nll },
  ece: { label: 'ECE (%)', value: (r: RunResult) => 100 * r.final.ece },
  overconfidence: { label: 'over-confidence (points)', value: (r: RunResult) => 100 * overconfidence(r.final.reliability) },
} as const;

export type ReplicationMeasure = keyof typeof REPLICATION_MEASURES;

/** "measure of a − b goes `direction`" (a, b: study rows). */
export interface ReplicationClaim {
  measure: ReplicationMeasure;
  a: string;
  b: string;
  direction: ClaimedDirection;
}

export interface Replication {
  /** The paper, short: 'Zhang et al. 2018 (mixup)'. */
  paper: string;
  /** What it found, in a sentence. */
  finding: string;
  claims: ReplicationClaim[];
}

const noiseClaims = (mixup: string): ReplicationClaim[] => [
  { measure: 'accuracy', a: mixup, b: 'none', direction: 'greater' },
  { measure: 'drop', a: mixup, b: 'none', direction: 'less' },
];

const ZHANG = 'Zhang et al. 2018 (mixup), Table 2';
const ZHANG_FINDING = 'with corrupted training labels, plain training memorises them and its test accuracy falls by the last epoch; mixup keeps a higher final accuracy and loses little from its best epoch.';

/** The comparisons of each replication preset, and of `npm start`'s label-noise demo. */
export const REPLICATIONS: Record<ReplicationPresetName | 'label-noise', Replication> = {
  'label-noise': { paper: ZHANG, finding: ZHANG_FINDING, claims: noiseClaims('mixup(alpha=8)') },
  'zhang2018-label-noise': { paper: ZHANG, finding: ZHANG_FINDING, claims: [...noiseClaims('mixup(alpha=32)'), ...noiseClaims('mixup(alpha=1)')] },
  'thulasidasan2019-calibration': {
    paper: 'Thulasidasan et al. 2019',
    finding: 'networks trained to convergence with mixup are better calibrated: lower ECE and less over-confidence.',
    claims: [
      { measure: 'ece', a: 'mixup(alpha=0.4)', b: 'none', direction: 'less' },
      { measure: 'overconfidence', a: 'mixup(alpha=0.4)', b: 'none', direction: 'less' },
    ],
  },
  'harris2020-fmix': {
    paper: 'Harris et al. 2020 (FMix), Table 1',
    finding: 'on Fashion-MNIST, FMix > mixup > CutMix > baseline in test accuracy.',
    claims: [
      ['fmix', 'none'],
      ['mixup', 'none'],
      ['cutmix', 'none'],
      ['fmix', 'mixup'],
      ['fmix', 'cutmix'],
      ['mixup', 'cutmix'],
    ].map(([a, b]): ReplicationClaim => ({ measure: 'accuracy', a, b, direction: 'greater' })),
  },
};

/** One claim judged on a study: the paired difference a − b over the seeds both rows ran. */
export interface ReplicationRow {
  claim: ReplicationClaim;
  /** Seeds paired. */
  n: number;
  difference: number;
  /** 95% confidence interval of the mean difference (NaN below two seeds). */
  low: number;
  high: number;
  p: number;
  /** p Holm-adjusted over the replication's claims (the p the verdict uses). */
  pHolm: number;
  /** d_z: mean / std of the per-seed differences. */
  effectSize: number;
  /** Minimal detectable difference at power 0.8, α = 0.05 (NaN below two seeds). */
  mdd: number;
  verdict: VerdictResult;
}

/** Judges each claim on the study's runs (paired by seed; Holm over the claims). E_USAGE when a claim's row has no runs. */
export function judgeReplication(results: readonly RunResult[], claims: readonly ReplicationClaim[]): ReplicationRow[] {
  const tests = claims.map((claim) => {
    const runsOf = (row: string) => {
      const runs = results.filter((r) => runLabel(r) === row);
      if (runs.length === 0) throw new MixzooError('E_USAGE', `judgeReplication: the study has no runs of '${row}'; the replication compares ${claims.map((c) => `${c.a} − ${c.b}`).join(', ')}.`);
      return runs;
    };
    const b = runsOf(claim.b);
    const pairs = runsOf(claim.a).flatMap((a) => {
      const other = b.find((r) => r.seed === a.seed);
      return other ? [[a, other] as const] : [];
    });
    const { value } = REPLICATION_MEASURES[claim.measure];
    return { claim, n: pairs.length, test: pairedTTest(pairs.map(([a]) => value(a)), pairs.map(([, other]) => value(other))) };
  });
  const tested = tests.filter((t) => !Number.isNaN(t.test.p));
  const adjusted = tested.length > 0 ? holm(tested.map((t) => t.test.p)) : [];
  return tests.map(({ claim, n, test }) => {
    const index = tested.findIndex((t) => t.claim === claim);
    const pHolm = index < 0 ? NaN : adjusted[index];
    return {
      claim,
      n,
      difference: test.difference,
      low: test.low,
      high: test.high,
      p: test.p,
      pHolm,
      effectSize: pairedEffectSize(test.difference, test.differenceStd),
      mdd: minimalDetectableDifference(test.differenceStd, n),
      verdict: replicationVerdict(claim.direction, { difference: test.difference, p: pHolm }),
    };
  });
}

const number = (v: number, digits: number) => (Number.isFinite(v) ? `${v < 0 ? '−' : v > 0 ? '+' : ''}${Math.abs(v).toFixed(digits)}` : v > 0 ? '∞' : v < 0 ? '−∞' : '–');
const pText = (p: number) => (Number.isNaN(p) ? '–' : p < 0.001 ? '< 0.001' : p.toFixed(3));

/** The verdict table of a replication, in Markdown. */
export function replicationMarkdown(replication: Replication, rows: readonly ReplicationRow[]): string {
  const digits = (measure: ReplicationMeasure) => (measure === 'nll' ? 3 : 2);
  return [
    `${replication.paper}: ${replication.finding}`,
    '',
    '| comparison | paper | ours: mean difference [95% CI] | p | Holm p | d_z | MDD | verdict |',
    '|---|:-:|--:|--:|--:|--:|--:|---|',
    ...rows.map((row) => {
      const { claim } = row;
      const k = digits(claim.measure);
      const ci = Number.isFinite(row.low) ? ` [${number(row.low, k)}, ${number(row.high, k)}]` : '';
      const mdd = row.verdict.verdict === 'agrees' || Number.isNaN(row.mdd) ? '–' : Math.abs(row.mdd).toFixed(k);
      return `| ${REPLICATION_MEASURES[claim.measure].label}: ${claim.a} − ${claim.b} | ${claim.direction === 'greater' ? '> 0' : '< 0'} | ${number(row.difference, k)}${ci} | ${pText(row.p)} | ${pText(row.pHolm)} | ${number(row.effectSize, 2)} | ${mdd} | **${row.verdict.verdict}**: ${row.verdict.reason} |`;
    }),
    '',
    `Paired by seed (n = ${Math.min(...rows.map((r) => r.n))}${rows.some((r) => r.n !== rows[0].n) ? '+' : ''}); p from the paired t-test, Holm-adjusted over the ${rows.length} comparisons (the verdict uses the Holm p); d_z = mean / std of the per-seed differences; MDD = the smallest difference these seeds detect with power 0.8 at α = 0.05 (exact noncentral t), given where the verdict is not 'agrees'.`,
  ].join('\n');
}
