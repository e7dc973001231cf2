import type { LayersModel } from '@tensorflow/tfjs-layers';
import { createRng, describeValue, MixzooError, type KernelOps } from '@mixzoo/core';
import { loadDataset } from '../datasets/load.js';
import { parseDatasetSpec } from '../datasets/spec.js';
import { sampleSize, takeSamples } from '../datasets/split.js';
import type { Dataset, RobustnessConfig, RobustnessRecord, Split } from '../types.js';
import { accuracyOf } from './classification.js';
import { corruptImages, CORRUPTION_NAMES, SEVERITIES } from './corruptions/registry.js';
import { predictProbs } from './evaluate.js';
import { auroc, maxSoftmax } from './ood.js';

/** A robustness config with its defaults filled, in canonical order: equal settings evaluate the same way. */
export interface RobustnessSettings {
  /** Registry order. */
  corruptions: string[];
  /** Ascending. */
  severities: number[];
  /** The OOD dataset's canonical spec, or null for none. */
  ood: string | null;
}

/** The settings of `config` (defaults: every corruption, severities 1..5, no OOD); E_OPTION naming a bad field. */
export function resolveRobustness(config: RobustnessConfig, where = 'runStudy'): RobustnessSettings {
  const bad = (what: string, got: unknown) => new MixzooError('E_OPTION', `${where}: 'robustness.${what}, got ${describeValue(got)}.`);
  const value: unknown = config; // from study.json or plain JavaScript
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new MixzooError('E_OPTION', `${where}: 'robustness' must be an object { corruptions, severities, ood }, got ${describeValue(config)}.`);
  const unknownKey = Object.keys(config).find((k) => !['corruptions', 'severities', 'ood'].includes(k));
  if (unknownKey) throw bad(`${unknownKey}' is not a setting (expected corruptions, severities, ood)`, unknownKey);
  const { corruptions = 'all', severities = [...SEVERITIES], ood } = config;
  if (corruptions !== 'all' && !(Array.isArray(corruptions) && corruptions.every((c) => typeof c === 'string' && CORRUPTION_NAMES.includes(c)))) {
    throw bad(`corruptions' must be 'all' or a list of ${CORRUPTION_NAMES.join(', ')}`, corruptions);
  }
  if (Array.isArray(corruptions) && new Set(corruptions).size !== corruptions.length) throw bad(`corruptions' must not repeat`, corruptions);
  if (!Array.isArray(severities) || severities.length === 0 || !severities.every((s) => SEVERITIES.includes(s)) || new Set(severities).size !== severities.length) {
    throw bad(`severities' must be a non-empty list of distinct integers from 1 to 5`, severities);
  }
  const chosen = corruptions === 'all' ? CORRUPTION_NAMES : corruptions;
  return {
    corruptions: CORRUPTION_NAMES.filter((name) => chosen.includes(name)),
    severities: [...severities].sort((a, b) => a - b),
    ood: ood === undefined ? null : parseDatasetSpec(ood, `${where}: 'robustness.ood'`).spec,
  };
}

/** The settings a run's robustness record was evaluated with. */
export function recordedRobustness(record: RobustnessRecord): RobustnessSettings {
  return { corruptions: [...record.corruptions], severities: [...record.severities], ood: record.ood?.dataset ?? null };
}

export interface RobustnessOptions {
  /** The run's seed: the corruptions' draws and the OOD dataset's split (the same for every strategy of a seed). */
  seed: number;
  /** Pixel ops of the geometric corruptions (the zoo's `zoo.kernels`). */
  kernels: KernelOps;
  /** The study's test subset size: the OOD test split is cut to at most as many samples. */
  testSize?: number;
  /** loadDataset's dataDir (fashion-mnist's IDX files). */
  dataDir?: string;
  /** Samples per forward pass; default 256. */
  batchSize?: number;
}

const isImage = (shape: readonly number[]) => shape.length === 3;

/** The last OOD dataset loaded: a process evaluating the runs of one seed in a row loads it once. */
let oodCache: { key: string; dataset: Promise<Dataset> } | undefined;

/** The OOD dataset as loaded with its defaults, its test split cut to at most `testSize` samples (a seeded subset). */
async function loadOod(spec: string, options: { seed: number; testSize?: number; dataDir?: string }): Promise<Dataset> {
  const dataset = await loadDataset(spec, { seed: options.seed, dataDir: options.dataDir });
  const { testSize } = options;
  if (testSize === undefined || dataset.test.count <= testSize) return dataset;
  const keep = createRng(options.seed).stream('ood').permutation(dataset.test.count).slice(0, testSize);
  return { ...dataset, test: takeSamples(dataset.test, keep, sampleSize(dataset.inputShape)) };
}

