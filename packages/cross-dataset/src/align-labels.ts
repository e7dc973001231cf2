import * as tf from '@tensorflow/tfjs-core';
import { describeValue, didYouMean, isObject, isTensor, MixzooError, type MixzooErrorCode, readSoftLabels } from '@mixzoo/core';
import { LabelSpace } from './label-space.js';

/** 'union': classes with the same name (or synonyms) merge; 'disjoint': every dataset keeps its own classes (OpenMix). */
export type AlignMode = 'union' | 'disjoint';
export const ALIGN_MODES: readonly AlignMode[] = ['union', 'disjoint'];

/** One class of a dataset split over several unified classes: names (equal shares) or `{ name: weight }` summing to 1. */
export type ClassMapping = readonly string[] | Readonly<Record<string, number>>;

export interface AlignOptions {
  /** Default 'union'. */
  mode?: AlignMode;
  /** Groups of names for one class, e.g. `[['car', 'automobile']]`; the unified class takes the group's first name. 'union' only. */
  synonyms?: readonly (readonly string[])[];
  /** Per dataset, classes that stand for several unified classes (1:many): `{ coarse: { vehicle: ['car', 'truck'] } }`. 'union' only. */
  mappings?: Readonly<Record<string, Readonly<Record<string, ClassMapping>>>>;
}

/** Where errors are reported from: the function API or the strategy's options. */
export interface AlignContext {
  /** Put before an argument name, e.g. "alignLabelSpaces: " or "cross-dataset: option ". */
  prefix: string;
  code: MixzooErrorCode;
}

const FUNCTION_CONTEXT: AlignContext = { prefix: 'alignLabelSpaces: ', code: 'E_LABELS' };
const SUM_TOLERANCE = 1e-6;

/**
 * The unified label space U of several datasets, with per dataset a projection P_d
 * (|L_d| × |U| rows: one-hot, or fractional for 1:many mappings) and a validity mask v_d
 * (the unified classes dataset d annotates). A dataset's labels y map to U as y·P_d.
 */
export class LabelAlignment {
  constructor(
    readonly mode: AlignMode,
    readonly space: LabelSpace,
    readonly spaces: readonly LabelSpace[],
    readonly projections: Readonly<Record<string, readonly (readonly number[])[]>>,
    readonly validity: Readonly<Record<string, readonly boolean[]>>,
  ) {}

  get datasets(): string[] {
    return this.spaces.map((s) => s.name);
  }

  /** The label space of a dataset; E_LABELS naming `where` and `arg` for an unknown name. */
  spaceOf(dataset: string, where = 'LabelAlignment', arg = 'dataset'): LabelSpace {
    const space = this.spaces.find((s) => s.name === dataset);
    if (!space) {
      const names = this.datasets;
      const hint = typeof dataset === 'string' ? didYouMean(dataset, names) : '';
      throw new MixzooError('E_LABELS', `${where}: '${arg}' must be one of ${names.map((n) => `'${n}'`).join(', ')}, got ${describeValue(dataset)}.${hint}`);
    }
    return space;
  }

  /** Soft rows of one dataset ([B, |L_d|], row-major) projected to U ([B, |U|]). */
  projectRows(dataset: string, rows: ArrayLike<number>, batchSize: number): Float64Array {
    const k = this.spaceOf(dataset).size;
    const projection = this.projections[dataset];
    const u = this.space.size;
    const out = new Float64Array(batchSize * u);
    for (let i = 0; i < batchSize; i++) {
      for (let c = 0; c < k; c++) {
        const y = rows[i * k + c];
        if (y === 0) continue;
        const row = projection[c];
        for (let j = 0; j < u; j++) out[i * u + j] += y * row[j];
      }
    }
    return out;
  }

  /**
   * A dataset's labels (int32 indices [B] into its own space, or float32 rows [B, |L_d|]) as
   * float32 [B, |U|] rows, e.g. to evaluate on one dataset's test set. Label smoothing, if any,
   * is applied in the dataset's own space, before the projection.
   */
  project(dataset: string, labels: tf.Tensor, options: { labelSmoothing?: number } = {}): tf.Tensor2D {
    const where = 'LabelAlignment.project';
    const space = this.spaceOf(dataset, where);
    const b = isTensor(labels) && labels.rank > 0 ? labels.shape[0] : 0; // readSoftLabels rejects anything else
    const { rows } = readSoftLabels(where, labels, b, space.size, options.labelSmoothing ?? 0);
    return tf.tensor2d(Float32Array.from(this.projectRows(dataset, rows, b)), [b, this.space.size], 'float32');
  }
}

type Fail = (message: string) => MixzooError;

