import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { MixzooError, type Zoo } from '@mixzoo/core';
import { loadDataset } from '../datasets/load.js';
import { decisionBoundary } from '../metrics/decision-boundary.js';
import { disposeModel } from '../models/create.js';
import { renderBoundaryPng } from '../report/boundary.js';
import { augmentBatch, renderPlainGrid, renderSampleGrid, sampleBatch } from '../report/samples.js';
import { createRunAugmenter } from '../train/augment.js';
import { trainRun } from '../train/train-run.js';
import type { Dataset, EpochRecord, RunResult, StudyConfig } from '../types.js';
import { checkSameSetup, checkStoredRun, checkStudyConfig, expectedRun, runId } from './config.js';
import { AUGMENTED_FILE, IMAGES_DIR, imageFile, writeStudyOutputs, type StudyOutputs } from './outputs.js';
import { migrateRun, readResults, writeResults } from './results-file.js';
import { readStudyFile, studyFileText } from './study-file.js';
import { writeIfChanged } from './write-if-changed.js';

/** One run of the study: its place among all runs (1-based) and what it trains. */
export interface RunSlot {
  id: string;
  strategy: string;
  seed: number;
  index: number;
  total: number;
}

/** What runStudy reports while it works, in order. */
export type StudyEvent =
  /** Before anything runs: `pending` of `total` runs still to train, `epochs` each. */
  | { type: 'plan'; total: number; pending: number; epochs: number }
  /** A run found in results.json: not trained again. */
  | { type: 'skip'; run: RunSlot }
  | { type: 'run-start'; run: RunSlot }
  /** After each training batch of the run (done of total batches of the whole run). */
  | { type: 'batch'; run: RunSlot; done: number; total: number }
  /** After each epoch's held-out evaluation; `epoch` counts from 1. */
  | { type: 'epoch'; run: RunSlot; epoch: number; epochs: number; record: EpochRecord }
  /** The run is finished and saved in results.json. */
  | { type: 'run-end'; run: RunSlot; result: RunResult }
  /** results.csv, results.md and report.html are being written. */
  | { type: 'report' };

export interface StudyOptions {
  /** The zoo the strategies come from (its backend runs the training). */
  zoo: Zoo;
  /** The study folder: results.json, results.csv, results.md, report.html, study.json, images/. */
  outDir: string;
  onProgress?(event: StudyEvent): void;
  /** Reuse the finished runs of outDir/results.json (default true); false trains every run again. */
  resume?: boolean;
  /** loadDataset's dataDir (where the fashion-mnist IDX files are). */
  dataDir?: string;
  /** Training images shown (augmented, then) mixed per strategy in the report; default 16. */
  sampleCount?: number;
}

export interface StudyResult extends StudyOutputs {
  /** The study's runs, seed by seed in config order. */
  results: RunResult[];
  /** Runs trained by this call, and runs reused from results.json. */
  trained: number;
  reused: number;
}

const isImage = (dataset: Dataset) => dataset.inputShape.length === 3;
const isPlane = (dataset: Dataset) => dataset.inputShape.length === 1 && dataset.inputShape[0] === 2;

/** E_USAGE before any training when a strategy needs images and the dataset has feature vectors. */
function checkStrategiesFit(zoo: Zoo, config: StudyConfig, dataset: Dataset): void {
  if (isImage(dataset)) return;
  const spatial = config.strategies.filter((s) => zoo.has(s.name) && zoo.create(s.name, s.options ?? {}).strategy.needs?.spatial);
  if (spatial.length > 0) {
    throw new MixzooError(
      'E_USAGE',
      `runStudy: ${spatial.map((s) => `'${s.name}'`).join(', ')} mix${spatial.length === 1 ? 'es' : ''} image regions, but '${config.dataset}' has feature vectors of shape [${dataset.inputShape.join(', ')}]; use an image dataset or a non-spatial strategy such as mixup.`,
    );
  }
}

/** E_USAGE before any training when the augmentations do not fit the dataset: feature vectors, or images they cannot take (gray images for hue...). */
function checkAugmentFits(config: StudyConfig, dataset: Dataset): void {
  if (!config.augment?.length) return;
  const names = config.augment.map((s) => (typeof s === 'string' ? s : s.name)).join(', ');
  if (!isImage(dataset)) {
    throw new MixzooError('E_USAGE', `runStudy: augmentations (${names}) transform images, but '${config.dataset}' has feature vectors of shape [${dataset.inputShape.join(', ')}]; use an image dataset or no augmentation.`);
  }
  try {
    createRunAugmenter(config.augment, dataset.inputShape, 0, 'runStudy');
  } catch (error) {
    if (!(error instanceof MixzooError && error.code === 'E_SHAPE')) throw error;
    throw new MixzooError('E_USAGE', `runStudy: augmentations (${names}) do not fit the images of '${config.dataset}' [${dataset.inputShape.join(', ')}]: ${error.message}`);
  }
}

/**
 * Runs every strategy × seed of the study (seed by seed: the same data and data order for every
 * strategy of a seed), saving results.json after every run, then writes results.csv, results.md
 * and report.html. Resumable: runs already in results.json are not trained again, so an
 * interrupted study continues where it stopped, and strategies or seeds can be added later. Each
 * reused run is first checked against this study, field by field (checkStoredRun): E_USAGE for a
 * run of another setup, with or without study.json. Files whose content would not change are not
 * rewritten, so a finished study re-reports from a read-only folder.
 */
