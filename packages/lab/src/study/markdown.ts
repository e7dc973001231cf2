import type { StudyConfig } from '../types.js';
import { bestStrategy, configRows, difference, interval, meanStd } from './format.js';
import { trainingRecipeRows } from '../report/recipe.js';
import { metricHeader, type MetricSpec } from './metrics.js';
import { MDD_FORMULA } from './power.js';
import { BASELINE, type MetricSummary, type StrategySummary } from './summary.js';

function table(metrics: readonly MetricSpec[], rows: { strategy: string; cells: string[] }[]): string {
  return [
    `| strategy | ${metrics.map(metricHeader).join(' | ')} |`,
    `|---|${metrics.map(() => '--:').join('|')}|`,
    ...rows.map((r) => `| ${r.strategy} | ${r.cells.join(' | ')} |`),
  ].join('\n');
}

function cells(summaries: readonly StrategySummary[], metrics: readonly MetricSpec[], cell: (m: MetricSpec, s: MetricSummary) => string) {
  return summaries.map((s) => ({ strategy: s.strategy, cells: metrics.map((m) => cell(m, s.metrics[m.key])) }));
}

/** Mean ± std over seeds per strategy and metric; the best mean of each metric in bold. */
export function summaryTable(summaries: readonly StrategySummary[], metrics: readonly MetricSpec[]): string {
  const best = new Map(metrics.map((m) => [m.key, bestStrategy(summaries, m)]));
  return table(
    metrics,
    summaries.map((s) => ({
      strategy: s.strategy,
      cells: metrics.map((m) => (best.get(m.key) === s.strategy && summaries.length > 1 ? `**${meanStd(m, s.metrics[m.key])}**` : meanStd(m, s.metrics[m.key]))),
    })),
  );
}

/** 95% confidence intervals of the mean (t distribution). */
export function intervalTable(summaries: readonly StrategySummary[], metrics: readonly MetricSpec[]): string {
  return table(metrics, cells(summaries, metrics, interval));
}

/** Difference to 'none' with the paired t-test's p-value; '' when the study has no 'none'. */
export function differenceTable(summaries: readonly StrategySummary[], metrics: readonly MetricSpec[]): string {
  const others = summaries.filter((s) => s.strategy !== BASELINE && Object.values(s.metrics).some((m) => m.vsBaseline));
  return others.length ? table(metrics, cells(others, metrics, difference)) : '';
}

/** results.md: the config, the three tables, further `sections` (lines: the robustness tables), and what each metric means. */
export function resultsMarkdown(config: StudyConfig, summaries: readonly StrategySummary[], metrics: readonly MetricSpec[], sections: readonly string[] = []): string {
  const seeds = Math.max(0, ...summaries.map((s) => s.seeds.length));
  const differences = differenceTable(summaries, metrics);
  const lines = [
    `# mixzoo study: ${config.dataset}, ${config.model}`,
    '',
    ...configRows(config).map(([k, v]) => `- ${k}: ${v}`),
    '',
    '## Training recipe',
    '',
    ...trainingRecipeRows(config).map(([k, v]) => `- ${k}: ${v}`),
    '',
    `## Results (mean ± std over ${seeds} seed${seeds === 1 ? '' : 's'})`,
    '',
    'Held-out metrics after the last epoch; the best mean of each column in bold.',
    '',
    summaryTable(summaries, metrics),
    '',
    '## 95% confidence intervals of the mean',
    '',
    'mean ± t(0.975, n − 1) · std / √n over the n seeds.',
    '',
    intervalTable(summaries, metrics),
    '',
  ];
  if (differences) {
    lines.push(
      `## Difference to \`${BASELINE}\` (paired t-test over seeds)`,
      '',
      `Mean of (strategy − ${BASELINE}) over the seeds both ran, same data and data order per seed; two-sided p-value of the paired t-test, and (Holm) that p-value adjusted for multiplicity by Holm–Bonferroni over the rows compared with \`${BASELINE}\` on the same metric: reject where Holm p ≤ α to keep the chance of any false positive among them ≤ α. d_z is the effect size, mean / std of the per-seed differences; MDD, given where the difference is not significant (Holm p, else p, > 0.05), is the smallest difference these seeds detect with power 0.8 (${MDD_FORMULA}). Percent metrics in percentage points.`,
      '',
      differences,
      '',
    );
  }
  lines.push(...sections, '## Metrics', '', ...metrics.map((m) => `- **${m.label}**: ${m.caption}`), '');
  return lines.join('\n');
}
