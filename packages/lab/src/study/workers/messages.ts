import type { RunCheckpoint } from '../../train/checkpoint.js';
import type { EpochRecord } from '../../types.js';
import type { RunJob, RunOutcome } from './job.js';

/** From a local worker pool to one of its processes. */
export interface ToWorker {
  type: 'job';
  job: RunJob;
  /** The package the worker builds its zoo with (ZOO_MODULE). */
  zooModule: string;
  /** Send the run's checkpoint after every epoch. */
  checkpoints: boolean;
}

/** From a worker process about the job it trains. */
export type FromWorker =
  | { type: 'batch'; done: number; total: number }
  | { type: 'epoch'; record: EpochRecord }
  | { type: 'checkpoint'; checkpoint: RunCheckpoint }
  | { type: 'done'; outcome: RunOutcome }
  | { type: 'failed'; message: string; code?: string };