export async function runStudy(config: StudyConfig, options: StudyOptions): Promise<StudyResult> {
  const { zoo, outDir, onProgress = () => {}, resume = true, dataDir, sampleCount = 16 } = options;
  checkStudyConfig(config, zoo);
  const jsonFile = join(outDir, 'results.json');
  const configFile = join(outDir, 'study.json');
  const stored = resume ? await readStudyFile(configFile) : undefined;
  if (stored) checkSameSetup(stored, config, outDir);
  const all = resume ? await readResults(jsonFile) : [];
  const slots: RunSlot[] = config.seeds.flatMap((seed, s) =>
    config.strategies.map((strategy, k) => ({ id: runId(strategy.name, seed), strategy: strategy.name, seed, index: s * config.strategies.length + k + 1, total: config.seeds.length * config.strategies.length })),
  );
  const load = (seed: number) => loadDataset(config.dataset, { seed, trainSize: config.trainSize, testSize: config.testSize, dataDir });
  // The first seed's data: checks the setup fits, stands for every seed's data shape and sizes, and feeds the sample grids.
  const firstDataset = await load(config.seeds[0]);
  checkStrategiesFit(zoo, config, firstDataset);
  checkAugmentFits(config, firstDataset);
  const done = new Map<string, RunResult>();
  for (const slot of slots) {
    const index = all.findIndex((r) => r.id === slot.id);
    if (index < 0) continue;
    const run = migrateRun(all[index], stored, firstDataset, jsonFile);
    const strategy = config.strategies.find((s) => s.name === slot.strategy)!;
    checkStoredRun(zoo, run, expectedRun(config, strategy, slot.seed, firstDataset), jsonFile);
    all[index] = run;
    done.set(slot.id, run);
  }
  // Created once the setup fits its data and its stored runs: a study refused above creates nothing.
  await mkdir(join(outDir, IMAGES_DIR), { recursive: true });
  await writeIfChanged(configFile, studyFileText(config));
  onProgress({ type: 'plan', total: slots.length, pending: slots.length - done.size, epochs: config.epochs });

  let trained = 0;
  for (const [s, seed] of config.seeds.entries()) {
    const seedSlots = slots.filter((slot) => slot.seed === seed);
    if (!seedSlots.some((slot) => !done.has(slot.id))) {
      for (const slot of seedSlots) onProgress({ type: 'skip', run: slot });
      continue;
    }
    const dataset = s === 0 ? firstDataset : await load(seed);
    for (const slot of seedSlots) {
      if (done.has(slot.id)) {
        onProgress({ type: 'skip', run: slot });
        continue;
      }
      const strategy = config.strategies.find((x) => x.name === slot.strategy)!;
      const picture = s === 0 && isPlane(dataset);
      onProgress({ type: 'run-start', run: slot });
      let epochsDone = 0;
      const result = await trainRun({
        zoo,
        strategy: strategy.name,
        strategyOptions: strategy.options ?? {},
        dataset,
        model: config.model,
        epochs: config.epochs,
        batchSize: config.batchSize,
        seed,
        learningRate: config.learningRate,
        augment: config.augment,
        id: slot.id,
        keepModel: picture,
        onBatch: (doneBatches, total) => onProgress({ type: 'batch', run: slot, done: doneBatches, total }),
        onEpoch: (record) => onProgress({ type: 'epoch', run: slot, epoch: ++epochsDone, epochs: config.epochs, record }),
      });
      if (result.trainedModel) {
        try {
          const png = await renderBoundaryPng(decisionBoundary(result.trainedModel), dataset.train);
          await writeFile(join(outDir, IMAGES_DIR, imageFile('boundary', strategy.name)), png);
        } finally {
          disposeModel(result.trainedModel);
        }
      }
      const run: RunResult = { ...result };
      done.set(slot.id, run);
      const stale = all.findIndex((r) => r.id === slot.id); // only with resume: false
      if (stale >= 0) all[stale] = run;
      else all.push(run);
      await writeResults(jsonFile, all);
      trained++;
      onProgress({ type: 'run-end', run: slot, result: run });
    }
  }

  onProgress({ type: 'report' });
  if (isImage(firstDataset)) {
    const seed = config.seeds[0];
    let batch = sampleBatch(firstDataset, sampleCount);
    if (config.augment?.length) {
      // Augmented once like the first seed's batches, then mixed by every strategy: both steps of training.
      batch = augmentBatch(batch, config.augment, seed, zoo.kernels);
      await writeIfChanged(join(outDir, IMAGES_DIR, AUGMENTED_FILE), await renderPlainGrid(batch));
    }
    for (const strategy of config.strategies) {
      await writeIfChanged(join(outDir, IMAGES_DIR, imageFile('samples', strategy.name)), await renderSampleGrid(zoo, strategy, batch, seed));
    }
  }
  const results = slots.map((slot) => done.get(slot.id)!);
  const outputs = await writeStudyOutputs(outDir, config, results);
  return { ...outputs, results, trained, reused: slots.length - trained };
}
