import type { TopLevelSpec } from 'vega-lite';
import { augmentText, configRows, optionsText } from '../study/format.js';
import { trainingRecipeRows } from './recipe.js';
import { runLabel, strategyLabel } from '../study/labels.js';
import { studyMetrics } from '../study/metrics.js';
import { BASELINE, summarize } from '../study/summary.js';
import type { RunResult, StudyConfig } from '../types.js';
import { differenceSpec, learningCurvesSpec, metricBarsSpec, reliabilitySpec } from './charts.js';
import { escapeHtml, resultsTableHtml } from './html-table.js';
import { scheduleSpec } from './schedule-chart.js';
import { robustnessSpec } from './robustness-chart.js';
import { robustnessSectionHtml } from './robustness-tables.js';
import { REPORT_CSS } from './style.js';
import { vegaLiteToSvg } from './vega-svg.js';

/** PNG pictures per strategy name. */
export interface ReportImages {
  /** A grid of training samples mixed by the strategy ('none': the unmixed samples); with augmentations, of the augmented samples. */
  samples?: Record<string, Buffer>;
  /** With augmentations: the same samples after augmentation, before mixing. */
  augmented?: Buffer;
  /** The decision boundary learnt on a 2-D dataset (first seed), with the training points. */
  boundaries?: Record<string, Buffer>;
}

export interface ReportInput {
  config: StudyConfig;
  /** The study's finished runs. */
  results: readonly RunResult[];
  images?: ReportImages;
  /** When the report was made; default now. */
  date?: Date;
}

/**
 * Inlined SVGs share one id namespace: vega names its clip paths clip1, clip2... in every
 * chart, so each chart's ids (and the references to them) get their own prefix.
 */
export function scopeSvgIds(svg: string, prefix: string): string {
  return svg
    .replace(/^<\?xml[^>]*>\s*/, '')
    .replace(/\bid="([^"]+)"/g, `id="${prefix}-$1"`)
    .replace(/url\(#([^)]+)\)/g, `url(#${prefix}-$1)`)
    .replace(/href="#([^"]+)"/g, `href="#${prefix}-$1"`);
}

const hasAny = (pictures: Record<string, Buffer> | undefined) => Object.keys(pictures ?? {}).length > 0;
const pngUri = (png: Buffer) => `data:image/png;base64,${png.toString('base64')}`;

function figure(id: string, title: string, svg: string, caption: string): string {
  return `<section id="${id}"><h2>${escapeHtml(title)}</h2><figure>${scopeSvgIds(svg, id)}<figcaption>${caption}</figcaption></figure></section>`;
}

const picture = (png: Buffer, alt: string, name: string, note: string) =>
  `<figure><img src="${pngUri(png)}" alt="${escapeHtml(alt)}"><figcaption>${escapeHtml(name)} <span>${escapeHtml(note)}</span></figcaption></figure>`;

/** One picture per strategy of the config, after `first` (a picture shown before them) when given. */
function gallery(id: string, title: string, intro: string, pictures: Record<string, Buffer>, config: StudyConfig, first = ''): string {
  const order = config.strategies.map(strategyLabel).filter((name) => Object.hasOwn(pictures, name));
  if (order.length === 0 && !first) return '';
  const items = order.map((name) => {
    const options = config.strategies.find((s) => strategyLabel(s) === name)?.options;
    return picture(pictures[name], `${title}: ${name}`, name, name === BASELINE ? 'unmixed' : optionsText(options));
  });
  return `<section id="${id}"><h2>${escapeHtml(title)}</h2><p class="lead">${intro}</p><div class="gallery">${first}${items.join('')}</div></section>`;
}

/** The samples section: with augmentations, the augmented samples first, then each strategy's mix of them. */
function samplesGallery(images: ReportImages, config: StudyConfig): string {
  const tiles = 'Tiles read “λ own weight · own class ← partner class”.';
  if (!images.augmented || !config.augment?.length) {
    return gallery('samples', 'Mixed samples', `The same training samples mixed once by each strategy (with its study options). ${tiles}`, images.samples ?? {}, config);
  }
  const steps = augmentText(config.augment);
  return gallery(
    'samples',
    'Augmented and mixed samples',
    `Training batches are augmented per sample (${escapeHtml(steps)}), then mixed. The first picture shows the same training samples after augmentation, before mixing (every strategy of a seed sees the same augmentations); the others show these augmented samples mixed once by each strategy (with its study options). ${tiles}`,
    images.samples ?? {},
    config,
    picture(images.augmented, `Augmented samples: ${steps}`, 'augmented', `${steps}, before mixing`),
  );
}

function minutes(seconds: number): string {
  return seconds < 90 ? `${seconds.toFixed(0)} s` : seconds < 5400 ? `${(seconds / 60).toFixed(1)} min` : `${(seconds / 3600).toFixed(1)} h`;
}

