import { createAugmenter } from '@mixzoo/augment';
import { describeValue, isObject, MixzooError, type Zoo } from '@mixzoo/core';
import { recordedRobustness, resolveRobustness, robustnessText, type RobustnessSettings } from '../metrics/robustness.js';
import { checkLabelNoise } from '../datasets/label-noise.js';
import { MODEL_NAMES } from '../models/create.js';
import { isHiddenLayerMixer } from '@mixzoo/mixup';
import { checkLossFits, resolveRecipe } from '../train/recipe.js';
import { NO_MIXING } from '../train/train-run.js';
import { dataRecord, trainingRecord } from '../train/record.js';
import { checkRelabelModel } from '../train/relabel.js';
import { checkScheduleEpochs, strategySchedule } from '../train/strategy-schedule.js';
import type { AugmentStepSpec, Dataset, RunResult, StudyConfig } from '../types.js';
import { augmentText } from './format.js';
import { strategyLabel } from './labels.js';

const bad = (what: string, got: unknown) => new MixzooError('E_OPTION', `runStudy: ${what}, got ${describeValue(got)}.`);
const isInt = (v: unknown, min: number) => typeof v === 'number' && Number.isInteger(v) && v >= min;

/** A step study.json can hold: a name, or an object with a name and options only (no augmentation objects). */
const isJsonStep = (s: unknown) =>
  typeof s === 'string' || (s !== null && typeof s === 'object' && typeof (s as { name?: unknown }).name === 'string' && Object.keys(s).every((k) => k === 'name' || k === 'options'));

/** E_OPTION for an augment list that is not plain JSON steps or does not resolve (unknown names, bad options). */
function checkAugment(augment: unknown): void {
  if (augment === undefined) return;
  if (!Array.isArray(augment) || !augment.every(isJsonStep)) {
    throw bad(`'augment' must be a list of augmentation names or { name, options } (study.json stores it)`, augment);
  }
  createAugmenter(augment as AugmentStepSpec[]);
}

/** E_OPTION for a bad optimizer, schedule, label smoothing or row loss, or a loss its strategy cannot train with. */
function checkRecipe(config: StudyConfig, zoo: Zoo): void {
  for (const row of config.strategies) {
    const recipe = resolveRecipe({ ...config, loss: row.loss }, `runStudy: strategy '${strategyLabel(row)}'`);
    const mixesInputs = row.name !== NO_MIXING && !isHiddenLayerMixer(zoo.create(row.name, row.options ?? {}));
    checkLossFits(recipe.loss, row.name, mixesInputs, `runStudy: strategy '${strategyLabel(row)}'`);
  }
}

