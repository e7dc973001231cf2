import { existsSync, statSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { join, resolve } from 'node:path';
import { parseAugmentList } from '@mixzoo/augment';
import { MixzooError, type Seed, type Zoo } from '@mixzoo/core';
import {
  differenceTable,
  FASHION_MNIST_DIR,
  judgeReplication,
  parseDatasetSpec,
  REPLICATIONS,
  replicationMarkdown,
  runStudy,
  STUDY_PRESETS,
  summaryTable,
  type AugmentStepSpec,
  type LabelNoise,
  type ModelName,
  type RobustnessConfig,
  type StudyConfig,
  type StudyPresetName,
  type StudyStrategy,
} from '@mixzoo/lab';
import { strategyEntry, type GridAxis, type StrategyEntry } from './compare-args.js';
import { scheduleRows } from './compare-schedule.js';
import { defaultModel } from './data-args.js';
import { checkOutDir } from './out-dir.js';
import { studyProgress } from './study-progress.js';
import { usageError } from './usage-error.js';

export interface CompareRequest {
  preset?: StudyPresetName;
  strategies?: string[];
  dataset?: string;
  model?: ModelName;
  epochs?: number;
  seeds?: number[];
  /** The global --seed, only when given on the command line: the study's one seed (conflicts with --seeds). */
  seed?: Seed;
  out?: string;
  /** JSON object keyed by strategy name (from --strategy-options). */
  strategyOptions?: string;
  batchSize?: number;
  trainSize?: number;
  testSize?: number;
  dataDir?: string;
  learningRate?: number;
  /** The optimizer (from --optimizer): a name or { name, ...options }. */
  optimizer?: string | Record<string, unknown>;
  /** Weight decay (from --weight-decay), added to the optimizer's options. */
  weightDecay?: number;
  /** The learning-rate schedule (from --lr-schedule): a name or { name, ...options }. */
  lrSchedule?: string | Record<string, unknown>;
  /** Label smoothing ε (from --label-smoothing). */
  labelSmoothing?: number;
  /** Depths where manifold-mixup may mix (from --manifold-layers): its option `layers`. */
  manifoldLayers?: number[];
  /** Augmentations before mixing (from --augment): 'crop,flip', a JSON array of specs, or 'none'. */
  augment?: string;
  /** Option sweeps (from --grid mixup.alpha=0.1,0.2): a study row per value. */
  grid?: GridAxis[];
  /** Runs trained at once in local worker processes (from --workers; default: one per core). */
  workers?: number;
  /** A Redis URL (from --queue): the runs go on a queue served by `mixzoo worker`. */
  queue?: string;
  /** Schedules (from --schedule, parsed JSON): one for every row that mixes, or keyed by strategy name. */
  schedule?: unknown;
  /** Robustness evaluation (from --corruptions, --severities, --ood): any of them turns it on. */
  corruptions?: string[] | 'all';
  severities?: number[];
  ood?: string;
  /** Corrupted training labels (from --label-noise). */
  labelNoise?: LabelNoise;
  resume: boolean;
  /** Image datasets (from --image-size, --channels, --normalize): [height, width], 1 or 3, per-channel standardisation. */
  imageSize?: number[];
  channels?: number;
  normalize?: boolean;
  /** The decode cache (from --cache-dir, --no-cache) and the memory limit in bytes (from --max-data-memory). */
  cacheDir?: string;
  cache?: boolean;
  maxDataMemory?: number;
}

/** The lab's name for training without mixing (a study may list it whether or not a zoo registers it). */

/** Without --preset: a small MNIST study (flags override every field; without --model, the model follows the dataset: defaultModel). */
const DEFAULT_STUDY: StudyConfig = {
  strategies: [{ name: 'none' }, { name: 'mixup' }, { name: 'cutmix' }],
  seeds: [1, 2, 3],
  dataset: 'mnist',
  model: 'cnn', // only a placeholder: studyConfig asks defaultModel
  epochs: 5,
  batchSize: 64,
};

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/** `--strategy-options '{"mixup":{"alpha":0.4}}'`: an object of option objects, keyed by names of the study's strategies. */
export function parseStrategyOptions(text: string | undefined, names: readonly string[]): Record<string, Record<string, unknown>> {
  if (text === undefined) return {};
  const example = `'{"mixup":{"alpha":0.4},"cutmix":{"alpha":1}}'`;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw usageError(`--strategy-options: expected a JSON object keyed by strategy name such as ${example}, got '${text}' (${(error as Error).message}).`);
  }
  if (!isObject(value)) throw usageError(`--strategy-options: expected a JSON object keyed by strategy name such as ${example}, got '${text}'.`);
  for (const [name, options] of Object.entries(value)) {
    if (!names.includes(name)) throw usageError(`--strategy-options: '${name}' is not one of the study's strategies (${names.join(', ')}).`);
    if (!isObject(options)) throw usageError(`--strategy-options: the options of '${name}' must be a JSON object, got ${JSON.stringify(options)}.`);
  }
  return value as Record<string, Record<string, unknown>>;
}