/** report.html: one self-contained page (charts as inline SVG, pictures as data: URIs, no external resource). */
export async function renderReportHtml(input: ReportInput): Promise<string> {
  const { config, results, images = {} } = input;
  const strategies = config.strategies.map(strategyLabel).filter((name) => results.some((r) => runLabel(r) === name));
  const metrics = studyMetrics(results);
  const summaries = summarize(results, strategies, metrics);
  const hasBaseline = summaries.some((s) => s.strategy !== BASELINE && Object.values(s.metrics).some((m) => m.vsBaseline));
  const charts: [string, TopLevelSpec][] = [
    ['bars', metricBarsSpec(summaries, metrics)],
    ['curves', learningCurvesSpec(results, strategies)],
    ['reliability', reliabilitySpec(results, summaries)],
  ];
  if (hasBaseline) charts.push(['difference', differenceSpec(summaries, metrics)]);
  const schedule = scheduleSpec(config, strategies);
  if (schedule) charts.push(['schedule', schedule]);
  const hasRobustness = results.some((r) => (r.robustness?.corruptions.length ?? 0) > 0);
  if (hasRobustness) charts.push(['robustness', robustnessSpec(results, strategies)]);
  const svg = Object.fromEntries(await Promise.all(charts.map(async ([id, spec]) => [id, await vegaLiteToSvg(spec)] as const)));
  const seeds = [...new Set(results.map((r) => r.seed))];
  const backends = [...new Set(results.map((r) => r.backend))].join(', ');
  const compute = results.reduce((sum, r) => sum + r.epochs.reduce((s, e) => s + e.seconds, 0), 0);
  const title = `mixzoo study: ${config.dataset} · ${config.model}`;
  const samples = samplesGallery(images, config);
  const sections = [
    `<section id="config"><h2>Setup</h2><table class="config"><tbody>${configRows(config)
      .map(([k, v]) => `<tr><td>${escapeHtml(k)}</td><td>${escapeHtml(v)}</td></tr>`)
      .join('')}<tr><td>backend</td><td>${escapeHtml(backends)}</td></tr><tr><td>training time</td><td>${minutes(compute)} over ${results.length} runs</td></tr></tbody></table></section>`,
    `<section id="recipe"><h2>Training recipe</h2><table class="config"><tbody>${trainingRecipeRows(config)
      .map(([k, v]) => `<tr><td>${escapeHtml(k)}</td><td>${escapeHtml(v)}</td></tr>`)
      .join('')}</tbody></table></section>`,
    `<section id="results"><h2>Results</h2><p class="lead">Held-out metrics after the last epoch: mean ± std over seeds, the 95% confidence interval of the mean (t distribution, n − 1 df)${
      hasBaseline ? `, and Δ, the mean difference to <code>${BASELINE}</code> paired by seed with the two-sided p-value of a paired t-test and, with several rows compared, that p-value Holm–Bonferroni-adjusted for the comparisons with <code>${BASELINE}</code> on the same metric, the effect size d_z (mean / std of the per-seed differences) and, where not significant, the minimal detectable difference MDD at power 0.8 (* raw p &lt; 0.05; green = better, red = worse; percent metrics in percentage points)` : ''
    }. The best mean of each column is in bold.</p><div class="scroll">${resultsTableHtml(summaries, metrics)}</div></section>`,
    figure('bars', 'Metrics per strategy', svg.bars, 'Bars: mean over seeds; whiskers: 95% confidence interval of the mean; dots: individual seeds. Bars start at 0, so small differences are easier to read in the table and in the difference chart.'),
    hasBaseline
      ? figure('difference', `Difference to ${BASELINE}`, svg.difference, `Per metric, each strategy minus <code>${BASELINE}</code>, paired by seed (same data, same data order): bar = mean difference, whiskers = its 95% confidence interval (t distribution). A whisker crossing the dashed zero line means the difference is not significant at 5%.`)
      : '',
    figure('curves', 'Learning curves', svg.curves, 'Held-out accuracy and negative log-likelihood after each epoch; line = mean over seeds, band = ± 1 standard deviation over seeds.'),
    schedule
      ? figure('schedule', 'Schedules', svg.schedule, 'What the scheduled strategies trained with at the start of each epoch (every run records it in <code>epochs[].mixing</code>): whether they mixed (0 = the epoch trained unmixed, as <code>none</code>), and each scheduled option where they mixed. See docs/schedules.md.')
      : '',
    hasRobustness ? robustnessSectionHtml(results, strategies, scopeSvgIds(svg.robustness, 'robustness')) : '',
    figure('reliability', 'Calibration: reliability diagrams', svg.reliability, 'Held-out predictions of all seeds pooled into 15 confidence bins. Bars: accuracy within each bin; red: the gap to the bin’s mean confidence; dashed: perfect calibration. Bars below the diagonal mean over-confidence, above it under-confidence. Empty bins are not drawn.'),
    samples,
    gallery('boundaries', 'Decision boundaries', 'Predicted class over the input plane after the last epoch (first seed), training points on top: mixing strategies usually give smoother boundaries with wider margins.', images.boundaries ?? {}, config),
    `<section id="metrics"><h2>What the metrics mean</h2><dl class="metrics">${metrics.map((m) => `<dt>${escapeHtml(m.label)}</dt><dd>${escapeHtml(m.caption)}</dd>`).join('')}</dl></section>`,
  ].filter(Boolean);
  const nav = ['results', 'bars', hasBaseline ? 'difference' : '', 'curves', schedule ? 'schedule' : '', hasRobustness ? 'robustness' : '', 'reliability', samples ? 'samples' : '', hasAny(images.boundaries) ? 'boundaries' : '', 'metrics'].filter(Boolean);
  const lead = `${strategies.length} strategies × ${seeds.length} seed${seeds.length === 1 ? '' : 's'}, ${config.epochs} epoch${config.epochs === 1 ? '' : 's'} each, the same data and data order per seed across strategies. Generated ${(input.date ?? new Date()).toISOString().replace('T', ' ').slice(0, 16)} UTC.`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${REPORT_CSS}</style>
</head>
<body>
<main>
<h1>${escapeHtml(title)}</h1>
<p class="lead">${escapeHtml(lead)}</p>
<nav>${nav.map((id) => `<a href="#${id}">${id}</a>`).join('')}</nav>
${sections.join('\n')}
<footer>Data: <a href="results.json">results.json</a> (every run, every epoch) · <a href="results.csv">results.csv</a> · <a href="results.md">results.md</a>. Made with mixzoo.</footer>
</main>
</body>
</html>
`;
}
