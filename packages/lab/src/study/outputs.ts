import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { renderReportHtml, type ReportImages } from '../report/html.js';
import { robustnessMarkdown } from '../report/robustness-tables.js';
import type { RunResult, StudyConfig } from '../types.js';
import { resultsCsv } from './csv.js';
import { strategyLabel } from './labels.js';
import { resultsMarkdown } from './markdown.js';
import { studyMetrics, type MetricSpec } from './metrics.js';
import { summarize, type StrategySummary } from './summary.js';
import { writeIfChanged } from './write-if-changed.js';

/** Where a study folder keeps its pictures: images/samples-<strategy>.png, images/boundary-<strategy>.png, images/augmented.png. */
export const IMAGES_DIR = 'images';
export const imageFile = (kind: 'samples' | 'boundary', strategy: string) => `${kind}-${encodeURIComponent(strategy)}.png`;
/** The sample images after augmentation, before mixing (studies with augmentations). */
export const AUGMENTED_FILE = 'augmented.png';

/** The pictures of the config's strategies found in the study folder. */
export async function readStudyImages(outDir: string, config: StudyConfig): Promise<ReportImages> {
  const files = new Set(await readdir(join(outDir, IMAGES_DIR)).catch(() => [] as string[]));
  const read = async (kind: 'samples' | 'boundary') => {
    const found: Record<string, Buffer> = {};
    for (const name of config.strategies.map(strategyLabel)) if (files.has(imageFile(kind, name))) found[name] = await readFile(join(outDir, IMAGES_DIR, imageFile(kind, name)));
    return found;
  };
  const images: ReportImages = { samples: await read('samples'), boundaries: await read('boundary') };
  // Only for a study that augments: a --no-resume study without augmentation may find an older one's picture.
  if (config.augment?.length && files.has(AUGMENTED_FILE)) images.augmented = await readFile(join(outDir, IMAGES_DIR, AUGMENTED_FILE));
  return images;
}

/** When the newest run finished (results.json's time for runs that do not record it): the same runs, the same report. */
async function lastRunDate(jsonFile: string, results: readonly RunResult[]): Promise<Date | undefined> {
  const times = results.map((r) => Date.parse(r.provenance?.finishedAt ?? ''));
  if (times.length > 0 && times.every(Number.isFinite)) return new Date(Math.max(...times));
  return (await stat(jsonFile).catch(() => undefined))?.mtime;
}

export interface StudyOutputs {
  metrics: MetricSpec[];
  summaries: StrategySummary[];
  /** results.md's text. */
  markdown: string;
  files: { json: string; csv: string; markdown: string; html: string };
}

/** Writes results.csv, results.md and report.html of the study's finished runs (results.json is kept up to date by runStudy). */
export async function writeStudyOutputs(outDir: string, config: StudyConfig, results: readonly RunResult[]): Promise<StudyOutputs> {
  const strategies = config.strategies.map(strategyLabel);
  const metrics = studyMetrics(results);
  const summaries = summarize(results, strategies, metrics);
  const markdown = resultsMarkdown(config, summaries, metrics, robustnessMarkdown(results, strategies));
  const files = { json: join(outDir, 'results.json'), csv: join(outDir, 'results.csv'), markdown: join(outDir, 'results.md'), html: join(outDir, 'report.html') };
  const html = await renderReportHtml({ config, results, images: await readStudyImages(outDir, config), date: await lastRunDate(files.json, results) });
  await Promise.all([writeIfChanged(files.csv, resultsCsv(results)), writeIfChanged(files.markdown, markdown), writeIfChanged(files.html, html)]);
  return { metrics, summaries, markdown, files };
}
