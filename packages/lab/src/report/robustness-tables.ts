import { runLabel } from '../study/labels.js';
import { formatMetric } from '../study/metrics.js';
import { summaryTable } from '../study/markdown.js';
import { cellMetric, corruptionMetrics, severityMetrics } from '../study/robustness-metrics.js';
import { summarize, type StrategySummary } from '../study/summary.js';
import type { RunResult } from '../types.js';
import { escapeHtml, resultsTableHtml } from './html-table.js';

/** The robustness tables of a study's runs: per corruption, per severity, and corruption × severity per strategy; undefined when no run measured corruptions. */
function robustnessTables(results: readonly RunResult[], strategies: readonly string[]) {
  const measured = results.filter((r) => (r.robustness?.corruptions.length ?? 0) > 0);
  if (measured.length === 0) return undefined;
  const rows = strategies.filter((s) => measured.some((r) => runLabel(r) === s));
  const corruptions = corruptionMetrics(measured);
  const severities = severityMetrics(measured);
  const levels = [...new Set(measured.flatMap((r) => r.robustness?.severities ?? []))].sort((a, b) => a - b);
  // The cell of each corruption and severity: mean over seeds.
  const cells = corruptions.flatMap((c) => levels.map((s) => cellMetric(c.label, s)));
  const detail = summarize(measured, rows, [...cells, ...corruptions]);
  return {
    byCorruption: { summaries: summarize(measured, rows, corruptions), metrics: corruptions },
    bySeverity: { summaries: summarize(measured, rows, severities), metrics: severities },
    detail: detail.map((s: StrategySummary) => ({
      strategy: s.strategy,
      rows: corruptions.map((c) => ({
        corruption: c.label,
        cells: levels.map((level) => formatMetric(cellMetric(c.label, level), s.metrics[`corruption:${c.label}:${level}`].mean)),
        mean: formatMetric({ ...c, digits: 1 }, s.metrics[c.key].mean),
      })),
    })),
    levels,
    corruptions: corruptions.length,
  };
}

/** What the tables show: the final models under the corruptions and severities the runs measured. */
const intro = (corruptions: number, levels: readonly number[]) =>
  `The final model of every run on the held-out split under ${corruptions} corruption${corruptions === 1 ? '' : 's'} at severit${levels.length === 1 ? 'y' : 'ies'} ${levels.join(', ')} (constants and sources in docs/robustness.md), the same corrupted images for every strategy of a seed. Accuracy in %.`;

/** results.md's robustness section (lines), or [] when the runs measured no corruptions. */
export function robustnessMarkdown(results: readonly RunResult[], strategies: readonly string[]): string[] {
  const tables = robustnessTables(results, strategies);
  if (!tables) return [];
  const detail = tables.detail.flatMap((d) => [
    `### ${d.strategy}: corruption × severity (mean over seeds)`,
    '',
    `| corruption | ${tables.levels.map((l) => `severity ${l}`).join(' | ')} | mean |`,
    `|---|${tables.levels.map(() => '--:').join('|')}|--:|`,
    ...d.rows.map((r) => `| ${r.corruption} | ${r.cells.join(' | ')} | ${r.mean} |`),
    '',
  ]);
  return [
    '## Robustness to corruptions',
    '',
    intro(tables.corruptions, tables.levels),
    '',
    '### Per corruption (mean over severities; mean ± std over seeds)',
    '',
    summaryTable(tables.byCorruption.summaries, tables.byCorruption.metrics),
    '',
    '### Per severity (mean over corruptions; mean ± std over seeds)',
    '',
    summaryTable(tables.bySeverity.summaries, tables.bySeverity.metrics),
    '',
    ...detail,
  ];
}

/** report.html's robustness section with its chart (an SVG), or '' when the runs measured no corruptions. */
export function robustnessSectionHtml(results: readonly RunResult[], strategies: readonly string[], chartSvg: string): string {
  const tables = robustnessTables(results, strategies);
  if (!tables) return '';
  const detail = tables.detail
    .map((d) => {
      const head = `<tr><th>corruption \\ severity</th>${tables.levels.map((l) => `<th class="num">${l}</th>`).join('')}<th class="num">mean</th></tr>`;
      const body = d.rows.map((r) => `<tr><td class="strategy">${escapeHtml(r.corruption)}</td>${r.cells.map((c) => `<td class="num">${c}</td>`).join('')}<td class="num">${r.mean}</td></tr>`).join('');
      return `<figure><figcaption>${escapeHtml(d.strategy)}: corruption × severity, mean over seeds</figcaption><table class="results"><thead>${head}</thead><tbody>${body}</tbody></table></figure>`;
    })
    .join('');
  return `<section id="robustness"><h2>Robustness to corruptions</h2><p class="lead">${escapeHtml(intro(tables.corruptions, tables.levels))} Per cell: mean ± std over seeds, the 95% CI, and Δ to <code>none</code> paired by seed as in the results table.</p>
<figure>${chartSvg}<figcaption>Accuracy against severity per corruption (first panel: the mean over corruptions), mean over seeds; severity 0 is the clean held-out accuracy.</figcaption></figure>
<h3>Per corruption (mean over severities)</h3><div class="scroll">${resultsTableHtml(tables.byCorruption.summaries, tables.byCorruption.metrics)}</div>
<h3>Per severity (mean over corruptions)</h3><div class="scroll">${resultsTableHtml(tables.bySeverity.summaries, tables.bySeverity.metrics)}</div>
<h3>Corruption × severity</h3><div class="tables">${detail}</div></section>`;
}
