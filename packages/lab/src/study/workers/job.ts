import { describeValue, MixzooError, type MixSchedule } from '@mixzoo/core';
import { MODEL_NAMES } from '../../models/create.js';
import type { DataLoading } from '../../datasets/study-load.js';
import type { RunCheckpoint } from '../../train/checkpoint.js';
import type { LossSpec } from '../../train/loss-spec.js';
import type { RunResult, StudyConfig } from '../../types.js';

/** The study settings every run of a study shares (the config without its rows and seeds). */
export type RunJobSetup = Omit<StudyConfig, 'strategies' | 'seeds'>;

/**
 * Everything a worker needs to train one run of a study, as plain JSON: it travels to worker
 * processes and through the queue. The worker loads the dataset from its spec itself (a folder
 * dataset must exist at that path on every worker) and builds its zoo from `zoo`.
 */
export interface RunJob {
  /** The coordinator's mixzoo version: a worker of another version refuses the job. */
  mixzoo: string;
  /** The run id (also the queue's job id): unique and stable within the study. */
  id: string;
  /** The study row, when it differs from the strategy's name (sweeps). */
  label?: string;
  strategy: string;
  strategyOptions: Record<string, unknown>;
  /** The row's schedule (checked when the run starts, like the options). */
  schedule?: MixSchedule;
  /** The row's loss, when it sets one (checked when the run starts). */
  loss?: LossSpec;
  seed: number;
  setup: RunJobSetup;
  /** Where the worker finds the fashion-mnist IDX files (its own default when absent). */
  dataDir?: string;
  /** How the worker loads image datasets (decode cache, memory limit); its own defaults when absent. */
  loading?: DataLoading;
  /** Render the decision-boundary picture of the trained model (2-D datasets, the first seed). */
  boundary: boolean;
  /** The worker's zoo: the tfjs backend and the plugin modules to load (a worker loads only those it allows). */
  zoo: { backend: string; plugins: string[] };
  /** Where an earlier attempt of the run stopped (its last epoch's checkpoint): the run continues from there. */
  checkpoint?: RunCheckpoint;
}

/** What a worker returns for a job: the run record, and its decision-boundary PNG when asked. */
export interface RunOutcome {
  run: RunResult;
  boundaryPng?: Uint8Array;
}

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);
const isStrings = (v: unknown): v is string[] => Array.isArray(v) && v.every((s) => typeof s === 'string');

/**
 * `value` as a RunJob, or E_QUEUE naming the first field that is missing or of the wrong kind: a
 * worker checks every payload before it trains (a malformed job fails alone, the worker goes on).
 * Values (strategy options, sizes) are checked when the run starts, by the same code as a local study.
 */
export function parseRunJob(value: unknown): RunJob {
  const fail = (what: string, got: unknown) => new MixzooError('E_QUEUE', `run job: ${what}, got ${describeValue(got)}.`);
  if (!isObject(value)) throw fail('expected an object { mixzoo, id, strategy, seed, setup, zoo, ... }', value);
  for (const key of ['mixzoo', 'id', 'strategy'] as const) if (typeof value[key] !== 'string' || value[key] === '') throw fail(`'${key}' must be a non-empty string`, value[key]);
  if (value.label !== undefined && typeof value.label !== 'string') throw fail(`'label' must be a string`, value.label);
  if (!isObject(value.strategyOptions)) throw fail(`'strategyOptions' must be an object`, value.strategyOptions);
  if (value.schedule !== undefined && !isObject(value.schedule)) throw fail(`'schedule' must be an object`, value.schedule);
  if (typeof value.seed !== 'number' || !Number.isInteger(value.seed) || value.seed < 0) throw fail(`'seed' must be an integer >= 0`, value.seed);
  const setup = value.setup;
  if (!isObject(setup)) throw fail(`'setup' must be an object { dataset, model, epochs, batchSize, ... }`, setup);
  if (typeof setup.dataset !== 'string') throw fail(`'setup.dataset' must be a dataset spec`, setup.dataset);
  if (!MODEL_NAMES.includes(setup.model as never)) throw fail(`'setup.model' must be one of ${MODEL_NAMES.join(', ')}`, setup.model);
  for (const key of ['epochs', 'batchSize'] as const) if (typeof setup[key] !== 'number') throw fail(`'setup.${key}' must be a number`, setup[key]);
  if (value.dataDir !== undefined && typeof value.dataDir !== 'string') throw fail(`'dataDir' must be a string`, value.dataDir);
  if (value.loading !== undefined && !isObject(value.loading)) throw fail(`'loading' must be an object { cacheDir?, cache?, maxMemory? }`, value.loading);
  if (typeof value.boundary !== 'boolean') throw fail(`'boundary' must be true or false`, value.boundary);
  const zoo = value.zoo;
  if (!isObject(zoo) || typeof zoo.backend !== 'string' || !isStrings(zoo.plugins)) throw fail(`'zoo' must be { backend: string, plugins: string[] }`, zoo);
  const checkpoint = value.checkpoint;
  if (checkpoint !== undefined && !(isObject(checkpoint) && ['epochs', 'weights', 'optimizer'].every((k) => Array.isArray(checkpoint[k])))) {
    throw fail(`'checkpoint' must be { epochs, weights, optimizer } (arrays)`, checkpoint);
  }
  return value as unknown as RunJob;
}
