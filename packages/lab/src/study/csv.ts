import type { RunResult } from '../types.js';
import { runLabel } from './labels.js';

function field(value: unknown): string {
  const text = typeof value === 'string' ? value : typeof value === 'number' ? (Number.isFinite(value) ? String(value) : '') : JSON.stringify(value);
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * results.csv: one row per run and epoch, `label` naming its study row (the strategy, or a sweep's label) (long format, ready for pandas / R; `epoch` counts from 1),
 * held-out metrics after that epoch, one `noisy_accuracy_<σ>` column per noise level measured.
 */
export function resultsCsv(results: readonly RunResult[]): string {
  const sigmas = [...new Set(results.flatMap((r) => r.epochs.flatMap((e) => Object.keys(e.test.noisyAccuracy))))].sort((a, b) => Number(a) - Number(b));
  const head = ['id', 'label', 'strategy', 'strategy_options', 'seed', 'dataset', 'model', 'backend', 'epoch', 'train_loss', 'accuracy', 'nll', 'ece', 'brier', ...sigmas.map((s) => `noisy_accuracy_${s}`), 'seconds'];
  const rows = results.flatMap((r) =>
    r.epochs.map((e, i) => [
      r.id,
      runLabel(r),
      r.strategy,
      r.strategyOptions,
      r.seed,
      r.dataset,
      r.model,
      r.backend,
      i + 1,
      e.trainLoss,
      e.test.accuracy,
      e.test.nll,
      e.test.ece,
      e.test.brier,
      ...sigmas.map((s) => e.test.noisyAccuracy[s]),
      e.seconds,
    ]),
  );
  return [head, ...rows].map((row) => row.map(field).join(',')).join('\n') + '\n';
}