/** The OOD dataset of a run, its test split at most the study's `testSize` (cached by spec, seed, size and folder). */
export function loadOodDataset(spec: string, options: { seed: number; testSize?: number; dataDir?: string }): Promise<Dataset> {
  const key = JSON.stringify([spec, options.seed, options.testSize, options.dataDir]);
  if (oodCache?.key !== key) {
    const dataset = loadOod(spec, options);
    oodCache = { key, dataset };
    dataset.catch(() => (oodCache = undefined)); // a failed load is tried again
  }
  return oodCache.dataset;
}

/**
 * E_USAGE before any training when the settings do not fit the study's data: corruptions need
 * images, the OOD dataset must be another dataset with the in-distribution sample shape (it
 * loads, and is checked, with the first seed).
 */
export async function checkRobustnessFits(config: RobustnessConfig | undefined, dataset: Dataset, options: { seed: number; testSize?: number; dataDir?: string }): Promise<void> {
  if (config === undefined) return;
  const settings = resolveRobustness(config);
  if (settings.corruptions.length > 0 && !isImage(dataset.inputShape)) {
    throw new MixzooError('E_USAGE', `runStudy: the robustness corruptions (${settings.corruptions.join(', ')}) corrupt images, but '${dataset.name}' has feature vectors of shape [${dataset.inputShape.join(', ')}]; use an image dataset or 'robustness.corruptions': [].`);
  }
  if (settings.ood === null) return;
  if (settings.ood === dataset.name) {
    throw new MixzooError('E_USAGE', `runStudy: the OOD dataset '${settings.ood}' is the study's own: its test split is the in-distribution one (AUROC ½ by construction); name another dataset of the same sample shape.`);
  }
  const ood = await loadOodDataset(settings.ood, options);
  if (ood.inputShape.join('×') !== dataset.inputShape.join('×')) {
    throw new MixzooError('E_USAGE', `runStudy: the OOD dataset '${settings.ood}' has samples of shape [${ood.inputShape.join(', ')}], the study's '${dataset.name}' [${dataset.inputShape.join(', ')}]; the model takes one shape.`);
  }
}

/** Accuracy of `model` on `split` with its inputs replaced. */
function accuracyOn(model: LayersModel, split: Split, x: Float32Array, numClasses: number, batchSize: number): number {
  return accuracyOf(predictProbs(model, { ...split, x }, numClasses, batchSize), split.y, numClasses);
}

/**
 * The trained model's robustness (docs/robustness.md): its accuracy on the test split under each
 * corruption and severity (the same corrupted images for every model of a seed) with their mean
 * (mCA), and how well its maximum softmax probability tells the test split from the OOD
 * dataset's (AUROC). The model and the dataset are not modified; no tensors are left behind.
 */
export async function evaluateRobustness(model: LayersModel, dataset: Dataset, config: RobustnessConfig, options: RobustnessOptions): Promise<RobustnessRecord> {
  const settings = resolveRobustness(config, 'evaluateRobustness');
  const { seed, kernels, batchSize = 256 } = options;
  const numClasses = dataset.classNames.length;
  const { test } = dataset;
  const record: RobustnessRecord = { corruptions: settings.corruptions, severities: settings.severities, accuracy: {} };
  if (settings.corruptions.length > 0) {
    if (!isImage(dataset.inputShape)) throw new MixzooError('E_SHAPE', `evaluateRobustness: corruptions need images [H, W, C], '${dataset.name}' has samples of shape [${dataset.inputShape.join(', ')}].`);
    const [height, width, channels] = dataset.inputShape;
    const images = { x: test.x, count: test.count, height, width, channels };
    for (const name of settings.corruptions) {
      record.accuracy[name] = settings.severities.map((severity) => accuracyOn(model, test, corruptImages(images, name, severity, seed, kernels), numClasses, batchSize));
    }
    const all = Object.values(record.accuracy).flat();
    record.meanCorruptionAccuracy = all.reduce((s, v) => s + v, 0) / all.length;
  }
  if (settings.ood !== null) {
    const ood = await loadOodDataset(settings.ood, options);
    const inScores = maxSoftmax(predictProbs(model, test, numClasses, batchSize), numClasses);
    const outScores = maxSoftmax(predictProbs(model, ood.test, numClasses, batchSize), numClasses);
    record.ood = { dataset: settings.ood, auroc: auroc(inScores, outScores), inCount: test.count, outCount: ood.test.count };
  }
  return record;
}

/** A robustness config as short text: 'corruptions shot-noise, contrast at severities 1, 3, 5; OOD mnist'. */
export function robustnessText(config: RobustnessConfig): string {
  const { corruptions, severities, ood } = resolveRobustness(config);
  const parts = [corruptions.length === CORRUPTION_NAMES.length ? `all ${corruptions.length} corruptions` : corruptions.length ? `corruptions ${corruptions.join(', ')}` : 'no corruptions'];
  if (corruptions.length) parts[0] += ` at severities ${severities.join(', ')}`;
  parts.push(ood === null ? 'no OOD detection' : `OOD ${ood}`);
  return parts.join('; ');
}
