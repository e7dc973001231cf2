import 'reflect-metadata';
import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import cliProgress from 'cli-progress';
import { type Mixer, type Seed, type Zoo } from '@mixzoo/core';
import { textTable } from './cli/table.js';
import { loadMnist } from './data/mnist.js';
import { createZoo, tf } from './index.js';
import type { ImageBatch } from './render/image-batch.js';
import { renderMixPreview } from './render/preview.js';

/** The `npm start` job: every registered strategy on 16 MNIST digits, a grid each, and a timing table. */
export interface StartOptions {
  /** Folder for the grids and index.md; default 'out'. */
  outDir?: string;
  seed?: Seed;
  /** Digits per batch; default 16. */
  count?: number;
  /** Timed mixes per strategy (after warm-up); default 20. */
  repeats?: number;
}

export interface StartRow {
  strategy: string;
  /** Mean λ over every sample of the timed mixes. */
  meanLambda: number;
  /** Median wall time of one mix (sample + apply, outputs disposed). */
  msPerBatch: number;
  /** The grid, relative to outDir. */
  file: string;
}

const WARM_UP = 3;

/** Default options, except for the composite 'choice', which needs its list. */
function optionsFor(zoo: Zoo, name: string): unknown {
  if (name !== 'choice') return undefined;
  const of = zoo.has('cutmix')
    ? [{ name: 'mixup', weight: 0.5 }, { name: 'cutmix', weight: 0.5 }]
    : [{ name: 'mixup', weight: 1 }];
  return { of };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Median ms per mix and mean λ over `repeats` mixes, after a warm-up; every output disposed. */
function timeMixer(mixer: Mixer, batch: ImageBatch, repeats: number): { ms: number; meanLambda: number } {
  const inputs = tf.tensor4d(batch.images, batch.shape, 'float32');
  const labels = tf.tensor1d(batch.labels, 'int32');
  const times: number[] = [];
  let lambdaSum = 0;
  let lambdaCount = 0;
  try {
    for (let r = 0; r < WARM_UP + repeats; r++) {
      const start = performance.now();
      const out = mixer.mix({ inputs, labels, numClasses: batch.classNames.length });
      tf.dispose([out.inputs, out.labels ?? [], ...Object.values(out.targets ?? {})]);
      const ms = performance.now() - start;
      if (r < WARM_UP) continue;
      times.push(ms);
      for (const l of out.plan.lambda) lambdaSum += l;
      lambdaCount += out.plan.lambda.length;
    }
  } finally {
    tf.dispose([inputs, labels]);
  }
  return { ms: median(times), meanLambda: lambdaSum / lambdaCount };
}

function indexMarkdown(rows: StartRow[], info: { seed: Seed; count: number; backend: string }): string {
  return [
    '# mixzoo previews',
    '',
    `${info.count} MNIST digits (seed ${JSON.stringify(info.seed)}, backend ${info.backend}), mixed once by each registered strategy with its default options.`,
    'Each tile reads "λ own weight · own class ← partner class".',
    '',
    '| strategy | mean λ | ms / batch | grid |',
    '|---|--:|--:|---|',
    ...rows.map((r) => `| ${r.strategy} | ${r.meanLambda.toFixed(3)} | ${r.msPerBatch.toFixed(2)} | [${r.file}](${r.file}) |`),
    '',
    ...rows.flatMap((r) => [`## ${r.strategy}`, '', `![${r.strategy}](${r.file})`, '']),
  ].join('\n');
}

export async function runStart(options: StartOptions = {}): Promise<StartRow[]> {
  const { outDir = 'out', seed = 0, count = 16, repeats = 20 } = options;
  const zoo = await createZoo({ seed, backend: 'auto' });
  const batch = await loadMnist({ count, seed });
  await mkdir(outDir, { recursive: true });
  const baseline = tf.memory().numTensors;
  const names = zoo.list();
  const progress = new cliProgress.SingleBar(
    { stream: process.stderr, noTTYOutput: true, format: 'mixing {bar} {value}/{total} {strategy}', hideCursor: true },
    cliProgress.Presets.shades_classic,
  );
  progress.start(names.length, 0, { strategy: '' });
  const rows: StartRow[] = [];
  try {
    for (const name of names) {
      progress.update({ strategy: name });
      const mixer = zoo.create(name, optionsFor(zoo, name));
      const { png } = await renderMixPreview(mixer, batch);
      const file = `${name}.png`;
      await writeFile(join(outDir, file), png);
      const { ms, meanLambda } = timeMixer(mixer, batch, repeats);
      rows.push({ strategy: name, meanLambda, msPerBatch: ms, file });
      progress.increment();
    }
  } finally {
    progress.stop();
  }
  const leaked = tf.memory().numTensors - baseline;
  if (leaked !== 0) throw new Error(`start: ${leaked} tensor(s) left allocated after mixing.`);
  await writeFile(join(outDir, 'index.md'), indexMarkdown(rows, { seed, count, backend: zoo.backend }));
  return rows;
}

async function main(): Promise<void> {
  const outDir = process.argv[2] ?? 'out';
  const started = performance.now();
  const rows = await runStart({ outDir });
  const files = rows.map((r) => join(outDir, r.file));
  const table = textTable(
    ['strategy', 'mean λ', 'ms / batch', 'grid'],
    rows.map((r, i) => [r.strategy, r.meanLambda.toFixed(3), r.msPerBatch.toFixed(2), files[i]]),
    Math.max(...files.map((f) => f.length)) + 2,
  );
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  process.stdout.write(
    `${table}\nMedian of 20 mixes of 16 MNIST digits (28×28×1) per strategy, after warm-up, backend ${tf.getBackend()}.\n` +
      `Grids: ${resolve(outDir)}/<strategy>.png, listed in ${join(outDir, 'index.md')} (${seconds} s).\n`,
  );
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  main().catch((error: unknown) => {
    process.stderr.write(`error: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  });
}
