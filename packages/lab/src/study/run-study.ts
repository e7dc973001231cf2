import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { describeValue, MixzooError, type Zoo } from '@mixzoo/core';
import { withLabelNoise } from '../datasets/label-noise.js';
import { loadDataset } from '../datasets/load.js';
import { studyLoadOptions, type DataLoading } from '../datasets/study-load.js';
import { checkRobustnessFits } from '../metrics/robustness.js';
import { augmentBatch, renderPlainGrid, renderSampleGrid, sampleBatch } from '../report/samples.js';
import { createRunAugmenter } from '../train/augment.js';
import type { Dataset, EpochRecord, RunResult, StudyConfig } from '../types.js';
import { checkSameSetup, checkStoredRun, checkStudyConfig, expectedRun, runId } from './config.js';
import { strategyLabel } from './labels.js';
import { AUGMENTED_FILE, IMAGES_DIR, imageFile, writeStudyOutputs, type StudyOutputs } from './outputs.js';
import { migrateRun, readResults, writeResults } from './results-file.js';
import { readStudyFile, studyFileText } from './study-file.js';
import { writeIfChanged } from './write-if-changed.js';
import { DatasetCache, mixzooVersion } from './workers/execute.js';
import { inProcessExecutor, type RunExecutor } from './workers/executor.js';
import type { RunJob, RunOutcome } from './workers/job.js';
import { LocalWorkers } from './workers/pool.js';
import { checkReachable, parseQueueUrl } from '../queue/connection.js';
import { QueueExecutor } from '../queue/coordinator.js';

/** One run of the study: its place among all runs (1-based) and what it trains. */
export interface RunSlot {
  id: string;
  /** The study row: the strategy's label (its name unless the study gives one). */
  strategy: string;
  seed: number;
  index: number;
  total: number;
}

/** What runStudy reports while it works, in order. */
export type StudyEvent =
  /** Before anything runs: `pending` of `total` runs still to train, `epochs` each. */
  | { type: 'plan'; total: number; pending: number; epochs: number; /** Runs trained at once, when more than one. */ workers?: number }
  /** A run found in results.json: not trained again. */
  | { type: 'skip'; run: RunSlot }
  | { type: 'run-start'; run: RunSlot }
  /** After each training batch of the run (done of total batches of the whole run). */
  | { type: 'batch'; run: RunSlot; done: number; total: number }
  /** After each epoch's held-out evaluation; `epoch` counts from 1. */
  | { type: 'epoch'; run: RunSlot; epoch: number; epochs: number; record: EpochRecord }
  /** The run is finished and saved in results.json. */
  | { type: 'run-end'; run: RunSlot; result: RunResult }
  /** The run failed (parallel or queued studies go on with the other runs and name the failed ones at the end). */
  | { type: 'run-failed'; run: RunSlot; error: string }
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
  /**
   * Runs trained at once, each in its own worker process on this machine (default 1: one after
   * another in this process, with `zoo`). Every run's record is the same as sequentially, but for
   * timings and provenance. Workers rebuild the zoo from mixzoo's built-ins and `plugins`, on the
   * backend of `zoo`. A failed run does not stop the others: the study then throws E_RUN naming
   * the runs to retry; Ctrl-C (SIGINT) stops the workers and keeps the finished runs.
   */
  workers?: number;
  /**
   * A Redis URL (`redis://[:password@]host:port[/db]`, `rediss://` for TLS): the runs go on a
   * BullMQ queue and `mixzoo worker` processes, on any machine, train them; this process collects
   * their records. Stopped and started again, it re-attaches to the runs already queued.
   */
  queue?: string;
  /** Plugin modules (paths or package names) that workers load to rebuild the zoo's strategies. */
  plugins?: string[];
  /** How image datasets are loaded here and by local workers: decode cache, memory limit. */
  loading?: DataLoading;
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

const isWhole = (n: unknown, min: number) => typeof n === 'number' && Number.isInteger(n) && n >= min;

/** The executor of a study's runs, from its options: in-process (workers 1), local worker processes, or a queue. */
async function openExecutor(options: StudyOptions, pending: number, firstDataset: { job: RunJob; dataset: Dataset }): Promise<RunExecutor> {
  const { zoo, workers = 1, queue } = options;
  if (queue !== undefined) return QueueExecutor.open(queue, options.resume ?? true);
  if (workers > 1 && pending > 1) return new LocalWorkers(Math.min(workers, pending));
  return inProcessExecutor(zoo, new DatasetCache(firstDataset));
}

/** 'mixup@seed1 (E_OPTION: ...)', for the summary of failed runs. */
const failureText = (id: string, error: unknown) => `${id} (${error instanceof Error ? error.message : String(error)})`;