/** `--augment crop,flip`, `--augment '[{"name":"crop","options":{"padding":2}},"flip"]'`, or `--augment none` (no augmentation: []). */
export function parseAugmentFlag(text: string): AugmentStepSpec[] {
  if (text.trim() === 'none') return [];
  try {
    return parseAugmentList(text) as AugmentStepSpec[];
  } catch (error) {
    if (!(error instanceof MixzooError)) throw error;
    throw usageError(`--augment: ${error.message.replace(/^augment: /, '')}`);
  }
}

/** --seeds, or the global --seed as the one seed; both at once is a usage error rather than one silently winning. */
function studySeeds(request: CompareRequest, base: StudyConfig): number[] {
  if (request.seed === undefined) return request.seeds ?? base.seeds;
  if (request.seeds) {
    throw usageError(`--seed ${String(request.seed)} and --seeds ${request.seeds.join(',')} both choose the study's seeds; give one (--seed S: the one seed S; --seeds K or a list: several).`);
  }
  if (typeof request.seed !== 'number' || !Number.isInteger(request.seed) || request.seed < 0) {
    throw usageError(`--seed: compare seeds its runs with integers >= 0, got '${String(request.seed)}'.`);
  }
  return [request.seed];
}


/**
 * The rows of --strategies with the --grid sweeps applied: every row of a swept strategy becomes
 * one row per combination of the swept values (a swept strategy not listed is added), labelled
 * with its typed and swept options: 'mixup(alpha=0.1)'.
 */
function sweep(entries: StrategyEntry[], grid: readonly GridAxis[]): StrategyEntry[] {
  const swept = [...new Set(grid.map((a) => a.strategy))];
  const all: StrategyEntry[] = [...entries, ...swept.filter((name) => !entries.some((e) => e.name === name)).map((name) => ({ name }))];
  return all.flatMap((entry) => {
    const axes = grid.filter((a) => a.strategy === entry.name);
    if (axes.length === 0) return [entry];
    // The label goes on from the typed options: 'mixup(mode=elem)' swept over alpha → 'mixup(mode=elem,alpha=0.1)'; a loss suffix stays last.
    const cut = entry.loss !== undefined && entry.label ? entry.label.lastIndexOf(':loss=') : -1;
    const suffix = cut >= 0 && entry.label ? entry.label.slice(cut) : '';
    const head = cut >= 0 && entry.label ? entry.label.slice(0, cut) : (entry.label ?? entry.name);
    const typed = head.length > entry.name.length ? head.slice(entry.name.length + 1, -1) : '';
    let rows: { options: Record<string, unknown>; settings: string[] }[] = [{ options: { ...entry.options }, settings: typed ? [typed] : [] }];
    for (const axis of axes) {
      if (entry.options && axis.option in entry.options) throw usageError(`--grid ${axis.strategy}.${axis.option}: '${entry.label ?? entry.name}' already sets ${axis.option}; sweep it or set it, not both.`);
      rows = rows.flatMap((row) => axis.values.map((value, i) => ({ options: { ...row.options, [axis.option]: value }, settings: [...row.settings, `${axis.option}=${axis.texts[i]}`] })));
    }
    return rows.map((row) => ({ name: entry.name, options: row.options, label: `${entry.name}(${row.settings.join(',')})${suffix}`, ...(entry.loss !== undefined ? { loss: entry.loss } : {}) }));
  });
}

/**
 * --corruptions, --severities and --ood (any of them turns the evaluation on; the preset's otherwise).
 * --ood alone evaluates OOD detection only; --severities without --corruptions takes every corruption.
 */
