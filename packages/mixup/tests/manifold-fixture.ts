// A small functional model with MixLayers at depths 0, 1 and 2, fixed weights, and the same forward
// pass written with plain tfjs ops (the mix as gather + mul), to check the layers against.
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import type { MixPlan, Seed } from '@mixzoo/core';
import { ManifoldMixup, MixLayer } from '@mixzoo/mixup';
import { testZoo } from '../../../test/helpers/zoo-fixture.js';

export const SIZES = [3, 4, 3, 2] as const;

/** Deterministic, distinct weights (no randomness needed). */
function fixedWeights(shape: number[], salt: number): tf.Tensor {
  const n = shape.reduce((a, b) => a * b, 1);
  return tf.tensor(Float32Array.from({ length: n }, (_, i) => Math.sin(1.7 * i + salt) * 0.9), shape);
}

/** input [3] → Mix(0) → dense 4 tanh → Mix(1) → dense 3 tanh → Mix(2) → dense 2 softmax. */
export function buildModel(depths: readonly number[] = [0, 1, 2]): tfl.LayersModel {
  const input = tfl.input({ shape: [SIZES[0]] });
  let h = input;
  const activations = ['tanh', 'tanh', 'softmax'] as const;
  for (let d = 0; d < 3; d++) {
    if (depths.includes(d)) h = new MixLayer({ depth: d }).apply(h) as tfl.SymbolicTensor;
    h = tfl.layers.dense({ units: SIZES[d + 1], activation: activations[d] }).apply(h) as tfl.SymbolicTensor;
  }
  const model = tfl.model({ inputs: input, outputs: h });
  const weights = model.getWeights().map((w, k) => fixedWeights(w.shape, k + 1));
  model.setWeights(weights);
  tf.dispose(weights);
  return model;
}

/**
 * λ_i h_i + (1 − λ_i) h_partner(i) as a matrix product M·h (M[i][i] += λ_i, M[i][p_i] += 1 − λ_i):
 * independent of the kernel, and differentiable on every backend (gather's gradient is not on wasm).
 */
export function referenceMix(h: tf.Tensor, plan: MixPlan): tf.Tensor {
  return tf.tidy(() => {
    const b = plan.lambda.length;
    const m = new Float32Array(b * b);
    plan.partner.forEach((p, i) => {
      m[i * b + i] += plan.lambda[i];
      m[i * b + p] += 1 - plan.lambda[i];
    });
    return tf.reshape(tf.matMul(tf.tensor2d(m, [b, b]), tf.reshape(h, [b, -1])), h.shape);
  });
}

/** The model's forward pass with plain ops, mixing at `depth` (none when undefined). */
export function referenceForward(model: tfl.LayersModel, x: tf.Tensor, plan?: MixPlan, depth?: number): tf.Tensor {
  const dense = model.layers.filter((l) => l.getClassName() === 'Dense');
  return tf.tidy(() => {
    let h = x;
    for (let d = 0; d < 3; d++) {
      if (plan && d === depth) h = referenceMix(h, plan);
      const [kernel, bias] = dense[d].getWeights();
      const z = tf.add(tf.matMul(h, kernel), bias);
      h = d < 2 ? tf.tanh(z) : tf.softmax(z);
    }
    return h;
  });
}

export async function manifoldOn(backend: 'cpu' | 'wasm', options: Record<string, unknown> = {}, seed: Seed = 1): Promise<ManifoldMixup> {
  const zoo = await testZoo({ backend, seed });
  return ManifoldMixup.from(zoo.create('manifold-mixup', options));
}

/** Inputs [B, 3] with distinct values. */
export function inputs(b: number): tf.Tensor2D {
  return tf.tensor2d(Float32Array.from({ length: b * SIZES[0] }, (_, i) => Math.cos(0.9 * i) * 1.5), [b, SIZES[0]]);
}

/** A hand-written manifold plan: every sample mixed with its neighbour, distinct λ. */
export function handPlan(b: number, layer: number): MixPlan {
  return {
    strategy: 'manifold-mixup',
    partner: Array.from({ length: b }, (_, i) => (i + 1) % b),
    lambda: Array.from({ length: b }, (_, i) => 0.2 + (0.6 * i) / Math.max(1, b - 1)),
    extra: { layer },
  };
}

export function maxAbsDiff(a: tf.Tensor, b: tf.Tensor): number {
  expectSameShape(a, b);
  const av = a.dataSync();
  const bv = b.dataSync();
  return Array.from(av).reduce((m, v, i) => Math.max(m, Math.abs(v - bv[i])), 0);
}

function expectSameShape(a: tf.Tensor, b: tf.Tensor): void {
  if (a.shape.join() !== b.shape.join()) throw new Error(`shapes differ: [${a.shape.join()}] vs [${b.shape.join()}]`);
}
