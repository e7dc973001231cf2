import { createRng, type Seed } from '@mixzoo/core';

const BINS = 20;
const BAR_WIDTH = 40;

export interface LambdaRequest {
  alpha: number;
  /** Defaults to alpha (the symmetric Beta(α, α) of mixup). */
  beta?: number;
  n: number;
  seed: Seed;
}

export interface LambdaStats {
  alpha: number;
  beta: number;
  n: number;
  seed: Seed;
  mean: number;
  variance: number;
  theoryMean: number;
  theoryVariance: number;
  draws: number[];
}

/**
 * n draws of λ ~ Beta(α, β) from the strategy-independent 'lambda' stream of the seed, with
 * their mean and (population) variance next to the Beta distribution's.
 */
export function lambdaStats(request: LambdaRequest): LambdaStats {
  const { alpha, n, seed } = request;
  const beta = request.beta ?? alpha;
  const stream = createRng(seed).stream('lambda');
  const draws = Array.from({ length: n }, () => stream.beta(alpha, beta));
  const mean = draws.reduce((s, v) => s + v, 0) / n;
  const variance = draws.reduce((s, v) => s + (v - mean) ** 2, 0) / n;
  const sum = alpha + beta;
  return {
    alpha,
    beta,
    n,
    seed,
    mean,
    variance,
    theoryMean: alpha / sum,
    theoryVariance: (alpha * beta) / (sum * sum * (sum + 1)),
    draws,
  };
}

/** Counts of the draws in 20 equal bins of [0, 1] (1 falls in the last). */
export function histogram(draws: readonly number[], bins = BINS): number[] {
  const counts = new Array<number>(bins).fill(0);
  for (const v of draws) counts[Math.min(bins - 1, Math.floor(v * bins))]++;
  return counts;
}

/** The text report: a 20-bin histogram, then mean and variance against theory. */
export function lambdaText(stats: LambdaStats): string {
  const counts = histogram(stats.draws);
  const max = Math.max(...counts);
  const countWidth = String(max).length;
  const lines = counts.map((count, b) => {
    const lo = (b / BINS).toFixed(2);
    const hi = ((b + 1) / BINS).toFixed(2);
    const bar = '█'.repeat(max > 0 ? Math.round((count / max) * BAR_WIDTH) : 0);
    const share = ((100 * count) / stats.n).toFixed(1).padStart(5);
    return `[${lo}, ${hi}${b === BINS - 1 ? ']' : ')'} ${String(count).padStart(countWidth)} ${share}% ${bar}`;
  });
  const f = (v: number) => v.toFixed(4);
  return [
    `λ ~ Beta(${stats.alpha}, ${stats.beta}), n = ${stats.n}, seed ${JSON.stringify(stats.seed)}`,
    '',
    ...lines,
    '',
    `mean      ${f(stats.mean)}   (theory ${f(stats.theoryMean)})`,
    `variance  ${f(stats.variance)}   (theory ${f(stats.theoryVariance)})`,
  ].join('\n');
}
