import type { RunResult } from '../types.js';
import type { MetricSpec } from './metrics.js';

/** A run's accuracy under a corruption at a severity; NaN when it did not measure it. */
export function corruptionAccuracy(run: RunResult, name: string, severity: number): number {
  const rec = run.robustness;
  if (!rec) return NaN;
  const accuracy: Partial<Record<string, number[]>> = rec.accuracy;
  return accuracy[name]?.[rec.severities.indexOf(severity)] ?? NaN;
}

const corruptionsOf = (results: readonly RunResult[]) => [...new Set(results.flatMap((r) => r.robustness?.corruptions ?? []))];

/** mCA and OOD AUROC, when the study's runs measured them. */
export function robustnessMetrics(results: readonly RunResult[]): MetricSpec[] {
  const metrics: MetricSpec[] = [];
  if (results.some((r) => r.robustness?.meanCorruptionAccuracy !== undefined)) {
    metrics.push({
      key: 'mca',
      label: 'mCA',
      better: 'higher',
      percent: true,
      digits: 2,
      value: (r) => r.robustness?.meanCorruptionAccuracy ?? NaN,
      caption: `Mean corruption accuracy: held-out accuracy averaged over the corruptions (${corruptionsOf(results).join(', ')}) and their severities, the same corrupted images for every strategy of a seed (docs/robustness.md).`,
    });
  }
  const ood = [...new Set(results.flatMap((r) => r.robustness?.ood?.dataset ?? []))];
  if (ood.length > 0) {
    metrics.push({
      key: 'oodAuroc',
      label: `OOD AUROC`,
      better: 'higher',
      percent: true,
      digits: 2,
      value: (r) => r.robustness?.ood?.auroc ?? NaN,
      caption: `Out-of-distribution detection: AUROC of the maximum softmax probability separating held-out samples from ${ood.join(', ')}’s test samples (50 = chance, 100 = perfect; ties count ½).`,
    });
  }
  return metrics;
}

/** Mean accuracy over the severities of one corruption, per run: the per-corruption table. */
export function corruptionMetrics(results: readonly RunResult[]): MetricSpec[] {
  return corruptionsOf(results).map((name) => ({
    key: `corruption:${name}`,
    label: name,
    better: 'higher',
    percent: true,
    digits: 2,
    value: (r) => {
      const severities = r.robustness?.severities ?? [];
      return severities.length ? severities.reduce((s, severity) => s + corruptionAccuracy(r, name, severity), 0) / severities.length : NaN;
    },
    caption: `Held-out accuracy under ${name}, mean over the severities.`,
  }));
}

/** Accuracy at one severity, mean over the corruptions, per run: the per-severity table. */
export function severityMetrics(results: readonly RunResult[]): MetricSpec[] {
  const severities = [...new Set(results.flatMap((r) => r.robustness?.severities ?? []))].sort((a, b) => a - b);
  return severities.map((severity) => ({
    key: `severity:${severity}`,
    label: `severity ${severity}`,
    better: 'higher',
    percent: true,
    digits: 2,
    value: (r) => {
      const names = r.robustness?.corruptions ?? [];
      return names.length ? names.reduce((s, name) => s + corruptionAccuracy(r, name, severity), 0) / names.length : NaN;
    },
    caption: `Held-out accuracy at severity ${severity}, mean over the corruptions.`,
  }));
}

/** Accuracy under one corruption at one severity, per run: the detailed table. */
export function cellMetric(name: string, severity: number): MetricSpec {
  return {
    key: `corruption:${name}:${severity}`,
    label: String(severity),
    better: 'higher',
    percent: true,
    digits: 1,
    value: (r) => corruptionAccuracy(r, name, severity),
    caption: `Held-out accuracy under ${name} at severity ${severity}.`,
  };
}
