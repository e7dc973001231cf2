import { performance } from 'node:perf_hooks';
import * as tf from '@tensorflow/tfjs-core';
import type { LayersModel } from '@tensorflow/tfjs-layers';
import type { AugmentSpec, Augmenter } from '@mixzoo/augment';
import { describeValue, MixzooError, type Mixer, type MixSchedule, type ModelContext, type Zoo } from '@mixzoo/core';
import { isHiddenLayerMixer } from '@mixzoo/mixup';
import { registerTrainingGradients } from '../train-kernels/gradients.js';
import { evaluate, type EvaluateOptions } from '../metrics/evaluate.js';
import { MIX_DEPTHS } from '../models/architectures.js';
import { createModel, DEFAULT_LEARNING_RATE, disposeModel } from '../models/create.js';
import type { Dataset, EpochRecord, ModelName, RunResult } from '../types.js';
import { augmentRecords, createRunAugmenter } from './augment.js';
import { checkRelabelModel, relabelMixed } from './relabel.js';
import { BatchReader, oneHotRows } from './batch.js';
import { captureCheckpoint, restoreCheckpoint, type RunCheckpoint } from './checkpoint.js';
import { stepModelContext } from './model-context-step.js';
import { epochBatches, epochOrder } from './order.js';
import { dataRecord, RUN_FORMAT_VERSION, runProvenance, trainingRecord } from './record.js';
import { strategySchedule } from './strategy-schedule.js';
import { learningRateAt } from './lr-schedule.js';
import { LabOptimizer } from './optimizer.js';
import { checkLossFits, resolveRecipe, type Recipe, type RecipeSpec } from './recipe.js';
import { createTrainStep, type MixedBatch, type StepBatch } from './step.js';

/** The strategy name that trains without mixing (the baseline). */
export const NO_MIXING = 'none';

/** Where hidden-layer mixers (manifold-mixup...) get the model's MixLayers when they request no depths (manifold-mixup without option 'layers'): depths 0, 1, 2 (the reference's). */
export const DEFAULT_MANIFOLD_LAYERS: readonly number[] = [0, 1, 2];

/** What a callback knows about the run it reports on. */
export interface RunInfo {
  id: string;
  strategy: string;
  seed: number;
  epochs: number;
  backend: string;
}

export interface TrainRunOptions extends RecipeSpec {
  zoo: Zoo;
  /** A strategy of the zoo, or 'none' for unmixed training. */
  strategy: string;
  /**
   * The strategy's options. For 'manifold-mixup', `layers` (e.g. [0, 1, 2]) is also where the model
   * gets its MixLayers (default DEFAULT_MANIFOLD_LAYERS): the run mixes inside the model, one drawn
   * depth per step, instead of on the inputs.
   */
  strategyOptions?: Record<string, unknown>;
  dataset: Dataset;
  model: ModelName;
  epochs: number;
  batchSize: number;
  /** Seeds the model's weights, the data order, the augmentations and the mixer. */
  seed: number;
  /**
   * Per-sample augmentations (image datasets) applied to every training batch before it is
   * mixed, with 'none' too: augmentation is part of the data pipeline, mixing is what differs.
   * Drawn from the seed's own stream, so every strategy of a seed sees the same augmented batches.
   */
  augment?: AugmentSpec[];
  /** The base learning rate (of the optimizer, before its schedule); default 0.001. */
  learningRate?: number;
  /** Default `${strategy}@seed${seed}`. */
  id?: string;
  /** Keep the trained model (as `result.trainedModel`, not enumerable, so results stay plain JSON); the caller disposes it with disposeModel. */
  keepModel?: boolean;
  /** Held-out evaluation settings (batch size, noise σs); the noise seed is the run seed. */
  evaluation?: Omit<EvaluateOptions, 'seed'>;
  /** Use the lab's training gradients (registerTrainingGradients: conv2d, max pool, matMul; needed on wasm, faster on wasm and cpu); default true. */
  replaceConv2dGradient?: boolean;
  /** After each epoch's evaluation. */
  onEpoch?(record: EpochRecord, run: RunInfo): void | Promise<void>;
  /** After each training batch: batches done so far in the whole run, and their total. */
  onBatch?(done: number, total: number): void;
  /**
   * After each epoch (after onEpoch): the run's checkpoint. A run given it back as `resumeFrom`
   * continues from there with the result the uninterrupted run gives.
   */
  onCheckpoint?(checkpoint: RunCheckpoint): void | Promise<void>;
  /** Continue from a checkpoint of this run (same options): its epochs' draws are replayed, its weights and optimizer state restored. */
  resumeFrom?: RunCheckpoint;
  /** The strategy's schedule over epochs (docs/schedules.md): each epoch mixes with its scheduled options, or not at all where it is off. */
  schedule?: MixSchedule;
}

