import type { LossSpec, RowLoss } from './train/loss-spec.js';
import type { LrSchedule, LrScheduleSpec } from './train/lr-schedule.js';
import type { OptimizerSettings, OptimizerSpec } from './train/optimizer.js';

/**
 * The lab's shared data model: what a training run produces and what studies and reports read.
 * Everything here is plain JSON (results.json is an array of RunResult).
 */
import type { MixSchedule, ScheduledMixing } from '@mixzoo/core';

/** A split of a dataset, kept as flat typed arrays (NHWC images or [N, D] features). */
export interface Split {
  /** Inputs, row-major, `count × prod(inputShape)`, float32 (images scaled to [0, 1]). */
  x: Float32Array;
  /** Class indices. */
  y: Int32Array;
  count: number;
  /**
   * Present on a split streamed from a decode cache file (larger than memory): writes the inputs of
   * the samples at `indices`, in that order, into `into`. Its `x` is then not readable.
   */
  rows?: { read(indices: readonly number[], into: Float32Array): void };
}

/** Per-channel mean and std of a training split's pixels (on the [0, 1] scale). */
export interface ChannelNormalization {
  mean: number[];
  std: number[];
}

export interface Dataset {
  /** e.g. 'mnist', 'fashion-mnist', 'moons', 'folder:flowers'. */
  name: string;
  classNames: string[];
  /** Per-sample shape: [H, W, C] for images, [D] for features. */
  inputShape: number[];
  train: Split;
  test: Split;
  /** Set when the dataset was loaded with normalisation: the model standardises each channel with these training-split statistics. */
  normalization?: ChannelNormalization;
  /** The label noise applied to `train` (withLabelNoise); absent = the labels as loaded. */
  labelNoise?: LabelNoiseRecord;
}

/** Corrupted training labels (see datasets/label-noise.ts): per class, round(rate · n_c) labels changed. */
export interface LabelNoise {
  /** 'symmetric': to a uniformly drawn other class; 'asymmetric': c → (c + 1) mod K. */
  kind: 'symmetric' | 'asymmetric';
  /** Fraction of each class's training labels changed, in [0, 1]. */
  rate: number;
}

/** Label noise as a run applied it: the setting and how many training labels it changed. */
export interface LabelNoiseRecord extends LabelNoise {
  flipped: number;
}

export type ModelName = 'mlp' | 'cnn' | 'resnet' | 'vit';

/** A per-sample augmentation as a study config names it (plain JSON): a built-in name ('crop') or { name, options }. */
export type AugmentStepSpec = string | { name: string; options?: Record<string, unknown> };

/** An augmentation step as a run applied it: its name and options with the defaults filled. */
export interface AugmentRecord {
  name: string;
  options: Record<string, unknown>;
}

/** Held-out metrics of one evaluation. */
export interface Metrics {
  accuracy: number;
  /** Mean negative log-likelihood (nats). */
  nll: number;
  /** Expected calibration error, 15 equal-width confidence bins. */
  ece: number;
  /** Mean multi-class Brier score (sum over classes of squared error). */
  brier: number;
  /** Accuracy under additive Gaussian noise of std σ (inputs in [0, 1], clipped), keyed by σ: { '0.1': ..., '0.2': ... }. */
  noisyAccuracy: Record<string, number>;
  /** Reliability diagram: per bin [lo, hi), count, mean confidence, accuracy. */
  reliability: { lo: number; hi: number; count: number; confidence: number; accuracy: number }[];
}

export interface EpochRecord {
  epoch: number;
  /** Mean training loss on the mixed batches (the row's loss: soft-label cross-entropy by default). */
  trainLoss: number;
  /** Held-out metrics after this epoch. */
  test: Metrics;
  seconds: number;
  /** Only for a scheduled strategy: whether this epoch mixed, and the scheduled option values it mixed with. */
  mixing?: ScheduledMixing;
}

/** How a run trained its model: sizes and the optimization recipe, defaults filled. */
export interface TrainingRecord {
  epochs: number;
  batchSize: number;
  optimizer: OptimizerSettings['name'];
  /** The base learning rate (the schedule's). */
  learningRate: number;
  /** Absent in records of format 2 and older (migrated as 0). */
  weightDecay?: number;
  /** sgd only. */
  momentum?: number;
  /** sgd only. */
  nesterov?: boolean;
  lrSchedule?: LrSchedule;
  labelSmoothing?: number;
  /** The row's loss. */
  loss?: RowLoss;
}

/** The data a run trained and was evaluated on, as loaded. */
export interface DataRecord {
  /** Per-sample shape: [H, W, C] for images, [D] for features. */
  inputShape: number[];
  classes: number;
  trainCount: number;
  testCount: number;
  /** The per-channel standardisation the model applied (training-split statistics); absent when none. */
  normalization?: ChannelNormalization;
  /** The training labels' noise setting; absent when the labels are as loaded. */
  labelNoise?: LabelNoise;
}

/** Where and with what a run ran: informative only (a study resumes on another machine). */
export interface RunProvenance {
  /** The @mixzoo/lab version that trained the run (all mixzoo packages share one version). */
  mixzoo: string;
  /** @tensorflow/tfjs-core's version. */
  tfjs: string;
  backend: string;
  /** mixzoo's fused kernels registered on that backend (the kernel path of input mixing); [] = composed tfjs ops only. */
  fusedKernels: string[];
  /** process.version, e.g. 'v22.12.0'. */
  node: string;
  /** When the run finished, ISO 8601 UTC. */
  finishedAt: string;
  /** The machine that trained it (os.hostname()); absent on records written before it was recorded. */
  host?: string;
}

