import type { Tensor } from '@tensorflow/tfjs-core';
import { checkTensor, fail } from './validate.js';

/** A float32 mask [1|B, H, W] for NHWC `x` [B, H, W, C]. */
export function checkMask(op: string, mask: unknown, x: Tensor): Tensor {
  const [batch, height, width] = x.shape;
  const m = checkTensor(op, 'mask', mask, { exact: 3 }, ['float32']);
  if ((m.shape[0] !== 1 && m.shape[0] !== batch) || m.shape[1] !== height || m.shape[2] !== width) {
    throw fail(op, 'E_SHAPE',
      `'mask' must have shape [${batch}, ${height}, ${width}] or [1, ${height}, ${width}] (shared), got [${m.shape.join(', ')}].`);
  }
  return m;
}

/**
 * Index of the first mask value outside [0, 1] (NaN included), or, when `binary`, the first that
 * is not exactly 0 or 1; -1 if all are fine. One pass, no allocation: kernels run it on the data
 * they already hold, before allocating the output.
 */
export function badMaskIndex(values: ArrayLike<number>, binary: boolean): number {
  const n = values.length;
  if (binary) {
    for (let i = 0; i < n; i++) if (values[i] !== 0 && values[i] !== 1) return i;
  } else {
    for (let i = 0; i < n; i++) if (!(values[i] >= 0 && values[i] <= 1)) return i;
  }
  return -1;
}

/** The error for a bad mask value found by badMaskIndex. */
export function maskValueError(op: string, values: ArrayLike<number>, index: number, shape: readonly number[]) {
  const v = values[index];
  const plane = shape[1] * shape[2];
  const where = `mask[${Math.floor(index / plane)}, ${Math.floor((index % plane) / shape[2])}, ${index % shape[2]}]`;
  // float32 values read back as doubles: 7 significant digits shows what the user wrote.
  const shown = Number.isNaN(v) ? 'NaN' : String(Number(v.toPrecision(7)));
  if (v >= 0 && v <= 1) {
    // In range but not binary: only an error for int32 inputs (a soft blend would leave integers).
    return fail(op, 'E_DTYPE', `int32 'x' needs a binary (0/1) mask, got ${shown} at ${where} (cast 'x' to float32 for a soft blend).`);
  }
  return fail(op, 'E_PLAN', `'mask' values must be in [0, 1], got ${shown} at ${where}.`);
}