export interface TrainRunResult extends RunResult {
  /** The trained model, only with keepModel (non-enumerable: JSON.stringify and spreads skip it). */
  readonly trainedModel?: LayersModel;
}

function checkOptions(o: TrainRunOptions): Recipe {
  const bad = (what: string, got: unknown) => new MixzooError('E_OPTION', `trainRun: ${what}, got ${describeValue(got)}.`);
  if (!Number.isInteger(o.epochs) || o.epochs < 1) throw bad(`'epochs' must be an integer >= 1`, o.epochs);
  if (!Number.isInteger(o.batchSize) || o.batchSize < 2) throw bad(`'batchSize' must be an integer >= 2`, o.batchSize);
  if (typeof o.seed !== 'number' || !Number.isFinite(o.seed)) throw bad(`'seed' must be a finite number`, o.seed);
  if (o.dataset.train.count < 2) throw bad(`the training split needs at least 2 samples`, o.dataset.train.count);
  return resolveRecipe(o, 'trainRun');
}

/**
 * Mixes a batch (or one-hot encodes its labels for 'none', passing the inputs through) with the
 * model context the mixer plans from; with `model`, strategies that relabel from the mixed batch
 * (TransMix) are relabelled. The caller disposes all.
 */
function mixBatch(mixer: Mixer | undefined, inputs: tf.Tensor, labels: tf.Tensor1D, numClasses: number, context?: ModelContext, model?: LayersModel): MixedBatch {
  if (!mixer) return { inputs, labels: oneHotRows(labels, numClasses) };
  const mixed = model ? relabelMixed(mixer, model, { inputs, labels, numClasses }, mixer.mix({ inputs, labels, numClasses, model: context })) : mixer.mix({ inputs, labels, numClasses, model: context });
  if (!mixed.labels) {
    tf.dispose(mixed.inputs);
    throw new MixzooError('E_LABELS', `trainRun: '${mixer.name}' returned no mixed labels for labelled inputs.`);
  }
  return { inputs: mixed.inputs, labels: mixed.labels, plan: mixed.plan };
}

/** The batch's inputs augmented (a new tensor), or the inputs themselves without an augmenter. */
function augmentInputs(augmenter: Augmenter | undefined, inputs: tf.Tensor): tf.Tensor {
  return augmenter ? augmenter.augment({ inputs }).inputs : inputs;
}

/** The run's optimizer: the recipe's, its learning rate scheduled per step over the run, weight decay on kernels only (not biases or batch-norm parameters, as timm). */
function recipeOptimizer(recipe: Recipe, learningRate: number, length: { stepsPerEpoch: number; totalSteps: number }): LabOptimizer {
  return new LabOptimizer(recipe.optimizer, (step) => learningRateAt(recipe.lrSchedule, learningRate, step, length), (variable) => variable.name.endsWith('/kernel'));
}

/** Draws what a training step on the batch would draw (its mixing plan), without training: replays the epochs of a checkpoint. */
function redrawStep(model: LayersModel, mixer: Mixer | undefined, raw: { inputs: tf.Tensor; labels: tf.Tensor1D }, numClasses: number): void {
  if (isHiddenLayerMixer(mixer)) mixer.step({ labels: raw.labels, numClasses }, () => undefined);
  else if (mixer) {
    const mixed = mixBatch(mixer, raw.inputs, raw.labels, numClasses, stepModelContext(model, mixer, raw.inputs, raw.labels, numClasses));
    tf.dispose([mixed.inputs, mixed.labels]);
  }
}

/** The depths that get MixLayers: those a hidden-layer mixer requests (default DEFAULT_MANIFOLD_LAYERS); none for other mixers. */
function manifoldLayersOf(mixer: Mixer | undefined, model: ModelName): readonly number[] | undefined {
  if (!isHiddenLayerMixer(mixer)) return undefined;
  const layers = mixer.requestedDepths ?? DEFAULT_MANIFOLD_LAYERS;
  const allowed = MIX_DEPTHS[model];
  if (!layers.every((d) => allowed.includes(d))) {
    throw new MixzooError('E_OPTION', `trainRun: ${mixer.name} option 'layers' must be depths among [${allowed.join(', ')}] of the '${model}' model, got ${describeValue(layers)}.`);
  }
  return layers;
}

/**
 * Trains one model with one strategy and seed, evaluating on the held-out split after every
 * epoch. Every batch of the seeded order (epochOrder) is augmented per sample (with `augment`),
 * then goes through the strategy's mixer, then one optimizer step on the row's loss
 * (createTrainStep; the recipe: `optimizer`, `lrSchedule`, `labelSmoothing`, `loss`); with a
 * hidden-layer mixer (isHiddenLayerMixer: 'manifold-mixup', or a user's) the model gets MixLayers
 * at the depths it requests and each step runs inside the mixer's step (mixing at the drawn depth,
 * labels mixed by the same plan). Runs on the current tfjs backend; leaves no tensors behind
 * (unless keepModel).
 */
