import * as tf from '@tensorflow/tfjs-core';
import { describeValue, MixzooError, type MixzooErrorCode } from './errors.js';

/** True for a live tfjs tensor of the tfjs-core instance mixzoo uses. */
export function isTensor(value: unknown): value is tf.Tensor {
  return value instanceof tf.Tensor;
}

/** Throws unless `value` is a live tensor of an allowed dtype; names the argument. */
export function checkTensor(
  where: string,
  arg: string,
  value: unknown,
  dtypes: readonly tf.DataType[] = ['float32', 'int32'],
  code: MixzooErrorCode = 'E_SHAPE',
): tf.Tensor {
  if (!isTensor(value)) {
    throw new MixzooError(code, `${where}: '${arg}' must be a tf.Tensor, got ${describeValue(value)}.`);
  }
  if (value.isDisposed) throw new MixzooError(code, `${where}: '${arg}' was already disposed.`);
  if (!dtypes.includes(value.dtype)) {
    throw new MixzooError('E_DTYPE', `${where}: '${arg}' must have dtype ${dtypes.join(' or ')}, got ${value.dtype}.`);
  }
  return value;
}

export function shapeText(shape: readonly number[]): string {
  return `[${shape.join(', ')}]`;
}
