// Tensor assertions shared by the op test suites (kernels, augment).
import * as tf from '@tensorflow/tfjs-core';
import { expect } from 'vitest';
import { MixzooError } from '@mixzoo/core';

export const sizeOf = (shape: readonly number[]): number => shape.reduce((p, d) => p * d, 1);

/** Element-wise |actual − expected| <= tol, with the first mismatch in the message. */
export function expectClose(actual: ArrayLike<number>, expected: ArrayLike<number>, tol = 1e-6): void {
  expect(actual.length).toBe(expected.length);
  for (let k = 0; k < expected.length; k++) {
    if (!(Math.abs(actual[k] - expected[k]) <= tol)) {
      expect.fail(`element ${k}: got ${actual[k]}, expected ${expected[k]} (tolerance ${tol})`);
    }
  }
}

/** Reads every input now; `unchanged()` then asserts none was modified or disposed. */
export function guardInputs(...tensors: tf.Tensor[]): { unchanged(): void } {
  const copies = tensors.map((t) => Array.from(t.dataSync()));
  return {
    unchanged() {
      tensors.forEach((t, k) => {
        expect(t.isDisposed, `input ${k} disposed`).toBe(false);
        expect(Array.from(t.dataSync()), `input ${k} modified`).toEqual(copies[k]);
      });
    },
  };
}

/**
 * Asserts `fn` throws a MixzooError with `code` and a message equal to `message` (a string) or
 * matching it (a RegExp), leaving no tensor behind.
 */
export function expectMixzooError(fn: () => unknown, code: string, message: RegExp | string): void {
  const before = tf.memory().numTensors;
  let error: unknown;
  try {
    fn();
  } catch (e) {
    error = e;
  }
  expect(error, 'expected a MixzooError').toBeInstanceOf(MixzooError);
  expect((error as MixzooError).code).toBe(code);
  if (typeof message === 'string') expect((error as MixzooError).message).toBe(message);
  else expect((error as MixzooError).message).toMatch(message);
  expect(tf.memory().numTensors).toBe(before);
}

/** The MixzooError `fn` throws (asserted to be one). */
export function mixzooErrorOf(fn: () => unknown): MixzooError {
  try {
    fn();
  } catch (e) {
    expect(e, 'expected a MixzooError').toBeInstanceOf(MixzooError);
    return e as MixzooError;
  }
  throw new Error('expected a MixzooError, nothing was thrown');
}

/** The message of the MixzooError with `code` that `fn` throws. */
export function mixzooMessageOf(fn: () => unknown, code: string): string {
  const error = mixzooErrorOf(fn);
  expect(error.code).toBe(code);
  return error.message;
}