export async function trainRun(options: TrainRunOptions): Promise<TrainRunResult> {
  const recipe = checkOptions(options);
  const { zoo, strategy, strategyOptions = {}, dataset, epochs, batchSize, seed } = options;
  const numClasses = dataset.classNames.length;
  const augmenter = createRunAugmenter(options.augment ?? [], dataset.inputShape, seed, 'trainRun', zoo.kernels);
  const mixer = strategy === NO_MIXING ? undefined : zoo.create(strategy, strategyOptions, { seed });
  const scheduled = strategySchedule(zoo, strategy, strategyOptions, options.schedule, seed);
  if (options.replaceConv2dGradient ?? true) registerTrainingGradients();
  const info: RunInfo = { id: options.id ?? `${strategy}@seed${seed}`, strategy, seed, epochs, backend: tf.getBackend() };
  const manifoldLayers = manifoldLayersOf(mixer, options.model);
  checkRelabelModel(mixer, options.model, 'trainRun');
  checkLossFits(recipe.loss, strategy, mixer !== undefined && !isHiddenLayerMixer(mixer), 'trainRun');
  const stepsPerEpoch = Math.ceil(dataset.train.count / batchSize);
  const optimizer = recipeOptimizer(recipe, options.learningRate ?? DEFAULT_LEARNING_RATE, { stepsPerEpoch, totalSteps: epochs * stepsPerEpoch });
  let model: LayersModel;
  try {
    model = createModel(options.model, dataset.inputShape, numClasses, seed, { learningRate: options.learningRate, manifoldLayers, optimizer, normalization: dataset.normalization });
  } catch (error) {
    optimizer.dispose();
    throw error;
  }
  const reader = new BatchReader(dataset.train, dataset.inputShape, batchSize);
  const records: EpochRecord[] = [];
  let done = 0;
  try {
    const mix = (m: Mixer | undefined, batch: StepBatch) => mixBatch(m, batch.inputs, batch.labels, numClasses, stepModelContext(model, m, batch.inputs, batch.labels, numClasses), model);
    const trainStep = createTrainStep({ model, optimizer, mix, loss: recipe.loss, labelSmoothing: recipe.labelSmoothing, numClasses });
    if (isHiddenLayerMixer(mixer)) mixer.attach(model);
    if (options.resumeFrom) {
      await restoreCheckpoint(model, options.resumeFrom, `trainRun '${info.id}'`);
      records.push(...options.resumeFrom.epochs);
    }
    for (let epoch = 0; epoch < epochs; epoch++) {
      const batches = epochBatches(epochOrder(seed, epoch, dataset.train.count), batchSize);
      const replay = epoch < records.length; // finished before the checkpoint: only its draws are repeated
      const epochMixer = scheduled ? scheduled.mixerAt(epoch) : mixer;
      const start = performance.now();
      let lossSum = 0;
      let seen = 0;
      for (const indices of batches) {
        const raw = reader.read(indices);
        let inputs: tf.Tensor | undefined;
        try {
          inputs = augmentInputs(augmenter, raw.inputs);
          if (replay) redrawStep(model, epochMixer, { inputs, labels: raw.labels }, numClasses);
          else lossSum += (await trainStep(epochMixer, { inputs, labels: raw.labels })) * indices.length;
          seen += indices.length;
        } finally {
          tf.dispose([raw.inputs, raw.labels, ...(inputs && inputs !== raw.inputs ? [inputs] : [])]);
        }
        done++;
        if (!replay) options.onBatch?.(done, epochs * batches.length);
      }
      if (replay) continue;
      // The epoch's cost: batching, mixing and training steps; the evaluation is not counted.
      const seconds = (performance.now() - start) / 1000;
      const test = evaluate(model, dataset.test, numClasses, { ...options.evaluation, seed });
      const record: EpochRecord = { epoch, trainLoss: lossSum / seen, test, seconds };
      if (scheduled) record.mixing = scheduled.at(epoch);
      records.push(record);
      await options.onEpoch?.(record, info);
      if (options.onCheckpoint) await options.onCheckpoint(await captureCheckpoint(model, records));
    }
  } catch (error) {
    disposeModel(model);
    throw error;
  }
  const result: TrainRunResult = {
    formatVersion: RUN_FORMAT_VERSION,
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
    training: trainingRecord(options),
    data: dataRecord(dataset),
  };
  if (augmenter) result.augment = augmentRecords(augmenter);
  if (scheduled) result.schedule = scheduled.schedule;
  result.provenance = runProvenance();
  if (options.keepModel) Object.defineProperty(result, 'trainedModel', { value: model, enumerable: false });
  else disposeModel(model);
  return result;
}