/** Throws E_OPTION naming the first bad field of a study config; strategy options are checked by the zoo. */
export function checkStudyConfig(config: StudyConfig, zoo: Zoo): void {
  // Typed, but it comes from study.json or plain JavaScript: checked as unknown.
  const strategies: unknown = config.strategies;
  if (!Array.isArray(strategies) || strategies.length === 0) throw bad(`'strategies' must list at least one strategy`, strategies);
  const names = strategies.map((s: unknown) => (isObject(s) ? (s as { name?: unknown }).name : undefined));
  if (names.some((n) => typeof n !== 'string' || n === '')) throw bad(`every strategy needs a name`, names);
  const badLabel = config.strategies.find((s) => s.label !== undefined && (typeof s.label !== 'string' || s.label === ''));
  if (badLabel) throw bad(`the 'label' of strategy '${badLabel.name}' must be a non-empty string`, badLabel.label);
  const labels = config.strategies.map(strategyLabel);
  const repeated = labels.find((n, i) => labels.indexOf(n) !== i);
  if (repeated) throw bad(`strategy '${repeated}' is listed twice (give each entry its own label)`, labels);
  // Validates names, options and the model each strategy needs now, not after hours.
  for (const s of config.strategies) if (s.name !== NO_MIXING) checkRelabelModel(zoo.create(s.name, s.options ?? {}), config.model, 'runStudy');
  if (!Array.isArray(config.seeds) || config.seeds.length === 0 || !config.seeds.every((s) => isInt(s, 0))) throw bad(`'seeds' must be a non-empty list of integers >= 0`, config.seeds);
  if (new Set(config.seeds).size !== config.seeds.length) throw bad(`'seeds' must not repeat`, config.seeds);
  if (typeof config.dataset !== 'string' || config.dataset === '') throw bad(`'dataset' must be a dataset spec such as 'mnist'`, config.dataset);
  if (!MODEL_NAMES.includes(config.model)) throw bad(`'model' must be one of ${MODEL_NAMES.join(', ')}`, config.model);
  if (config.modelReason !== undefined && typeof config.modelReason !== 'string') throw bad(`'modelReason' must be a string when given`, config.modelReason);
  if (!isInt(config.epochs, 1)) throw bad(`'epochs' must be an integer >= 1`, config.epochs);
  if (!isInt(config.batchSize, 2)) throw bad(`'batchSize' must be an integer >= 2`, config.batchSize);
  for (const key of ['trainSize', 'testSize'] as const) if (config[key] !== undefined && !isInt(config[key], 2)) throw bad(`'${key}' must be an integer >= 2`, config[key]);
  if (config.learningRate !== undefined && !(config.learningRate > 0 && Number.isFinite(config.learningRate))) throw bad(`'learningRate' must be a finite number > 0`, config.learningRate);
  checkAugment(config.augment);
  for (const s of config.strategies) {
    const scheduled = strategySchedule(zoo, s.name, s.options ?? {}, s.schedule, 0, 'runStudy');
    if (scheduled) checkScheduleEpochs(scheduled, config.epochs);
  }
  if (config.robustness !== undefined) resolveRobustness(config.robustness);
  checkRecipe(config, zoo);
  if (config.labelNoise !== undefined) checkLabelNoise(config.labelNoise);
}

/** JSON with object keys sorted at every level. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** Fields that must match for stored runs to be reused; strategies and seeds may grow between calls. */
const SETUP_KEYS = ['dataset', 'model', 'epochs', 'batchSize', 'trainSize', 'testSize', 'learningRate'] as const;

/** The augmentation as its steps resolve (defaults filled), as text: equal texts augment the same way; [] and absent are equal. */
function resolvedAugment(augment: readonly AugmentStepSpec[] | undefined): string {
  return canonicalJson(createAugmenter(augment ?? []).steps.map((step) => ({ name: step.name, options: step.options })));
}

/** Robustness settings as text: equal texts evaluate the same way; absent is 'absent'. */
const robustnessSetupText = (settings: RobustnessSettings | undefined) => (settings ? canonicalJson(settings) : 'absent');
/** The study's optimizer, schedule and label smoothing with defaults filled, as text (rows' losses are compared run by run). */
function recipeText(config: StudyConfig): string {
  const { loss: _loss, ...recipe } = resolveRecipe(config, 'runStudy');
  return canonicalJson(recipe);
}

/** E_USAGE when the folder's study.json describes another setup (resuming would mix two studies). */
export function checkSameSetup(stored: StudyConfig, config: StudyConfig, where: string): void {
  const pairs = SETUP_KEYS.filter((k) => stored[k] !== config[k]).map((k) => `${k} ${describeValue(stored[k])} → ${describeValue(config[k])}`);
  if (recipeText(stored) !== recipeText(config)) pairs.push(`recipe ${recipeText(stored)} → ${recipeText(config)}`);
  if (resolvedAugment(stored.augment) !== resolvedAugment(config.augment)) pairs.push(`augment ${augmentText(stored.augment)} → ${augmentText(config.augment)}`);
  if (robustnessSetupText(stored.robustness && resolveRobustness(stored.robustness)) !== robustnessSetupText(config.robustness && resolveRobustness(config.robustness))) {
    const text = (r: StudyConfig['robustness']) => (r ? `'${robustnessText(r)}'` : 'none');
    pairs.push(`robustness ${text(stored.robustness)} → ${text(config.robustness)}`);
  }
  if (canonicalJson(stored.labelNoise ?? null) !== canonicalJson(config.labelNoise ?? null)) pairs.push(`labelNoise ${canonicalJson(stored.labelNoise ?? null)} → ${canonicalJson(config.labelNoise ?? null)}`);
  if (pairs.length > 0) {
    throw new MixzooError('E_USAGE', `${where} holds a study with another setup (${pairs.join(', ')}); use another output folder, or pass resume: false (--no-resume) to start over.`);
  }
}