function robustnessConfig(request: CompareRequest, base: StudyConfig): RobustnessConfig | undefined {
  const { corruptions, severities, ood } = request;
  if (corruptions === undefined && severities === undefined && ood === undefined) return base.robustness;
  const config: RobustnessConfig = { corruptions: corruptions ?? (severities === undefined ? [] : 'all') };
  if (severities !== undefined) config.severities = severities;
  if (ood !== undefined) config.ood = parseDatasetSpec(ood, '--ood').spec;
  if (severities !== undefined && Array.isArray(config.corruptions) && config.corruptions.length === 0) throw usageError(`--severities: --corruptions none evaluates no corruption; drop one of them.`);
  return config;
}

/** The study's optimizer, schedule and label smoothing from the flags (over the preset's); absent unless set. The lab checks the values. */
function recipeFlags(request: CompareRequest, base: StudyConfig): Pick<StudyConfig, 'optimizer' | 'lrSchedule' | 'labelSmoothing'> {
  const out: Pick<StudyConfig, 'optimizer' | 'lrSchedule' | 'labelSmoothing'> = {};
  const optimizer = request.optimizer ?? base.optimizer;
  if (request.weightDecay !== undefined) {
    const named = typeof optimizer === 'object' ? optimizer : { name: optimizer ?? 'adam' };
    out.optimizer = { ...named, weightDecay: request.weightDecay } as StudyConfig['optimizer'];
  } else if (optimizer !== undefined) out.optimizer = optimizer as StudyConfig['optimizer'];
  const lrSchedule = request.lrSchedule ?? base.lrSchedule;
  if (lrSchedule !== undefined) out.lrSchedule = lrSchedule as StudyConfig['lrSchedule'];
  const labelSmoothing = request.labelSmoothing ?? base.labelSmoothing;
  if (labelSmoothing !== undefined) out.labelSmoothing = labelSmoothing;
  return out;
}

/**
 * The study a request asks for (preset or defaults, overridden by flags), its output folder, and
 * why it trains its model; the dataset spec is checked (folders must exist).
 */
export function studyConfig(request: CompareRequest): { config: StudyConfig; out: string; modelWhy: string } {
  const base = request.preset ? STUDY_PRESETS[request.preset] : DEFAULT_STUDY;
  const entries = sweep(request.strategies ? request.strategies.map(strategyEntry) : base.strategies.map(({ name, options, label }) => ({ name, ...(options ? { options } : {}), ...(label ? { label } : {}) })), request.grid ?? []);
  const names = [...new Set(entries.map((e) => e.name))];
  // Only the strategies named in --strategy-options have an entry.
  const options: Partial<Record<string, Record<string, unknown>>> = parseStrategyOptions(request.strategyOptions, names);
  if (request.manifoldLayers) {
    if (!names.includes('manifold-mixup')) throw usageError(`--manifold-layers: only manifold-mixup uses it; add it to --strategies (e.g. none,mixup,manifold-mixup).`);
    options['manifold-mixup'] = { ...options['manifold-mixup'], layers: request.manifoldLayers };
  }
  const labels = entries.map((e) => e.label ?? e.name);
  const repeated = labels.find((l, i) => labels.indexOf(l) !== i);
  if (repeated) throw usageError(`--strategies/--grid: the row '${repeated}' comes twice; each row needs its own options.`);
  const spec = parseDatasetSpec(request.dataset ?? base.dataset, '--dataset');
  const model = request.model ? { model: request.model, why: 'named by --model' } : defaultModel(spec.kind, request.preset ? base.model : undefined);
  const config: StudyConfig = {
    strategies: scheduleRows(entries.map(({ name, options: typed, label, loss }) => {
      const given = typed || options[name] ? { ...options[name], ...typed } : base.strategies.find((s) => s.name === name)?.options;
      return { name, ...(given ? { options: given } : {}), ...(label ? { label } : {}), ...(loss !== undefined ? { loss: loss as StudyStrategy['loss'] } : {}) };
    }), request.schedule),
    seeds: studySeeds(request, base),
    dataset: spec.spec,
    model: model.model,
    epochs: request.epochs ?? base.epochs,
    batchSize: request.batchSize ?? base.batchSize,
  };
  // Optional fields stay absent unless set, so that study.json compares equal across calls.
  const trainSize = request.trainSize ?? base.trainSize;
  const testSize = request.testSize ?? base.testSize;
  const learningRate = request.learningRate ?? base.learningRate;
  const augment = request.augment === undefined ? base.augment : parseAugmentFlag(request.augment);
  if (trainSize !== undefined) config.trainSize = trainSize;
  if (testSize !== undefined) config.testSize = testSize;
  if (learningRate !== undefined) config.learningRate = learningRate;
  if (augment?.length) config.augment = augment;
  if (request.imageSize) config.imageSize = request.imageSize;
  if (request.channels !== undefined) config.channels = request.channels;
  if (request.normalize) config.normalize = true;
  const robustness = robustnessConfig(request, base);
  if (robustness) config.robustness = robustness;
  Object.assign(config, recipeFlags(request, base));
  const labelNoise = request.labelNoise ?? base.labelNoise;
  if (labelNoise !== undefined && labelNoise.rate > 0) config.labelNoise = labelNoise;
  const folder = request.preset ?? `${config.dataset}-${config.model}`.replace(/[^A-Za-z0-9._-]+/g, '_');
  config.modelReason = model.why;
  return { config, out: request.out ?? join('runs', folder), modelWhy: model.why };
}

