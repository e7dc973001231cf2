import { performance } from 'node:perf_hooks';
import * as tf from '@tensorflow/tfjs-core';
import type { LayersModel } from '@tensorflow/tfjs-layers';
import { describeValue, MixzooError, type Mixer, type Zoo } from '@mixzoo/core';
import { registerConv2dFilterGradient } from '../conv2d-grad.js';
import { evaluate, type EvaluateOptions } from '../metrics/evaluate.js';
import { createModel, disposeModel } from '../models/create.js';
import type { Dataset, EpochRecord, ModelName, RunResult } from '../types.js';
import { BatchReader, oneHotRows } from './batch.js';
import { epochBatches, epochOrder } from './order.js';

/** The strategy name that trains without mixing (the baseline). */
export const NO_MIXING = 'none';

/** What a callback knows about the run it reports on. */
export interface RunInfo {
  id: string;
  strategy: string;
  seed: number;
  epochs: number;
  backend: string;
}

export interface TrainRunOptions {
  zoo: Zoo;
  /** A strategy of the zoo, or 'none' for unmixed training. */
  strategy: string;
  strategyOptions?: Record<string, unknown>;
  dataset: Dataset;
  model: ModelName;
  epochs: number;
  batchSize: number;
  /** Seeds the model's weights, the data order and the mixer. */
  seed: number;
  /** Adam's learning rate; default 0.001. */
  learningRate?: number;
  /** Default `${strategy}@seed${seed}`. */
  id?: string;
  /** Keep the trained model (as `result.trainedModel`, not enumerable, so results stay plain JSON); the caller disposes it with disposeModel. */
  keepModel?: boolean;
  /** Held-out evaluation settings (batch size, noise σs); the noise seed is the run seed. */
  evaluation?: Omit<EvaluateOptions, 'seed'>;
  /** Replace the Conv2D gradient (needed on wasm, faster on cpu); default true. */
  replaceConv2dGradient?: boolean;
  /** After each epoch's evaluation. */
  onEpoch?(record: EpochRecord, run: RunInfo): void | Promise<void>;
  /** After each training batch: batches done so far in the whole run, and their total. */
  onBatch?(done: number, total: number): void;
}

export interface TrainRunResult extends RunResult {
  /** The trained model, only with keepModel (non-enumerable: JSON.stringify and spreads skip it). */
  readonly trainedModel?: LayersModel;
}

function checkOptions(o: TrainRunOptions): void {
  const bad = (what: string, got: unknown) => new MixzooError('E_OPTION', `trainRun: ${what}, got ${describeValue(got)}.`);
  if (!Number.isInteger(o.epochs) || o.epochs < 1) throw bad(`'epochs' must be an integer >= 1`, o.epochs);
  if (!Number.isInteger(o.batchSize) || o.batchSize < 2) throw bad(`'batchSize' must be an integer >= 2`, o.batchSize);
  if (typeof o.seed !== 'number' || !Number.isFinite(o.seed)) throw bad(`'seed' must be a finite number`, o.seed);
  if (o.dataset.train.count < 2) throw bad(`the training split needs at least 2 samples`, o.dataset.train.count);
}

/** Mixes a batch (or one-hot encodes its labels for 'none', passing the inputs through); the caller disposes all. */
function mixBatch(mixer: Mixer | undefined, inputs: tf.Tensor, labels: tf.Tensor1D, numClasses: number): { inputs: tf.Tensor; labels: tf.Tensor } {
  if (!mixer) return { inputs, labels: oneHotRows(labels, numClasses) };
  const mixed = mixer.mix({ inputs, labels, numClasses });
  return { inputs: mixed.inputs, labels: mixed.labels! };
}

/**
 * Trains one model with one strategy and seed, evaluating on the held-out split after every
 * epoch. Every batch of the seeded order (epochOrder) goes through the strategy's mixer, then
 * trainOnBatch. Runs on the current tfjs backend; leaves no tensors behind (unless keepModel).
 */
export async function trainRun(options: TrainRunOptions): Promise<TrainRunResult> {
  checkOptions(options);
  const { zoo, strategy, strategyOptions = {}, dataset, epochs, batchSize, seed } = options;
  const numClasses = dataset.classNames.length;
  const mixer = strategy === NO_MIXING ? undefined : zoo.create(strategy, strategyOptions, { seed });
  if (options.replaceConv2dGradient ?? true) registerConv2dFilterGradient();
  const info: RunInfo = { id: options.id ?? `${strategy}@seed${seed}`, strategy, seed, epochs, backend: tf.getBackend() };
  const model = createModel(options.model, dataset.inputShape, numClasses, seed, { learningRate: options.learningRate });
  const reader = new BatchReader(dataset.train, dataset.inputShape, batchSize);
  const records: EpochRecord[] = [];
  let done = 0;
  try {
    for (let epoch = 0; epoch < epochs; epoch++) {
      const batches = epochBatches(epochOrder(seed, epoch, dataset.train.count), batchSize);
      const start = performance.now();
      let lossSum = 0;
      let seen = 0;
      for (const indices of batches) {
        const raw = reader.read(indices);
        let mixed: { inputs: tf.Tensor; labels: tf.Tensor } | undefined;
        try {
          mixed = mixBatch(mixer, raw.inputs, raw.labels, numClasses);
          const loss = (await model.trainOnBatch(mixed.inputs, mixed.labels)) as number;
          lossSum += loss * indices.length;
          seen += indices.length;
        } finally {
          tf.dispose([...new Set([raw.inputs, raw.labels, mixed?.inputs, mixed?.labels])].filter((t): t is tf.Tensor => t !== undefined));
        }
        options.onBatch?.(++done, epochs * batches.length);
      }
      // The epoch's cost: batching, mixing and training steps; the evaluation is not counted.
      const seconds = (performance.now() - start) / 1000;
      const test = evaluate(model, dataset.test, numClasses, { ...options.evaluation, seed });
      const record: EpochRecord = { epoch, trainLoss: lossSum / seen, test, seconds };
      records.push(record);
      await options.onEpoch?.(record, info);
    }
  } catch (error) {
    disposeModel(model);
    throw error;
  }
  const result: TrainRunResult = {
    id: info.id,
    strategy,
    strategyOptions,
    seed,
    dataset: dataset.name,
    model: options.model,
    epochs: records,
    final: records[records.length - 1].test,
    secondsPerEpoch: records.reduce((s, r) => s + r.seconds, 0) / records.length,
    backend: info.backend,
  };
  if (options.keepModel) Object.defineProperty(result, 'trainedModel', { value: model, enumerable: false });
  else disposeModel(model);
  return result;
}