function checkSynonyms(synonyms: unknown, known: ReadonlySet<string>, fail: Fail): Map<string, string> {
  const canonical = new Map<string, string>();
  if (synonyms === undefined) return canonical;
  if (!Array.isArray(synonyms)) throw fail(`'synonyms' must be an array of groups of class names, got ${describeValue(synonyms)}.`);
  synonyms.forEach((group, g) => {
    if (!Array.isArray(group) || group.length < 2 || group.some((n) => typeof n !== 'string')) {
      throw fail(`'synonyms[${g}]' must be an array of at least 2 class names, got ${describeValue(group)}.`);
    }
    const names = group as string[];
    for (const name of names) {
      if (!known.has(name)) {
        throw fail(`'synonyms[${g}]' names '${name}', which is a class of no label space.${didYouMean(name, [...known])}`);
      }
      if (canonical.has(name)) throw fail(`'synonyms[${g}]' names '${name}', which is already in another synonym group.`);
      canonical.set(name, names[0]);
    }
  });
  return canonical;
}

/** Mapping weights over target names: equal shares for a list, or the given weights (> 0, summing to 1). */
function mappingWeights(value: unknown, where: string, fail: Fail): [string, number][] {
  if (Array.isArray(value)) {
    if (value.length === 0 || value.some((n) => typeof n !== 'string')) {
      throw fail(`'${where}' must be a non-empty array of class names or { name: weight }, got ${describeValue(value)}.`);
    }
    return value.map((name: string) => [name, 1 / value.length]);
  }
  if (!isObject(value) || Object.keys(value).length === 0) {
    throw fail(`'${where}' must be a non-empty array of class names or { name: weight }, got ${describeValue(value)}.`);
  }
  const entries = Object.entries(value as Record<string, unknown>);
  for (const [name, w] of entries) {
    if (typeof w !== 'number' || !(w > 0) || !Number.isFinite(w)) throw fail(`'${where}.${name}' must be a weight > 0, got ${describeValue(w)}.`);
  }
  const sum = entries.reduce((s, [, w]) => s + (w as number), 0);
  if (Math.abs(sum - 1) > SUM_TOLERANCE) throw fail(`'${where}' weights must sum to 1, got ${sum}.`);
  return entries as [string, number][];
}

/** Per dataset, per mapped class: the [target name, weight] pairs (names not resolved yet). */
function checkMappings(mappings: unknown, spaces: readonly LabelSpace[], canonical: ReadonlyMap<string, string>, fail: Fail): Map<string, Map<string, [string, number][]>> {
  const out = new Map<string, Map<string, [string, number][]>>();
  if (mappings === undefined) return out;
  if (!isObject(mappings) || Array.isArray(mappings)) {
    throw fail(`'mappings' must be { dataset: { class: [unified classes] } }, got ${describeValue(mappings)}.`);
  }
  const names = spaces.map((s) => s.name);
  for (const [dataset, classes] of Object.entries(mappings)) {
    const space = spaces.find((s) => s.name === dataset);
    if (!space) throw fail(`'mappings' names dataset '${dataset}', which has no label space.${didYouMean(dataset, names)} Datasets: ${names.join(', ')}.`);
    if (!isObject(classes) || Array.isArray(classes)) {
      throw fail(`'mappings.${dataset}' must be { class: [unified classes] }, got ${describeValue(classes)}.`);
    }
    const perClass = new Map<string, [string, number][]>();
    for (const [className, value] of Object.entries(classes)) {
      if (!space.has(className)) {
        throw fail(`'mappings.${dataset}' maps '${className}', which is not a class of '${dataset}'.${didYouMean(className, space.classes)}`);
      }
      if (canonical.has(className)) throw fail(`'mappings.${dataset}.${className}': a class cannot be both in 'synonyms' and mapped.`);
      perClass.set(className, mappingWeights(value, `mappings.${dataset}.${className}`, fail));
    }
    out.set(dataset, perClass);
  }
  return out;
}

/** `s.name` and `s.classes` of a `{ name, classes }` given as a label space (LabelSpace checks them). */
function nameAndClasses(s: unknown): [string, readonly string[]] {
  const { name, classes } = (s ?? {}) as { name: string; classes: readonly string[] };
  return [name, classes];
}

/** `map.get(key)` for a key the builder itself put there. */
function entry<V>(map: ReadonlyMap<string, V>, key: string): V {
  const value = map.get(key);
  if (value === undefined) throw new MixzooError('E_DATASET', `cross-dataset: no entry for '${key}' (a bug of the label alignment).`);
  return value;
}