/**
 * Everything a study can be refused for, checked before any folder is created or work announced:
 * the data files, each strategy with its options (unknown names get the registry's suggestion;
 * options for 'none' are refused while no zoo strategy takes them), and the output folder.
 */
function checkStudy(zoo: Zoo, config: StudyConfig, out: string, dataDir: string | undefined): void {
  if (config.dataset === 'fashion-mnist') {
    const dir = dataDir ?? FASHION_MNIST_DIR;
    if (!existsSync(dir) || !statSync(dir).isDirectory()) {
      throw new MixzooError('E_DATASET', `--dataset fashion-mnist: no folder '${dir}'; install Debian's dataset-fashion-mnist or pass the folder of the IDX files as --data-dir.`);
    }
  }
  // Unknown names and bad options (typed or swept) fail here, before any work.
  for (const { name, options } of config.strategies) zoo.create(name, options ?? {});
  checkOutDir(out);
}

/** `mixzoo compare`: runs (or resumes) the study with a progress display on stderr; returns the tables and where the report is. */
export async function compareCommand(zoo: Zoo, request: CompareRequest, plugins: readonly string[] = []): Promise<string> {
  const { config, out, modelWhy } = studyConfig(request);
  checkStudy(zoo, config, out, request.dataDir);
  const loading = {
    ...(request.cacheDir !== undefined ? { cacheDir: request.cacheDir } : {}),
    ...(request.cache === false ? { cache: false } : {}),
    ...(request.maxDataMemory !== undefined ? { maxMemory: request.maxDataMemory } : {}),
  };
  const progress = studyProgress();
  let result;
  try {
    result = await runStudy(config, {
      zoo,
      outDir: out,
      onProgress: (event) => progress.onProgress(event),
      resume: request.resume,
      dataDir: request.dataDir,
      workers: request.workers ?? availableParallelism(),
      queue: request.queue,
      plugins: [...plugins],
      ...(Object.keys(loading).length > 0 ? { loading } : {}),
    });
  } finally {
    progress.stop();
  }
  const { summaries, metrics, files } = result;
  const differences = differenceTable(summaries, metrics);
  const seeds = config.seeds.length;
  // A replication preset: its claims judged on this study, also kept as replication.md in the study folder.
  // Judged only while the study still has the rows the claims compare (flags may have replaced them).
  const preset = request.preset !== undefined && request.preset in REPLICATIONS ? REPLICATIONS[request.preset as keyof typeof REPLICATIONS] : undefined;
  const rows = new Set(summaries.map((s) => s.strategy));
  const replication = preset?.claims.every((c) => rows.has(c.a) && rows.has(c.b)) ? preset : undefined;
  const verdicts = replication ? replicationMarkdown(replication, judgeReplication(result.results, replication.claims)) : undefined;
  if (verdicts) await writeFile(join(out, 'replication.md'), `${verdicts}\n`);
  return [
    '',
    `Held-out metrics after ${config.epochs} epoch${config.epochs === 1 ? '' : 's'}, mean ± std over ${seeds} seed${seeds === 1 ? '' : 's'} (${config.dataset}, ${config.model}: ${modelWhy}):`,
    '',
    summaryTable(summaries, metrics),
    ...(differences ? ['', 'Difference to none (paired t-test over seeds):', '', differences] : []),
    ...(verdicts ? ['', `Replication of ${verdicts}`, '', `(also in ${resolve(out, 'replication.md')})`] : []),
    '',
    `Trained ${result.trained} run${result.trained === 1 ? '' : 's'}, reused ${result.reused} from results.json.`,
    `Report: ${resolve(files.html)}`,
    `Data:   ${resolve(files.json)}, results.csv, results.md`,
  ].join('\n');
}