/**
 * Runs every strategy × seed of the study (seed by seed: the same data and data order for every
 * strategy of a seed), saving results.json after every run, then writes results.csv, results.md
 * and report.html. Resumable: runs already in results.json are not trained again, so an
 * interrupted study continues where it stopped, and strategies or seeds can be added later. Each
 * reused run is first checked against this study, field by field (checkStoredRun): E_USAGE for a
 * run of another setup, with or without study.json. Files whose content would not change are not
 * rewritten, so a finished study re-reports from a read-only folder. With `workers` > 1 or a
 * `queue`, runs train in parallel and results.json keeps them in study order, as sequentially.
 */
export async function runStudy(config: StudyConfig, options: StudyOptions): Promise<StudyResult> {
  const { zoo, outDir, resume = true, dataDir, sampleCount = 16, plugins = [] } = options;
  const onProgress = (event: StudyEvent) => options.onProgress?.(event);
  checkStudyConfig(config, zoo);
  if (options.workers !== undefined && !isWhole(options.workers, 1)) throw new MixzooError('E_OPTION', `runStudy: 'workers' must be an integer >= 1, got ${describeValue(options.workers)}.`);
  // A bad or unreachable queue fails before the study claims its folder.
  if (options.queue !== undefined) await checkReachable(parseQueueUrl(options.queue));
  const jsonFile = join(outDir, 'results.json');
  const configFile = join(outDir, 'study.json');
  const stored = resume ? await readStudyFile(configFile) : undefined;
  if (stored) checkSameSetup(stored, config, outDir);
  const all = resume ? await readResults(jsonFile) : [];
  const rows = config.strategies.length;
  const slots: RunSlot[] = config.seeds.flatMap((seed, s) =>
    config.strategies.map((strategy, k) => ({ id: runId(strategyLabel(strategy), seed), strategy: strategyLabel(strategy), seed, index: s * rows + k + 1, total: config.seeds.length * rows })),
  );
  // Every slot was made from a row, so a miss is a bug here, not a bad config.
  const rowOf = (slot: RunSlot) => {
    const row = config.strategies.find((s) => strategyLabel(s) === slot.strategy);
    if (!row) throw new MixzooError('E_RUN', `runStudy: run '${slot.id}' has no strategy row.`);
    return row;
  };
  const load = async (seed: number) => withLabelNoise(await loadDataset(config.dataset, studyLoadOptions(config, seed, dataDir, options.loading)), config.labelNoise, seed);
  // The first seed's data: checks the setup fits, stands for every seed's data shape and sizes, and feeds the sample grids.
  const firstDataset = await load(config.seeds[0]);
  checkStrategiesFit(zoo, config, firstDataset);
  checkAugmentFits(config, firstDataset);
  await checkRobustnessFits(config.robustness, firstDataset, { seed: config.seeds[0], testSize: config.testSize, dataDir });
  const done = new Map<string, RunResult>();
  for (const slot of slots) {
    const index = all.findIndex((r) => r.id === slot.id);
    if (index < 0) continue;
    const run = migrateRun(all[index], stored, firstDataset, jsonFile);
    checkStoredRun(zoo, run, expectedRun(config, rowOf(slot), slot.seed, firstDataset), jsonFile);
    all[index] = run;
    done.set(slot.id, run);
  }
  // Created once the setup fits its data and its stored runs: a study refused above creates nothing.
  await mkdir(join(outDir, IMAGES_DIR), { recursive: true });
  await writeIfChanged(configFile, studyFileText(config));

  const { strategies: _rows, seeds: _seeds, ...setup } = config;
  const jobOf = (slot: RunSlot): RunJob => {
    const row = rowOf(slot);
    return {
      mixzoo: mixzooVersion(),
      id: slot.id,
      ...(row.label !== undefined ? { label: row.label } : {}),
      strategy: row.name,
      strategyOptions: row.options ?? {},
      ...(row.schedule !== undefined ? { schedule: row.schedule } : {}),
      ...(row.loss !== undefined ? { loss: row.loss } : {}),
      seed: slot.seed,
      setup,
      ...(dataDir !== undefined ? { dataDir } : {}),
      ...(options.loading ? { loading: options.loading } : {}),
      boundary: slot.seed === config.seeds[0] && isPlane(firstDataset),
      zoo: { backend: tf.getBackend(), plugins },
    };
  };
  const pending = slots.filter((slot) => !done.has(slot.id));
  const executor = await openExecutor(options, pending.length, { job: jobOf(slots[0]), dataset: firstDataset });
  const parallel = executor.capacity > 1;
  onProgress({ type: 'plan', total: slots.length, pending: pending.length, epochs: config.epochs, ...(parallel ? { workers: executor.capacity } : {}) });
  for (const slot of slots) if (done.has(slot.id)) onProgress({ type: 'skip', run: slot });

  // results.json in study order (then any runs of other rows found there), whatever order runs finish in.
  const slotIds = new Set(slots.map((slot) => slot.id));
  const ordered = () => [...slots.flatMap((slot) => done.get(slot.id) ?? []), ...all.filter((r) => !slotIds.has(r.id))];
  let saving = Promise.resolve();
  const save = (slot: RunSlot, outcome: RunOutcome) =>
    (saving = saving.then(async () => {
      if (outcome.boundaryPng) await writeFile(join(outDir, IMAGES_DIR, imageFile('boundary', slot.strategy)), outcome.boundaryPng);
      done.set(slot.id, outcome.run);
      await writeResults(jsonFile, ordered());
    }));

  let trained = 0;
  let stopped = false;
  // Read through a call: SIGINT sets it while a run is awaited, which type narrowing does not see.
  const isStopped = () => stopped;
  const failures: { slot: RunSlot; text: string }[] = [];
  const train = async (slot: RunSlot) => {
    onProgress({ type: 'run-start', run: slot });
    let epochsDone = 0;
    const outcome = await executor.run(jobOf(slot), {
      onBatch: (doneBatches, total) => onProgress({ type: 'batch', run: slot, done: doneBatches, total }),
      onEpoch: (record) => onProgress({ type: 'epoch', run: slot, epoch: ++epochsDone, epochs: config.epochs, record }),
    });
    checkOutcome(slot, outcome);
    await save(slot, outcome);
    trained++;
    onProgress({ type: 'run-end', run: slot, result: outcome.run });
  };
  let next = 0;
  const lane = async () => {
    while (next < pending.length && !isStopped()) {
      const slot = pending[next++];
      try {
        await train(slot);
      } catch (error) {
        if (!parallel && !options.queue) throw error; // one run at a time in this process: its error, as it came
        if (isStopped()) return;
        failures.push({ slot, text: failureText(slot.id, error) });
        onProgress({ type: 'run-failed', run: slot, error: error instanceof Error ? error.message : String(error) });
      }
    }
  };
  // Ctrl-C with workers: stop them, keep what finished (the study resumes from results.json).
  const interrupt = () => {
    stopped = true;
    void executor.close();
  };
  if (parallel || options.queue) process.once('SIGINT', interrupt);
  try {
    await Promise.all(Array.from({ length: Math.min(executor.capacity, Math.max(1, pending.length)) }, lane));
  } finally {
    process.off('SIGINT', interrupt);
    await executor.close();
    await saving;
  }
  if (isStopped()) {
    throw new MixzooError('E_RUN', `runStudy: interrupted; ${done.size} of ${slots.length} runs are saved in ${jsonFile}: run the study again to resume.`);
  }
  if (failures.length > 0) {
    throw new MixzooError(
      'E_RUN',
      `runStudy: ${failures.length} of ${slots.length} runs failed: ${failures.sort((a, b) => a.slot.index - b.slot.index).map((f) => f.text).join('; ')}. The ${done.size} finished runs are saved in ${jsonFile}; fix the cause and run the study again to retry ${failures.length === 1 ? 'it' : 'them'}.`,
    );
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
      await writeIfChanged(join(outDir, IMAGES_DIR, imageFile('samples', strategyLabel(strategy))), await renderSampleGrid(zoo, strategy, batch, seed, config.model));
    }
  }
  // No run failed and none was stopped: every slot is done.
  const results = slots.map((slot) => {
    const run = done.get(slot.id);
    if (!run) throw new MixzooError('E_RUN', `runStudy: run '${slot.id}' finished without a record.`);
    return run;
  });
  const outputs = await writeStudyOutputs(outDir, config, results);
  return { ...outputs, results, trained, reused: slots.length - trained };
}

/** A record from a worker must be the run asked for, written by this mixzoo version (another version may train or record differently). */
function checkOutcome(slot: RunSlot, outcome: RunOutcome): void {
  // From a worker process or the queue: checked, not trusted.
  const run = outcome.run as Partial<RunResult> | undefined;
  if (run?.id !== slot.id) throw new MixzooError('E_QUEUE', `run '${slot.id}': the worker returned the record of ${describeValue(run?.id)}.`);
  const version = run.provenance?.mixzoo;
  if (version !== mixzooVersion()) {
    throw new MixzooError('E_QUEUE', `run '${slot.id}': the record was written by mixzoo ${describeValue(version)} on ${run.provenance?.host ?? 'an unknown host'}, this study runs ${mixzooVersion()}; install the same version on every worker.`);
  }
}