function toSpaces(spaces: unknown, fail: Fail): LabelSpace[] {
  if (!Array.isArray(spaces) || spaces.length === 0) {
    throw fail(`'spaces' must be a non-empty array of label spaces ({ name, classes } or LabelSpace), got ${describeValue(spaces)}.`);
  }
  const out = (spaces as unknown[]).map((s) => (s instanceof LabelSpace ? s : new LabelSpace(...nameAndClasses(s))));
  const seen = new Set<string>();
  for (const s of out) {
    if (seen.has(s.name)) throw fail(`'spaces' must have unique dataset names, got '${s.name}' twice.`);
    seen.add(s.name);
  }
  return out;
}

function disjoint(spaces: readonly LabelSpace[]): { classes: string[]; rows: (space: LabelSpace) => number[][] } {
  const classes = spaces.flatMap((s) => s.classes.map((c) => `${s.name}/${c}`));
  const offsets = new Map<string, number>();
  let offset = 0;
  for (const s of spaces) {
    offsets.set(s.name, offset);
    offset += s.size;
  }
  const rows = (space: LabelSpace) =>
    space.classes.map((_, k) => {
      const row = new Array<number>(classes.length).fill(0);
      row[entry(offsets, space.name) + k] = 1;
      return row;
    });
  return { classes, rows };
}

function union(spaces: readonly LabelSpace[], options: AlignOptions, fail: Fail): { classes: string[]; rows: (space: LabelSpace) => number[][] } {
  const known = new Set(spaces.flatMap((s) => s.classes));
  const canonical = checkSynonyms(options.synonyms, known, fail);
  const mapped = checkMappings(options.mappings, spaces, canonical, fail);
  const unify = (name: string) => canonical.get(name) ?? name;
  // U: the first space's classes, then new ones in order of appearance; mapped classes only
  // contribute through their targets.
  const classes: string[] = [];
  const column = new Map<string, number>();
  for (const space of spaces) {
    for (const c of space.classes) {
      if (mapped.get(space.name)?.has(c)) continue;
      const u = unify(c);
      if (!column.has(u)) column.set(u, classes.push(u) - 1);
    }
  }
  for (const [dataset, perClass] of mapped) {
    for (const [className, targets] of perClass) {
      for (const [target] of targets) {
        if (!column.has(unify(target))) {
          throw fail(`'mappings.${dataset}.${className}' names '${target}', which is not a class of the unified space.${didYouMean(target, classes)} Unified classes: ${classes.join(', ')}.`);
        }
      }
    }
  }
  const rows = (space: LabelSpace) =>
    space.classes.map((c) => {
      const row = new Array<number>(classes.length).fill(0);
      const targets = mapped.get(space.name)?.get(c) ?? [[c, 1]];
      for (const [target, w] of targets) row[entry(column, unify(target))] += w;
      return row;
    });
  return { classes, rows };
}

/** The alignment builder behind `alignLabelSpaces` and the strategy's options (which report as options). */
export function buildAlignment(spacesInput: unknown, options: AlignOptions, context: AlignContext): LabelAlignment {
  const fail: Fail = (message) => new MixzooError(context.code, `${context.prefix}${message}`);
  if (!isObject(options)) throw fail(`options must be an object { mode?, synonyms?, mappings? }, got ${describeValue(options)}.`);
  const mode = options.mode ?? 'union';
  if (!ALIGN_MODES.includes(mode)) throw fail(`'mode' must be 'union' or 'disjoint', got ${describeValue(mode)}.`);
  const spaces = toSpaces(spacesInput, fail);
  if (mode === 'disjoint') {
    for (const key of ['synonyms', 'mappings'] as const) {
      if (options[key] !== undefined) throw fail(`'${key}' only apply in mode 'union' (mode 'disjoint' keeps every dataset's classes apart), got ${describeValue(options[key])}.`);
    }
  }
  const { classes, rows } = mode === 'disjoint' ? disjoint(spaces) : union(spaces, options, fail);
  const projections: Record<string, number[][]> = {};
  const validity: Record<string, boolean[]> = {};
  for (const space of spaces) {
    const p = rows(space);
    projections[space.name] = p;
    validity[space.name] = classes.map((_, j) => p.some((row) => row[j] > 0));
  }
  const unified = new LabelSpace(spaces.map((s) => s.name).join('+'), classes);
  return new LabelAlignment(mode, unified, spaces, projections, validity);
}

/**
 * Aligns the label spaces of several datasets: the unified space U (the first space's classes,
 * then new ones in order of appearance; in 'disjoint' mode every class is named
 * `dataset/class`), one projection matrix and one validity mask per dataset.
 */
export function alignLabelSpaces(spaces: readonly (LabelSpace | { name: string; classes: readonly string[] })[], options: AlignOptions = {}): LabelAlignment {
  return buildAlignment(spaces, options, FUNCTION_CONTEXT);
}
