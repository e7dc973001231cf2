import type { Tensor } from '@tensorflow/tfjs-core';
import { checkTensor, describeValue, isObject, MixzooError, readSoftLabels, shapeText, type ModelContext } from '@mixzoo/core';
import { alignedSampleShape, type InputAlignment } from './align-inputs.js';
import type { LabelAlignment } from './align-labels.js';
import type { CrossDatasetOptions } from './options.js';

/** One side of a cross-dataset batch. */
export interface CrossDatasetSide {
  /** Name of the dataset in option 'spaces'; defaults: a = the first declared, b = the second. */
  dataset?: string;
  /** [B, ...] float32 or int32; images NHWC. Aligned (option 'align') before mixing. */
  inputs: Tensor;
  /** int32 class indices [B] into this dataset's own space, or float32 rows [B, K_dataset]. */
  labels?: Tensor;
  /** Dense targets aligned with the inputs; the same names on both sides. */
  targets?: Record<string, Tensor>;
  /** Model context of this side's samples (as aligned), for a base strategy that plans from the model (`needs.model`). */
  model?: ModelContext;
}

/** Every sample of `a` is mixed with a partner from `b` (the plan's `partner` indexes `b`). */
export interface CrossDatasetBatch {
  a: CrossDatasetSide;
  b: CrossDatasetSide;
}

export interface CheckedSide {
  key: 'a' | 'b';
  dataset: string;
  inputs: Tensor;
  alignment: InputAlignment;
  /** Own-space label rows [B, K_d] (no smoothing), when labels were given. */
  raw?: Float64Array;
  targets: Record<string, Tensor>;
}

export interface CheckedBatch {
  a: CheckedSide;
  b: CheckedSide;
  batchSize: number;
  /** Per-sample shape of the aligned inputs. */
  sampleShape: number[];
}

/** A cross-dataset batch has `a` or `b` (a plain batch has `inputs`). */
export function isCrossDatasetBatch(batch: unknown): batch is CrossDatasetBatch {
  return isObject(batch) && ('a' in batch || 'b' in batch);
}

function shapeError(where: string, message: string): MixzooError {
  return new MixzooError('E_SHAPE', `${where}: ${message}`);
}

function datasetOf(where: string, key: 'a' | 'b', side: CrossDatasetSide, labels: LabelAlignment): string {
  const datasets = labels.datasets;
  if (side.dataset === undefined) {
    if (datasets.length > 2) {
      throw new MixzooError('E_LABELS', `${where}: '${key}.dataset' is required when option 'spaces' declares more than 2 datasets (${datasets.join(', ')}).`);
    }
    return key === 'a' ? datasets[0] : datasets[datasets.length - 1];
  }
  return labels.spaceOf(side.dataset, where, `${key}.dataset`).name;
}

/** The per-sample shape a target will have after alignment (image targets follow 'align.size'). */
function targetSampleShape(target: Tensor, size: readonly [number, number] | undefined): number[] {
  const shape = target.shape.slice(1);
  return size && target.rank === 4 ? [size[0], size[1], shape[2]] : shape;
}

function checkTargets(where: string, a: CheckedSide, b: CheckedSide, batchSize: number, size: readonly [number, number] | undefined): void {
  const names = Object.keys(a.targets);
  const other = Object.keys(b.targets);
  const missing = names.filter((n) => !other.includes(n)).map((n) => `b.targets.${n}`).concat(other.filter((n) => !names.includes(n)).map((n) => `a.targets.${n}`));
  if (missing.length > 0) throw shapeError(where, `'a.targets' and 'b.targets' must have the same names; missing ${missing.map((m) => `'${m}'`).join(', ')}.`);
  for (const name of names) {
    const [ta, tb] = [a, b].map((side) => {
      const t = checkTensor(where, `${side.key}.targets.${name}`, side.targets[name]);
      if (t.rank < 1 || t.shape[0] !== batchSize) throw shapeError(where, `'${side.key}.targets.${name}' must have batch size ${batchSize} (as the inputs), got ${shapeText(t.shape)}.`);
      return t;
    });
    if (ta.dtype !== tb.dtype) throw new MixzooError('E_DTYPE', `${where}: 'a.targets.${name}' is ${ta.dtype} but 'b.targets.${name}' is ${tb.dtype}.`);
    const [sa, sb] = [ta, tb].map((t) => targetSampleShape(t, size));
    if (sa.join() !== sb.join()) {
      throw shapeError(where, `'a.targets.${name}' and 'b.targets.${name}' must have the same per-sample shape after alignment, got ${shapeText(sa)} and ${shapeText(sb)} (option 'align.size' resizes image targets).`);
    }
  }
}

/**
 * Validates a cross-dataset batch completely before anything is allocated: datasets, tensors,
 * batch sizes, aligned shapes, labels (indices in range of each dataset's own space) and targets.
 */
export function checkCrossBatch(where: string, batch: CrossDatasetBatch, labels: LabelAlignment, options: CrossDatasetOptions): CheckedBatch {
  const sides = (['a', 'b'] as const).map((key): CheckedSide => {
    const side = batch[key];
    if (!isObject(side)) {
      throw shapeError(where, `'${key}' must be { dataset?, inputs, labels?, targets? }, got ${describeValue(side)}.`);
    }
    const dataset = datasetOf(where, key, side, labels);
    const normalize = options.align?.normalize?.[dataset];
    const alignment: InputAlignment = { size: options.align?.size, channels: options.align?.channels, mean: normalize?.mean, std: normalize?.std };
    const targets = side.targets ?? {};
    if (!isObject(targets)) throw shapeError(where, `'${key}.targets' must be an object of tensors, got ${describeValue(targets)}.`);
    return { key, dataset, inputs: side.inputs, alignment, targets };
  });
  const [a, b] = sides;
  const [shapeA, shapeB] = sides.map((s) => alignedSampleShape(where, `${s.key}.inputs`, s.inputs, s.alignment));
  const batchSize = a.inputs.shape[0];
  if (b.inputs.shape[0] !== batchSize) {
    throw shapeError(where, `'b.inputs' must have batch size ${batchSize} like 'a.inputs', got ${shapeText(b.inputs.shape)}.`);
  }
  if (shapeA.join() !== shapeB.join()) {
    throw shapeError(
      where,
      `'a.inputs' ('${a.dataset}') and 'b.inputs' ('${b.dataset}') must have the same per-sample shape after alignment, got ${shapeText(shapeA)} and ${shapeText(shapeB)}: declare option 'align' { size: [height, width], channels: 1 | 3 }.`,
    );
  }
  if ((batch.a.labels === undefined) !== (batch.b.labels === undefined)) {
    const given = batch.a.labels === undefined ? 'b' : 'a';
    throw new MixzooError('E_LABELS', `${where}: '${given}.labels' were given but '${given === 'a' ? 'b' : 'a'}.labels' were not: pass both or neither.`);
  }
  for (const side of sides) {
    const given = batch[side.key].labels;
    if (given === undefined) continue;
    const k = labels.spaceOf(side.dataset).size;
    if (isObject(given) && given.rank === 2 && given.shape[1] !== k) {
      throw new MixzooError('E_LABELS', `${where}: '${side.key}.labels' must be rows over the ${k} classes of '${side.dataset}', got ${shapeText(given.shape)}.`);
    }
    side.raw = readSoftLabels(where, given, batchSize, k, 0, `${side.key}.labels`).rows;
  }
  checkTargets(where, a, b, batchSize, options.align?.size);
  return { a, b, batchSize, sampleShape: shapeA };
}