export const runId = (strategy: string, seed: number) => `${strategy}@seed${seed}`;

/**
 * Options as the zoo resolves them (defaults filled), as text: equal texts train the same way.
 * Options the zoo refuses (a stored record's, from another version of the strategy) stay as given:
 * they differ from any valid study's.
 */
function resolvedOptions(zoo: Zoo, strategy: string, options: Record<string, unknown> | undefined): string {
  if (strategy === NO_MIXING || !zoo.has(strategy)) return canonicalJson(options ?? {});
  try {
    return canonicalJson(zoo.create(strategy, options ?? {}).options);
  } catch (error) {
    if (error instanceof MixzooError) return canonicalJson(options ?? {});
    throw error;
  }
}

/** What a run record must hold to be this study's run of `strategy` and `seed` on `dataset` (the seed's data as loaded). */
export function expectedRun(config: StudyConfig, strategy: StudyConfig['strategies'][number], seed: number, dataset: Dataset): RunSetup {
  return {
    dataset: dataset.name,
    model: config.model,
    seed,
    strategy: strategy.name,
    strategyOptions: strategy.options ?? {},
    ...(strategy.schedule !== undefined ? { schedule: strategy.schedule } : {}),
    augment: config.augment,
    ...(config.robustness ? { robustnessSettings: resolveRobustness(config.robustness) } : {}),
    training: trainingRecord({ ...config, loss: strategy.loss }),
    data: dataRecord(dataset),
  };
}

/** The fields of a run record that determine its result. */
export type RunSetup = Pick<RunResult, 'dataset' | 'model' | 'seed' | 'strategy' | 'strategyOptions' | 'training' | 'data' | 'schedule'> & { augment?: readonly AugmentStepSpec[]; robustnessSettings?: RobustnessSettings };

/** A run's setup as comparable texts, field by field; training and data settings one by one ('training.batchSize'), so settings added later are compared too. */
function setupFields(zoo: Zoo, run: RunSetup): Map<string, string> {
  const fields = new Map<string, string>([
    ['dataset', canonicalJson(run.dataset)],
    ['model', canonicalJson(run.model)],
    ['seed', canonicalJson(run.seed)],
    ['strategy', canonicalJson(run.strategy)],
    ['strategyOptions', resolvedOptions(zoo, run.strategy, run.strategyOptions)],
    ['augment', resolvedAugment(run.augment)],
    ['robustness', robustnessSetupText(run.robustnessSettings)],
  ]);
  if (run.schedule !== undefined) fields.set('schedule', canonicalJson(run.schedule));
  for (const group of ['training', 'data'] as const) {
    const settings: unknown = run[group]; // a stored record's may be missing
    // A normalisation's statistics are each seed's training split's: compared as present or absent.
    for (const [key, value] of Object.entries(settings ?? {})) fields.set(`${group}.${key}`, group === 'data' && key === 'normalization' ? 'standardised' : canonicalJson(value));
  }
  return fields;
}

/**
 * E_USAGE naming the first field where a stored run record differs from the run this study would
 * train (data, model, seed, strategy and options, training settings, augmentation): reusing it
 * would report another setup's result as this study's.
 */
export function checkStoredRun(zoo: Zoo, run: RunResult, expected: RunSetup, where: string): void {
  const stored = setupFields(zoo, { ...run, robustnessSettings: run.robustness && recordedRobustness(run.robustness) });
  const wanted = setupFields(zoo, expected);
  for (const field of new Set([...wanted.keys(), ...stored.keys()])) {
    const a = stored.get(field) ?? 'absent';
    const b = wanted.get(field) ?? 'absent';
    if (a !== b) {
      throw new MixzooError(
        'E_USAGE',
        `${where}: run '${run.id}' was trained with ${field} ${a}, this study has ${field} ${b}; use another output folder, or pass resume: false (--no-resume) to start over.`,
      );
    }
  }
}
