import { hostname } from 'node:os';
import { MixzooError, type Zoo } from '@mixzoo/core';
import { withLabelNoise } from '../../datasets/label-noise.js';
import { loadDataset } from '../../datasets/load.js';
import { studyLoadOptions } from '../../datasets/study-load.js';
import { decisionBoundary } from '../../metrics/decision-boundary.js';
import { evaluateRobustness } from '../../metrics/robustness.js';
import { disposeModel } from '../../models/create.js';
import { renderBoundaryPng } from '../../report/boundary.js';
import type { RunCheckpoint } from '../../train/checkpoint.js';
import { runProvenance } from '../../train/record.js';
import { trainRun } from '../../train/train-run.js';
import type { Dataset, EpochRecord, RobustnessRecord, RunResult } from '../../types.js';
import type { RunJob, RunOutcome } from './job.js';

export interface RunHooks {
  /** After each training batch: batches done in the whole run, and their total. */
  onBatch?: (done: number, total: number) => void;
  /** After each epoch's held-out evaluation. */
  onEpoch?: (record: EpochRecord) => void;
  /** After each epoch: the run's checkpoint (asked for only where a run may continue elsewhere: queues). */
  onCheckpoint?: (checkpoint: RunCheckpoint) => void | Promise<void>;
}

/** The mixzoo version of this process (every mixzoo package shares one). */
export const mixzooVersion = (): string => runProvenance().mixzoo;

/**
 * Loads each job's dataset, keeping the last one: a worker given the runs of one seed in a row
 * loads that seed's data once, as a sequential study does.
 */
export class DatasetCache {
  private key = '';
  private dataset: Promise<Dataset> | undefined;

  constructor(first?: { job: RunJob; dataset: Dataset }) {
    if (first) [this.key, this.dataset] = [DatasetCache.keyOf(first.job), Promise.resolve(first.dataset)];
  }

  private static keyOf(job: RunJob): string {
    const { dataset, trainSize, testSize, imageSize, channels, normalize, labelNoise } = job.setup;
    return JSON.stringify([dataset, job.seed, trainSize, testSize, job.dataDir, imageSize, channels, normalize, job.loading, labelNoise]);
  }

  get(job: RunJob): Promise<Dataset> {
    const key = DatasetCache.keyOf(job);
    if (key !== this.key || !this.dataset) {
      const loaded = loadDataset(job.setup.dataset, studyLoadOptions(job.setup, job.seed, job.dataDir, job.loading));
      [this.key, this.dataset] = [key, loaded.then((d) => withLabelNoise(d, job.setup.labelNoise, job.seed))];
      this.dataset.catch(() => (this.key = '')); // a failed load is tried again by the next job
    }
    return this.dataset;
  }
}

/**
 * Trains one run of a study on this process's tfjs backend: the same code, seed, data order and
 * initial weights wherever it runs, so a run's record is the same in-process, in a local worker or
 * on a queue worker (but for timings and provenance, which records the worker's host).
 */
export async function executeRunJob(job: RunJob, zoo: Zoo, datasets: DatasetCache, hooks: RunHooks = {}): Promise<RunOutcome> {
  if (job.mixzoo !== mixzooVersion()) {
    throw new MixzooError('E_QUEUE', `run '${job.id}': the study runs mixzoo ${job.mixzoo}, this worker runs ${mixzooVersion()}; install the same version on every worker.`);
  }
  const dataset = await datasets.get(job);
  const { setup } = job;
  const result = await trainRun({
    zoo,
    strategy: job.strategy,
    strategyOptions: job.strategyOptions,
    schedule: job.schedule,
    dataset,
    model: setup.model,
    epochs: setup.epochs,
    batchSize: setup.batchSize,
    seed: job.seed,
    learningRate: setup.learningRate,
    augment: setup.augment,
    optimizer: setup.optimizer,
    lrSchedule: setup.lrSchedule,
    labelSmoothing: setup.labelSmoothing,
    loss: job.loss,
    id: job.id,
    keepModel: job.boundary || setup.robustness !== undefined,
    onBatch: hooks.onBatch,
    onEpoch: hooks.onEpoch,
    onCheckpoint: hooks.onCheckpoint,
    resumeFrom: job.checkpoint,
  });
  let boundaryPng: Uint8Array | undefined;
  let robustness: RobustnessRecord | undefined;
  if (result.trainedModel) {
    try {
      if (job.boundary) boundaryPng = await renderBoundaryPng(decisionBoundary(result.trainedModel), dataset.train);
      // The final model only, after training: corruptions and OOD inputs (docs/robustness.md).
      if (setup.robustness) robustness = await evaluateRobustness(result.trainedModel, dataset, setup.robustness, { seed: job.seed, kernels: zoo.kernels, testSize: setup.testSize, dataDir: job.dataDir });
    } finally {
      disposeModel(result.trainedModel);
    }
  }
  const run: RunResult = { ...result };
  if (job.label !== undefined) run.label = job.label;
  if (robustness) run.robustness = robustness;
  if (run.provenance) run.provenance = { ...run.provenance, host: hostname() };
  return boundaryPng ? { run, boundaryPng } : { run };
}
