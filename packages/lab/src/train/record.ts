import { createRequire } from 'node:module';
import * as tf from '@tensorflow/tfjs-core';
import { fusedKernelNames, hasFusedKernel } from '@mixzoo/kernels';
import { DEFAULT_LEARNING_RATE } from '../models/create.js';
import type { Dataset, DataRecord, RunProvenance, TrainingRecord } from '../types.js';
import { resolveRecipe, type RecipeSpec } from './recipe.js';

/** The format of the run records this mixzoo writes; 1 = the unversioned records before provenance and settings were recorded. */
export const RUN_FORMAT_VERSION = 3;

/**
 * The training settings a run records (and a resumed study compares, key by key). A setting added
 * here (a schedule, another optimizer) comes with a RUN_FORMAT_VERSION bump whose migration fills
 * in the value older records trained with, so that they still compare equal.
 */
export function trainingRecord(settings: { epochs: number; batchSize: number; learningRate?: number } & RecipeSpec): TrainingRecord {
  const { optimizer, lrSchedule, labelSmoothing, loss } = resolveRecipe(settings, 'trainingRecord');
  const { name, ...optimizerOptions } = optimizer;
  return { epochs: settings.epochs, batchSize: settings.batchSize, optimizer: name, learningRate: settings.learningRate ?? DEFAULT_LEARNING_RATE, ...optimizerOptions, lrSchedule, labelSmoothing, loss };
}

/**
 * The training record of a stored run of format 2 (before the recipe was recorded) in format 3:
 * what it trained with, Adam without weight decay at a constant rate, no label smoothing, cross-entropy.
 */
export function migrateTrainingRecord(stored: TrainingRecord): TrainingRecord {
  return { ...trainingRecord({ epochs: stored.epochs, batchSize: stored.batchSize, learningRate: stored.learningRate }), ...stored };
}

/** The data a run records: shape, classes and split sizes as loaded, and the normalisation when there is one. */
export function dataRecord(dataset: Dataset): DataRecord {
  const record: DataRecord = { inputShape: [...dataset.inputShape], classes: dataset.classNames.length, trainCount: dataset.train.count, testCount: dataset.test.count };
  if (dataset.normalization) record.normalization = { mean: [...dataset.normalization.mean], std: [...dataset.normalization.std] };
  // The setting only: how many labels it changed depends on the seed's subset, and a resumed study checks every seed's runs against one record.
  if (dataset.labelNoise) record.labelNoise = { kind: dataset.labelNoise.kind, rate: dataset.labelNoise.rate };
  return record;
}

// src/train/record.ts and dist/train/record.js are both two folders below the package's package.json.
const labVersion = (createRequire(import.meta.url)('../../package.json') as { version: string }).version;

/** Versions, backend and kernel path of the current process, for a run finishing now. */
export function runProvenance(): RunProvenance {
  const backend = tf.getBackend();
  return {
    mixzoo: labVersion,
    tfjs: tf.version_core,
    backend,
    fusedKernels: fusedKernelNames.filter((name) => hasFusedKernel(name, backend)),
    node: process.version,
    finishedAt: new Date().toISOString(),
  };
}