/** One strategy × seed training run. */
export interface RunResult {
  /** The record's format (RUN_FORMAT_VERSION when written by this mixzoo; records without one are format 1). */
  formatVersion: number;
  /** Stable id, e.g. 'mixup@seed1'; a finished run with this id in the output folder is not run again. */
  id: string;
  strategy: string;
  strategyOptions: Record<string, unknown>;
  /** The study row the run belongs to when it differs from `strategy` (a sweep: 'mixup(alpha=0.2)'). */
  label?: string;
  seed: number;
  dataset: string;
  model: ModelName;
  epochs: EpochRecord[];
  /** The last epoch's held-out metrics. */
  final: Metrics;
  /** Mean seconds per epoch. */
  secondsPerEpoch: number;
  backend: string;
  /** The augmentations applied to every training batch before mixing, in order; absent when none. */
  augment?: AugmentRecord[];
  training: TrainingRecord;
  data: DataRecord;
  /** Absent on records migrated from format 1. */
  provenance?: RunProvenance;
  /** The strategy's schedule over epochs (docs/schedules.md); absent when it mixed the same way every epoch. */
  schedule?: MixSchedule;
  /** The final model under corruptions and out-of-distribution inputs; only for studies with `robustness`. */
  robustness?: RobustnessRecord;
}

/** One row of a study: a strategy with its options, under its label. */
export interface StudyStrategy {
  name: string;
  options?: Record<string, unknown>;
  /** The row's loss (docs/losses.md); default 'ce'. */
  loss?: LossSpec;
  /** Default `name`; must be unique in the study. */
  label?: string;
  /** Options by epoch, and epochs without mixing (docs/schedules.md); absent = the same every epoch. */
  schedule?: MixSchedule;
}

/** What a study runs: every strategy × seed on the same data and data order per seed. */
export interface StudyConfig {
  /**
   * The study's rows. `label` (default: the name) names the row in tables, charts, files and run
   * ids; a sweep lists one strategy several times with different options and labels.
   */
  strategies: StudyStrategy[];
  seeds: number[];
  dataset: string;
  model: ModelName;
  epochs: number;
  batchSize: number;
  /** Optional subset sizes (quick runs). */
  trainSize?: number;
  testSize?: number;
  learningRate?: number;
  /**
   * Per-sample augmentations (image datasets), applied to every training batch before mixing,
   * `none` included: the same augmentations for every strategy of a seed. Absent or [] = none.
   */
  augment?: AugmentStepSpec[];
  /** Image datasets: [height, width] every image is resized to (bilinear); absent = the images' own size. */
  imageSize?: number[];
  /** Image datasets: 1 (grey) or 3 (RGB); absent = 1 when every image is grey, else 3. */
  channels?: number;
  /** Image datasets: standardise each channel with the training split's mean and std (in the model; recorded per run). */
  normalize?: boolean;
  /**
   * Evaluate each run's final model under corruptions and on out-of-distribution inputs (see
   * RobustnessConfig); absent = not evaluated (the default: it costs a pass over the test split
   * per corruption and severity).
   */
  robustness?: RobustnessConfig;
  /** The optimizer of every run: 'adam' (default), 'adamw', 'sgd', or { name, momentum, nesterov, weightDecay }. */
  optimizer?: OptimizerSpec;
  /** The learning-rate schedule, per step: 'constant' (default), 'step', 'cosine' (warm-up), 'one-cycle'. */
  lrSchedule?: LrScheduleSpec;
  /** Label smoothing ε of every row's targets; default 0. */
  labelSmoothing?: number;
  /** Corrupted training labels (the test split stays clean), the same for every strategy of a seed; absent = none. */
  labelNoise?: LabelNoise;
  /** Why the study trains its model (e.g. 'the default for image datasets'), shown with it in the report; documentation only. */
  modelReason?: string;
}

/** What a study's robustness evaluation measures (docs/robustness.md). */
export interface RobustnessConfig {
  /** Corruption names (CORRUPTION_NAMES), 'all' (the default) or [] for none. */
  corruptions?: string[] | 'all';
  /** Severities 1..5 to evaluate; default [1, 2, 3, 4, 5]. */
  severities?: number[];
  /** A dataset spec ('mnist') whose test split is the out-of-distribution input (same sample shape); absent = no OOD detection. */
  ood?: string;
}

/** A run's robustness results: its final model on the corrupted test split and against out-of-distribution inputs. */
export interface RobustnessRecord {
  /** The corruptions evaluated, in registry order. */
  corruptions: string[];
  severities: number[];
  /** Accuracy on the test split under each corruption, one value per severity (in `severities` order). */
  accuracy: Record<string, number[]>;
  /** Mean of `accuracy` over every corruption and severity (mCA); absent without corruptions. */
  meanCorruptionAccuracy?: number;
  /** Out-of-distribution detection by the maximum softmax probability: AUROC of test-split samples (positives) against the OOD dataset's test split. */
  ood?: { dataset: string; auroc: number; inCount: number; outCount: number };
}
