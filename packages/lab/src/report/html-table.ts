import { bestStrategy, interval, meanStd, powerText, pValues } from '../study/format.js';
import { formatMetric, metricHeader, type MetricSpec } from '../study/metrics.js';
import { BASELINE, type MetricSummary, type StrategySummary } from '../study/summary.js';
import { strategyScale } from './charts.js';

/** Text safe inside HTML elements and double-quoted attributes. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}

/** Δ to the baseline, coloured by whether it is an improvement, starred when p < 0.05. */
function differenceCell(metric: MetricSpec, s: MetricSummary): string {
  const test = s.vsBaseline;
  if (!test) return '';
  const better = metric.better === 'higher' ? test.difference > 0 : test.difference < 0;
  const sign = test.difference > 0 ? '+' : test.difference < 0 ? '−' : '±';
  const classes = [test.difference === 0 ? '' : better ? 'up' : 'down', test.p < 0.05 ? 'sig' : ''].filter(Boolean).join(' ');
  const power = powerText(metric, test);
  return `<span class="sub ${classes}">Δ ${sign}${formatMetric(metric, Math.abs(test.difference))}, ${pValues(test)}${power ? `; ${power}` : ''}</span>`;
}

/**
 * The results table: per strategy and metric the mean ± std over seeds, the 95% CI and the
 * difference to 'none' (paired t-test); the best mean of each column in bold.
 */
export function resultsTableHtml(summaries: readonly StrategySummary[], metrics: readonly MetricSpec[]): string {
  const { domain, range } = strategyScale(summaries.map((s) => s.strategy));
  const best = new Map(metrics.map((m) => [m.key, summaries.length > 1 ? bestStrategy(summaries, m) : undefined]));
  const head = `<tr><th>strategy</th><th class="num">seeds</th>${metrics.map((m) => `<th class="num">${escapeHtml(metricHeader(m))}</th>`).join('')}</tr>`;
  const rows = summaries.map((s) => {
    const swatch = `<span class="swatch" style="background:${range[domain.indexOf(s.strategy)]}"></span>`;
    const cells = metrics.map((m) => {
      const summary = s.metrics[m.key];
      const main = `<span class="${best.get(m.key) === s.strategy ? 'best' : ''}">${meanStd(m, summary)}</span>`;
      const ci = Number.isFinite(summary.low) ? `<span class="sub">95% CI ${interval(m, summary)}</span>` : '';
      return `<td class="num">${main}${ci}${differenceCell(m, summary)}</td>`;
    });
    return `<tr><td class="strategy">${swatch}${escapeHtml(s.strategy)}${s.strategy === BASELINE ? ' <span class="sub">baseline</span>' : ''}</td><td class="num">${s.seeds.length}</td>${cells.join('')}</tr>`;
  });
  return `<table class="results"><thead>${head}</thead><tbody>${rows.join('')}</tbody></table>`;
}
