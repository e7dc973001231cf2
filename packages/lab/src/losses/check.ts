import * as tf from '@tensorflow/tfjs-core';
import { describeValue, MixzooError } from '@mixzoo/core';

const shapeText = (t: tf.Tensor) => `[${t.shape.join(', ')}]`;

/** E_SHAPE unless `logits` is [B, C] float and every target is [B, C] too (C >= 2). */
export function checkLogitsAndTargets(where: string, logits: tf.Tensor, targets: Record<string, tf.Tensor>): void {
  if (!(logits instanceof tf.Tensor) || logits.rank !== 2 || (logits.shape[1] ?? 0) < 2) {
    throw new MixzooError('E_SHAPE', `${where}: 'logits' must be a [B, C] tensor with C >= 2, got ${logits instanceof tf.Tensor ? shapeText(logits) : describeValue(logits)}.`);
  }
  for (const [name, t] of Object.entries(targets)) {
    if (!(t instanceof tf.Tensor) || t.shape.join() !== logits.shape.join()) {
      throw new MixzooError('E_SHAPE', `${where}: '${name}' must be [${logits.shape.join(', ')}] like 'logits', got ${t instanceof tf.Tensor ? shapeText(t) : describeValue(t)}.`);
    }
  }
}

/** E_OPTION unless `value` is a finite number in [min, max]. */
export function checkNumber(where: string, name: string, value: unknown, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < min || value > max) {
    throw new MixzooError('E_OPTION', `${where}: '${name}' must be a number in [${min}, ${max}], got ${describeValue(value)}.`);
  }
  return value;
}
