import { robustnessText } from '../metrics/robustness.js';
import type { AugmentStepSpec, StudyConfig } from '../types.js';
import { labelNoiseText } from '../datasets/label-noise.js';
import { strategyLabel } from './labels.js';
import { formatMetric, type MetricSpec } from './metrics.js';
import { minimalDetectableDifference, pairedEffectSize } from './power.js';
import type { PairedTest } from './stats.js';
import type { MetricSummary, StrategySummary } from './summary.js';

/** "97.12 ± 0.31" (just the mean from a single seed). */
export function meanStd(metric: MetricSpec, s: MetricSummary): string {
  return Number.isFinite(s.std) ? `${formatMetric(metric, s.mean)} ± ${formatMetric(metric, s.std)}` : formatMetric(metric, s.mean);
}

/** "[96.50, 97.74]", or '–' below two seeds. */
export function interval(metric: MetricSpec, s: MetricSummary): string {
  return Number.isFinite(s.low) ? `[${formatMetric(metric, s.low)}, ${formatMetric(metric, s.high)}]` : '–';
}

export function pValue(p: number): string {
  if (!Number.isFinite(p)) return 'p n/a';
  return p < 0.001 ? 'p < 0.001' : `p = ${p.toFixed(3)}`;
}

/** "p = 0.032, Holm p = 0.064": the raw p-value, and the Holm-adjusted one when the study compares several rows with the baseline. */
export function pValues(test: PairedTest): string {
  return test.pHolm === undefined || !Number.isFinite(test.pHolm) ? pValue(test.p) : `${pValue(test.p)}, Holm ${pValue(test.pHolm)}`;
}

/** The p-value a difference is judged by: Holm-adjusted when the study compares several rows with the baseline. */
export const judgedP = (test: PairedTest): number => (test.pHolm !== undefined && Number.isFinite(test.pHolm) ? test.pHolm : test.p);

/**
 * "d_z = 1.20" (effect size: mean difference / std of the per-seed differences) and, when the
 * difference is not significant at 0.05, "MDD 1.93": the smallest difference these seeds detect
 * with power 0.8 (see power.ts); '' below two seeds.
 */
export function powerText(metric: MetricSpec, test: PairedTest): string {
  const n = test.df + 1;
  if (n < 2) return '';
  const d = pairedEffectSize(test.difference, test.differenceStd);
  const effect = `d_z = ${d < 0 ? '−' : ''}${Number.isFinite(d) ? Math.abs(d).toFixed(2) : '∞'}`;
  if (judgedP(test) <= 0.05) return effect;
  return `${effect}, MDD ${formatMetric(metric, minimalDetectableDifference(test.differenceStd, n))}`;
}

/** "+0.85 (p = 0.032, Holm p = 0.064; d_z = 1.20)": difference to the baseline with its paired t-test, effect size and, when not significant, the minimal detectable difference; '' without one. */
export function difference(metric: MetricSpec, s: MetricSummary): string {
  const test = s.vsBaseline;
  if (!test) return '';
  const sign = test.difference > 0 ? '+' : test.difference < 0 ? '−' : '±';
  const power = powerText(metric, test);
  return `${sign}${formatMetric(metric, Math.abs(test.difference))} (${pValues(test)}${power ? `; ${power}` : ''})`;
}

/** The strategy with the best mean of a metric (by its direction), or undefined when none is finite. */
export function bestStrategy(summaries: readonly StrategySummary[], metric: MetricSpec): string | undefined {
  const sign = metric.better === 'higher' ? 1 : -1;
  let best: StrategySummary | undefined;
  for (const s of summaries) {
    const value = s.metrics[metric.key].mean;
    if (Number.isFinite(value) && (!best || sign * value > sign * best.metrics[metric.key].mean)) best = s;
  }
  return best?.strategy;
}

/** Strategy options as short text: 'alpha=0.4, mode=elem' ('defaults' when none). */
export function optionsText(options: Record<string, unknown> | undefined): string {
  const entries = Object.entries(options ?? {});
  return entries.length ? entries.map(([k, v]) => `${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`).join(', ') : 'defaults';
}

/** Augmentation steps as short text: 'crop (padding=2); flip (defaults)', or 'none'. */
export function augmentText(augment: readonly AugmentStepSpec[] | undefined): string {
  if (!augment || augment.length === 0) return 'none';
  return augment.map((step) => (typeof step === 'string' ? `${step} (defaults)` : `${step.name} (${optionsText(step.options)})`)).join('; ');
}

/** The config as [label, value] pairs, for the Markdown and HTML summaries. */
export function configRows(config: StudyConfig): [string, string][] {
  const rows: [string, string][] = [
    ['dataset', config.dataset],
    ['model', config.modelReason ? `${config.model} (${config.modelReason})` : config.model],
    ['strategies', config.strategies.map((s) => `${strategyLabel(s)}${s.label === undefined ? '' : ` = ${s.name}`} (${optionsText(s.options)})`).join('; ')],
    ['seeds', config.seeds.join(', ')],
    ['epochs', String(config.epochs)],
    ['batch size', String(config.batchSize)],
  ];
  if (config.trainSize !== undefined) rows.push(['train size', String(config.trainSize)]);
  if (config.testSize !== undefined) rows.push(['test size', String(config.testSize)]);
  if (config.learningRate !== undefined) rows.push(['learning rate', String(config.learningRate)]);
  if (config.augment?.length) rows.push(['augmentation', `${augmentText(config.augment)}, per sample before mixing`]);
  if (config.robustness) rows.push(['robustness', robustnessText(config.robustness)]);
  if (config.labelNoise) rows.push(['label noise', `${labelNoiseText(config.labelNoise)}, training labels only`]);
  return rows;
}
