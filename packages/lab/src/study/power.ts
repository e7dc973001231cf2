import { logGamma, tQuantile } from './t-distribution.js';

/**
 * Power of the two-sided paired t-test, and the smallest difference a study of n seeds could have
 * detected (minimal detectable difference, MDD), as statsmodels' `ttest_power` computes them:
 *
 *   power(d) = P(T' > c) + P(T' < −c),  c = t(1 − α/2, n − 1),  T' ~ noncentral t(n − 1, d·√n),
 *
 * with d the standardized difference (mean difference / std of the per-seed differences). The
 * noncentral t is integrated exactly: T' = (Z + d√n) / S with S = √(V / df), V ~ χ²(df), so
 * P(T' > c) = E_S[1 − Φ(c·S − d√n)] and P(T' < −c) = E_S[Φ(−c·S − d√n)], a one-dimensional
 * integral over the density of S, done here by composite Simpson's rule. The MDD is σ_d · d*(n),
 * d* the root of power(d) = target (bisection: power increases with d).
 */

const SIMPSON_INTERVALS = 2000;

/** erfc(x) through the regularized upper incomplete gamma Q(1/2, x²): series below 1.5, continued fraction above (Numerical Recipes §6.2). */
function erfc(x: number): number {
  if (x < 0) return 2 - erfc(-x);
  const z = x * x;
  const a = 0.5;
  const front = Math.exp(-z + a * Math.log(z) - logGamma(a));
  if (z < a + 1) {
    // P(a, z) by its series; Q = 1 − P.
    let term = 1 / a;
    let sum = term;
    for (let n = 1; n < 500 && Math.abs(term) > Math.abs(sum) * 1e-16; n++) {
      term *= z / (a + n);
      sum += term;
    }
    return 1 - sum * front;
  }
  // Q(a, z) by its continued fraction (modified Lentz).
  const tiny = 1e-300;
  let b = z + 1 - a;
  let c = 1 / tiny;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < 500; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < tiny) d = tiny;
    c = b + an / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const step = d * c;
    h *= step;
    if (Math.abs(step - 1) < 1e-16) break;
  }
  return front * h;
}

/** Standard normal CDF Φ(x). */
export function normalCdf(x: number): number {
  return 0.5 * erfc(-x / Math.SQRT2);
}

/** Density of S = √(V / df), V ~ χ²(df): 2 (df/2)^(df/2) / Γ(df/2) · s^(df−1) · e^(−df·s²/2). */
function scaledChiDensity(s: number, df: number, logConstant: number): number {
  if (s === 0) return df === 1 ? Math.exp(logConstant) : 0;
  return Math.exp(logConstant + (df - 1) * Math.log(s) - (df * s * s) / 2);
}

/** Power of the two-sided paired t-test with n pairs at standardized difference d (≥ 0) and level α. */
export function pairedTTestPower(d: number, n: number, alpha = 0.05): number {
  if (!Number.isInteger(n) || n < 2) throw new RangeError(`pairedTTestPower: needs n >= 2 pairs, got ${n}.`);
  if (!(alpha > 0 && alpha < 1)) throw new RangeError(`pairedTTestPower: alpha must be in (0, 1), got ${alpha}.`);
  if (!Number.isFinite(d)) throw new RangeError(`pairedTTestPower: d must be finite, got ${d}.`);
  const df = n - 1;
  const c = tQuantile(1 - alpha / 2, df);
  const shift = Math.abs(d) * Math.sqrt(n);
  const logConstant = Math.log(2) + (df / 2) * Math.log(df / 2) - logGamma(df / 2);
  // S has mean ≈ 1 and std ≈ 1/√(2 df); its density is below 1e-30 past 1 + 12/√df (half-normal tail for df = 1).
  const upper = 1 + 12 / Math.sqrt(df);
  const h = upper / SIMPSON_INTERVALS;
  let sum = 0;
  for (let i = 0; i <= SIMPSON_INTERVALS; i++) {
    const s = i * h;
    const rejects = 1 - normalCdf(c * s - shift) + normalCdf(-c * s - shift);
    const weight = i === 0 || i === SIMPSON_INTERVALS ? 1 : i % 2 === 1 ? 4 : 2;
    sum += weight * rejects * scaledChiDensity(s, df, logConstant);
  }
  return Math.min(1, (sum * h) / 3);
}

/** d*(n): the standardized difference the paired t-test with n pairs detects with probability `power` at level α. */
export function detectableEffect(n: number, power = 0.8, alpha = 0.05): number {
  if (!(power > alpha && power < 1)) throw new RangeError(`detectableEffect: power must be in (alpha, 1), got ${power}.`);
  let low = 0;
  let high = 1;
  while (pairedTTestPower(high, n, alpha) < power) high *= 2;
  for (let i = 0; i < 60 && high - low > 1e-7 * high; i++) {
    const mid = (low + high) / 2;
    if (pairedTTestPower(mid, n, alpha) < power) low = mid;
    else high = mid;
  }
  return (low + high) / 2;
}

/** d*(n) at power 0.8 and α = 0.05, computed once per n (reports ask for the same n many times). */
const standardEffects = new Map<number, number>();

/**
 * The minimal detectable difference of a paired comparison at power 0.8 and α = 0.05: σ_d · d*(n),
 * with σ_d the sample std of the n per-seed differences; NaN below two pairs or when σ_d is not finite.
 */
export function minimalDetectableDifference(differenceStd: number, n: number): number {
  if (n < 2 || !Number.isFinite(differenceStd)) return NaN;
  let effect = standardEffects.get(n);
  if (effect === undefined) standardEffects.set(n, (effect = detectableEffect(n)));
  return differenceStd * effect;
}

/** Cohen's d_z of a paired comparison: mean difference / std of the differences (±∞ for identical non-zero differences, NaN for none). */
export function pairedEffectSize(difference: number, differenceStd: number): number {
  if (differenceStd === 0) return difference === 0 ? 0 : Math.sign(difference) * Infinity;
  return difference / differenceStd;
}

/** Which formula `minimalDetectableDifference` uses, for reports. */
export const MDD_FORMULA = 'MDD = σ_d · d*(n): σ_d the std of the per-seed differences, d* the standardized difference the two-sided paired t-test (α = 0.05) detects with power 0.8, from the exact noncentral t distribution';
