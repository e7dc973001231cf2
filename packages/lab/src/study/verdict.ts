import { MixzooError, describeValue } from '@mixzoo/core';

/** Which way a paper says a difference a − b goes. */
export type ClaimedDirection = 'greater' | 'less';

/** Our result for that difference: its mean over the paired seeds and the p-value it is judged by (Holm-adjusted where several are tested). */
export interface ComparisonOutcome {
  difference: number;
  /** Two-sided p-value; NaN when there is no test (fewer than two seeds). */
  p: number;
}

export type Verdict = 'agrees' | 'partly' | 'disagrees';

export interface VerdictResult {
  verdict: Verdict;
  /** Why, in words: the direction, and whether it is significant at `alpha`. */
  reason: string;
}

/**
 * Does our result agree with the paper's claimed direction?
 * - agrees: the difference goes the paper's way and p ≤ alpha;
 * - partly: it goes the paper's way but is not significant (too few seeds or too small an effect to tell);
 * - disagrees: it goes the other way, or is exactly 0 (the reason says whether significantly).
 */
export function replicationVerdict(claim: ClaimedDirection, outcome: ComparisonOutcome, alpha = 0.05): VerdictResult {
  // Typed, but it may come from JSON or plain JavaScript: checked as unknown.
  if (!(['greater', 'less'] as unknown[]).includes(claim)) throw new MixzooError('E_OPTION', `replicationVerdict: claim must be 'greater' or 'less', got ${describeValue(claim)}.`);
  if (!Number.isFinite(outcome.difference)) throw new MixzooError('E_OPTION', `replicationVerdict: the difference must be a finite number, got ${describeValue(outcome.difference)}.`);
  if (!(alpha > 0 && alpha < 1)) throw new MixzooError('E_OPTION', `replicationVerdict: alpha must be in (0, 1), got ${describeValue(alpha)}.`);
  const claimed = claim === 'greater' ? 'higher' : 'lower';
  const significant = outcome.p <= alpha; // false for NaN: no test
  const evidence = Number.isNaN(outcome.p) ? 'no test: fewer than 2 seeds' : outcome.p < 0.001 ? 'p < 0.001' : `p = ${outcome.p.toFixed(3)}`;
  const sameWay = claim === 'greater' ? outcome.difference > 0 : outcome.difference < 0;
  if (outcome.difference === 0) return { verdict: 'disagrees', reason: `no difference; the paper finds it ${claimed}` };
  if (sameWay && significant) return { verdict: 'agrees', reason: `${claimed}, as in the paper, significantly (${evidence} ≤ ${alpha})` };
  if (sameWay) return { verdict: 'partly', reason: `${claimed}, as in the paper, but not significantly (${evidence})` };
  const opposite = claim === 'greater' ? 'lower' : 'higher';
  return significant
    ? { verdict: 'disagrees', reason: `${opposite}, against the paper, significantly (${evidence} ≤ ${alpha})` }
    : { verdict: 'disagrees', reason: `${opposite}, against the paper, though not significantly (${evidence})` };
}
