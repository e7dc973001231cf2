import type { RunResult } from '../types.js';
import type { MetricSpec } from './metrics.js';

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
      const values = r.robustness?.accuracy[name];
      return values?.length ? values.reduce((s, v) => s + v, 0) / values.length : NaN;
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
      const rec = r.robustness;
      const i = rec ? rec.severities.indexOf(severity) : -1;
      if (!rec || i < 0 || rec.corruptions.length === 0) return NaN;
      return rec.corruptions.reduce((s, name) => s + rec.accuracy[name][i], 0) / rec.corruptions.length;
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
    value: (r) => {
      const rec = r.robustness;
      const i = rec ? rec.severities.indexOf(severity) : -1;
      return rec && i >= 0 ? (rec.accuracy[name]?.[i] ?? NaN) : NaN;
    },
    caption: `Held-out accuracy under ${name} at severity ${severity}.`,
  };
}
