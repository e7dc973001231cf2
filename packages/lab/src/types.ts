/**
 * The lab's shared data model: what a training run produces and what studies and reports read.
 * Everything here is plain JSON (results.json is an array of RunResult).
 */

/** A split of a dataset, kept as flat typed arrays (NHWC images or [N, D] features). */
export interface Split {
  /** Inputs, row-major, `count × prod(inputShape)`, float32 (images scaled to [0, 1]). */
  x: Float32Array;
  /** Class indices. */
  y: Int32Array;
  count: number;
}

export interface Dataset {
  /** e.g. 'mnist', 'fashion-mnist', 'moons', 'folder:flowers'. */
  name: string;
  classNames: string[];
  /** Per-sample shape: [H, W, C] for images, [D] for features. */
  inputShape: number[];
  train: Split;
  test: Split;
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

export type ModelName = 'mlp' | 'cnn' | 'resnet';

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
  /** Mean training loss on the mixed batches (soft-label cross-entropy). */
  trainLoss: number;
  /** Held-out metrics after this epoch. */
  test: Metrics;
  seconds: number;
}

/** How a run trained its model (room for schedules and other optimizers). */
export interface TrainingRecord {
  epochs: number;
  batchSize: number;
  optimizer: 'adam';
  learningRate: number;
}

/** The data a run trained and was evaluated on, as loaded. */
export interface DataRecord {
  /** Per-sample shape: [H, W, C] for images, [D] for features. */
  inputShape: number[];
  classes: number;
  trainCount: number;
  testCount: number;
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
}

/** One row of a study: a strategy with its options, under its label. */
export interface StudyStrategy {
  name: string;
  options?: Record<string, unknown>;
  /** Default `name`; must be unique in the study. */
  label?: string;
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
  /** Corrupted training labels (the test split stays clean), the same for every strategy of a seed; absent = none. */
  labelNoise?: LabelNoise;
}
