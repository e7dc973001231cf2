import { tCdf, tQuantile } from './t-distribution.js';

/** Half-width of the 95% confidence interval of a mean (t distribution); NaN below two values. */
function halfWidth95(std: number, n: number): number {
  return n >= 2 ? (tQuantile(0.975, n - 1) * std) / Math.sqrt(n) : NaN;
}

export function mean(values: readonly number[]): number {
  return values.length === 0 ? NaN : values.reduce((s, v) => s + v, 0) / values.length;
}

/** Sample standard deviation (n − 1 in the denominator); NaN below two values. */
export function sampleStd(values: readonly number[]): number {
  if (values.length < 2) return NaN;
  const m = mean(values);
  return Math.sqrt(values.reduce((s, v) => s + (v - m) ** 2, 0) / (values.length - 1));
}

export interface Interval {
  mean: number;
  std: number;
  n: number;
  /** Bounds of the 95% confidence interval of the mean (t distribution, n − 1 df); NaN below two values. */
  low: number;
  high: number;
}

/** Mean ± t(0.975, n − 1) · std / √n. */
export function confidenceInterval95(values: readonly number[]): Interval {
  const n = values.length;
  const m = mean(values);
  const std = sampleStd(values);
  const half = halfWidth95(std, n);
  return { mean: m, std, n, low: m - half, high: m + half };
}

/**
 * Holm–Bonferroni adjusted p-values, in input order: with the m p-values sorted ascending,
 * p̃(i) = min(1, max over j ≤ i of (m − j + 1) · p(j)). Rejecting where p̃ ≤ α keeps the chance of
 * any false rejection among the m tests ≤ α. Ties get equal adjusted values. RangeError for NaN.
 */
export function holm(p: readonly number[]): number[] {
  if (p.some((v) => Number.isNaN(v))) throw new RangeError(`holm: p-values must be numbers, got ${p.join(', ')}.`);
  const m = p.length;
  const order = p.map((_, i) => i).sort((a, b) => p[a] - p[b]);
  const adjusted = new Array<number>(m);
  let running = 0;
  order.forEach((index, j) => {
    running = Math.max(running, Math.min(1, (m - j) * p[index]));
    adjusted[index] = running;
  });
  return adjusted;
}

export interface PairedTest {
  /** Mean of the differences a − b. */
  difference: number;
  /** Sample std of the differences (NaN below two pairs): effect size and minimal detectable difference derive from it. */
  differenceStd: number;
  t: number;
  df: number;
  /** Two-sided p-value; NaN below two pairs. */
  p: number;
  /** `p` Holm-adjusted over the study's comparisons with the baseline on the same metric (set by summarize when there are several; NaN where p is). */
  pHolm?: number;
  /** 95% confidence interval of the mean difference; NaN below two pairs. */
  low: number;
  high: number;
}

/**
 * Paired two-sided t-test of a against b (pairs at the same index, e.g. the same seed).
 * Identical differences (zero spread) give t = ±∞, p = 0, or t = 0, p = 1 when they are all 0.
 */
export function pairedTTest(a: readonly number[], b: readonly number[]): PairedTest {
  if (a.length !== b.length) throw new RangeError(`pairedTTest: ${a.length} values against ${b.length}; pairs must match.`);
  const differences = a.map((v, i) => v - b[i]);
  const n = differences.length;
  const difference = mean(differences);
  if (n < 2) return { difference, differenceStd: NaN, t: NaN, df: n - 1, p: NaN, low: NaN, high: NaN };
  const std = sampleStd(differences);
  const t = std === 0 ? (difference === 0 ? 0 : Math.sign(difference) * Infinity) : difference / (std / Math.sqrt(n));
  const half = halfWidth95(std, n);
  return { difference, differenceStd: std, t, df: n - 1, p: 2 * tCdf(-Math.abs(t), n - 1), low: difference - half, high: difference + half };
}
