import * as tf from '@tensorflow/tfjs-core';
import { checkTensor, describeValue, isObject, MixzooError, shapeText } from '@mixzoo/core';

/**
 * How one dataset's inputs are brought to the common form before mixing. Order: normalise (with
 * the dataset's own statistics), convert channels, resize.
 */
export interface InputAlignment {
  /** Common [height, width]: other sizes are resized bilinearly (half-pixel centres, no antialiasing, as tf.image.resizeBilinear). */
  size?: readonly [number, number];
  /** Common channel count: 1 → 3 repeats the gray channel, 3 → 1 takes the luma 0.299 R + 0.587 G + 0.114 B (ITU-R BT.601). */
  channels?: 1 | 3;
  /** The dataset's mean: x' = (x − mean) / std, one number or one per channel (last axis). Default 0. */
  mean?: number | readonly number[];
  /** The dataset's standard deviation (> 0), one number or one per channel. Default 1. */
  std?: number | readonly number[];
}

const LUMA = [0.299, 0.587, 0.114];

function shapeError(where: string, message: string): MixzooError {
  return new MixzooError('E_SHAPE', `${where}: ${message}`);
}

function checkStat(where: string, stat: 'mean' | 'std', arg: string, value: unknown, channels: number): void {
  if (value === undefined) return;
  const values = typeof value === 'number' ? [value] : value;
  const positive = stat === 'std';
  const ok = Array.isArray(values) && values.length > 0 && values.every((v) => typeof v === 'number' && Number.isFinite(v) && (!positive || v > 0));
  if (!ok) throw new MixzooError('E_OPTION', `${where}: '${stat}' for '${arg}' must be ${positive ? 'a number > 0' : 'a finite number'} or an array of them, got ${describeValue(value)}.`);
  if (values.length !== 1 && values.length !== channels) {
    throw shapeError(where, `'${stat}' for '${arg}' has ${values.length} values but '${arg}' have ${channels} channels (last axis): give 1 or ${channels}.`);
  }
}

/**
 * Checks `x` against an alignment and returns the per-sample shape it will have, without touching
 * the data. Errors name `where` and `arg` (e.g. 'cross-dataset', 'a.inputs').
 */
export function alignedSampleShape(where: string, arg: string, x: unknown, spec: InputAlignment): number[] {
  const t = checkTensor(where, arg, x);
  if (!isObject(spec)) {
    throw new MixzooError('E_OPTION', `${where}: the alignment must be an object { size?, channels?, mean?, std? }, got ${describeValue(spec)}.`);
  }
  if (t.rank < 2) throw shapeError(where, `'${arg}' must be [B, ...] with rank >= 2, got ${shapeText(t.shape)}.`);
  const shape = t.shape.slice(1);
  const channels = shape[shape.length - 1];
  checkStat(where, 'mean', arg, spec.mean, channels);
  checkStat(where, 'std', arg, spec.std, channels);
  if (spec.size === undefined && spec.channels === undefined) return shape;
  if (t.rank !== 4) throw shapeError(where, `'${arg}' must be NHWC images [B, H, W, C] to be resized or converted, got ${shapeText(t.shape)}.`);
  let [height, width] = shape;
  if (spec.size !== undefined) {
    const size: unknown = spec.size; // plain-JS callers may pass anything
    const ok = Array.isArray(size) && size.length === 2 && size.every((v) => Number.isInteger(v) && v >= 1);
    if (!ok) throw new MixzooError('E_OPTION', `${where}: 'size' must be [height, width] with integers >= 1, got ${describeValue(spec.size)}.`);
    [height, width] = spec.size;
  }
  const target = spec.channels ?? channels;
  if (target !== channels && !(channels === 1 && target === 3) && !(channels === 3 && target === 1)) {
    throw shapeError(where, `'${arg}' has ${channels} channels and cannot be converted to ${describeValue(spec.channels)}: only 1 ↔ 3 (gray ↔ RGB) is supported.`);
  }
  return [height, width, target];
}

function statTensor(value: number | readonly number[]): tf.Tensor {
  return typeof value === 'number' || value.length === 1 ? tf.scalar(typeof value === 'number' ? value : value[0]) : tf.tensor1d([...value]);
}

/**
 * Brings one dataset's inputs to the common form: float32, normalised with the dataset's
 * mean/std, channels converted, resized. Returns a new tensor (the input is untouched); use the
 * same alignment for that dataset's evaluation data.
 */
export function alignInputs(x: tf.Tensor, spec: InputAlignment, where = 'alignInputs', arg = 'inputs'): tf.Tensor {
  const [height, width, channels] = alignedSampleShape(where, arg, x, spec);
  return tf.tidy(() => {
    let out = x.dtype === 'int32' ? tf.cast(x, 'float32') : x;
    if (spec.mean !== undefined) out = tf.sub(out, statTensor(spec.mean));
    if (spec.std !== undefined) out = tf.div(out, statTensor(spec.std));
    if (x.rank === 4) {
      const [, h, w, c] = x.shape;
      if (c !== channels) out = channels === 3 ? tf.tile(out, [1, 1, 1, 3]) : tf.sum(tf.mul(out, tf.tensor1d(LUMA)), -1, true);
      if (h !== height || w !== width) out = tf.image.resizeBilinear(out as tf.Tensor4D, [height, width], false, true);
    }
    return out === x ? tf.clone(x) : out;
  });
}

/**
 * A dense target resized to the common [height, width] like its inputs: float targets bilinearly,
 * int32 class maps by nearest neighbour (pixel r reads source row floor((r + 0.5)·H/h)), so they
 * stay valid classes. Targets of rank other than 4 are returned as a copy.
 */
export function resizeTarget(t: tf.Tensor, size: readonly [number, number] | undefined): tf.Tensor {
  if (size === undefined || t.rank !== 4 || (t.shape[1] === size[0] && t.shape[2] === size[1])) return tf.clone(t);
  const to: [number, number] = [size[0], size[1]];
  return t.dtype === 'int32' ? tf.image.resizeNearestNeighbor(t as tf.Tensor4D, to, false, true) : tf.image.resizeBilinear(t as tf.Tensor4D, to, false, true);
}
