import * as tf from '@tensorflow/tfjs-core';
import { expect } from 'vitest';
import type { MixPlan } from '@mixzoo/core';

/** Distinct, deterministic values per element (no randomness needed for pixel checks). */
export function ramp(shape: number[]): tf.Tensor {
  const n = shape.reduce((a, b) => a * b, 1);
  return tf.tensor(Float32Array.from({ length: n }, (_, i) => Math.sin(i * 12.9898) * 43758.5453 % 1), shape);
}

/** Checks out_i = λ_i x_i + (1 − λ_i) x_partner(i) element by element. */
export function expectLerp(x: tf.Tensor, out: tf.Tensor, plan: MixPlan, tol = 1e-5): void {
  const xv = x.dataSync();
  const ov = out.dataSync();
  const per = x.size / x.shape[0];
  for (let i = 0; i < x.shape[0]; i++) {
    const l = plan.lambda[i];
    const p = plan.partner[i];
    for (let k = 0; k < per; k++) {
      expect(Math.abs(ov[i * per + k] - (l * xv[i * per + k] + (1 - l) * xv[p * per + k]))).toBeLessThanOrEqual(tol);
    }
  }
}

export function mean(values: number[]): number {
  return values.reduce((s, v) => s + v, 0) / values.length;
}

export function variance(values: number[]): number {
  const m = mean(values);
  return values.reduce((s, v) => s + (v - m) ** 2, 0) / (values.length - 1);
}

/** Beta(a, b) mean and variance. */
export function betaMoments(a: number, b: number): { mean: number; variance: number } {
  return { mean: a / (a + b), variance: (a * b) / ((a + b) ** 2 * (a + b + 1)) };
}
