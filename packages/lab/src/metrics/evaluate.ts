import * as tf from '@tensorflow/tfjs-core';
import type { LayersModel } from '@tensorflow/tfjs-layers';
import { createRng, describeValue, MixzooError, type Rng, type Seed } from '@mixzoo/core';
import type { Metrics, Split } from '../types.js';
import { accuracyOf, classificationMetrics } from './classification.js';

export interface EvaluateOptions {
  /** Samples per forward pass; default 256. */
  batchSize?: number;
  /** Std of the additive Gaussian noise of the robustness accuracies; default [0.1, 0.2]. */
  noiseSigmas?: number[];
  /** Seed of that noise (same seed → same noisy inputs for every model); default 0. */
  seed?: Seed;
}

/** x + σ·N(0, 1), clipped to [0, 1] (the inputs' range), drawn from `rng`. */
function addNoise(out: Float32Array, x: Float32Array, sigma: number, rng: Rng): void {
  for (let i = 0; i < x.length; i++) out[i] = Math.min(1, Math.max(0, x[i] + sigma * rng.normal()));
}

/** Softmax outputs of `model` on the split ([N, K] row-major), in batches; `transform` may rewrite each batch's inputs. */
export function predictProbs(
  model: LayersModel,
  split: Split,
  numClasses: number,
  batchSize = 256,
  transform?: (out: Float32Array, x: Float32Array) => void,
): Float32Array {
  const sampleShape = model.inputs[0].shape.slice(1) as number[];
  const size = sampleShape.reduce((a, b) => a * b, 1);
  if (split.x.length !== split.count * size) {
    throw new MixzooError('E_SHAPE', `evaluate: the model takes samples of ${size} values (${sampleShape.join('×')}), the split holds ${split.x.length / split.count}.`);
  }
  const probs = new Float32Array(split.count * numClasses);
  const buffer = transform ? new Float32Array(batchSize * size) : undefined;
  for (let start = 0; start < split.count; start += batchSize) {
    const n = Math.min(batchSize, split.count - start);
    let x = split.x.subarray(start * size, (start + n) * size);
    if (buffer && transform) {
      const out = buffer.subarray(0, n * size);
      transform(out, x);
      x = out;
    }
    const p = tf.tidy(() => (model.predict(tf.tensor(x, [n, ...sampleShape])) as tf.Tensor).dataSync());
    if (p.length !== n * numClasses) throw new MixzooError('E_SHAPE', `evaluate: the model outputs ${p.length / n} classes, expected ${numClasses}.`);
    probs.set(p, start * numClasses);
  }
  return probs;
}

/** Held-out metrics of `model` on `split` (see Metrics), the noisy accuracies with seeded noise. */
export function evaluate(model: LayersModel, split: Split, numClasses: number, options: EvaluateOptions = {}): Metrics {
  const { batchSize = 256, noiseSigmas = [0.1, 0.2], seed = 0 } = options;
  if (!Number.isInteger(batchSize) || batchSize < 1) throw new MixzooError('E_OPTION', `evaluate: 'batchSize' must be an integer >= 1, got ${describeValue(batchSize)}.`);
  const metrics = classificationMetrics(predictProbs(model, split, numClasses, batchSize), split.y, numClasses);
  const noisyAccuracy: Record<string, number> = {};
  for (const sigma of noiseSigmas) {
    if (!(sigma >= 0 && Number.isFinite(sigma))) throw new MixzooError('E_OPTION', `evaluate: noise sigmas must be finite numbers >= 0, got ${describeValue(sigma)}.`);
    const rng = createRng(seed).stream(`noise:${sigma}`);
    const probs = predictProbs(model, split, numClasses, batchSize, (out, x) => addNoise(out, x, sigma, rng));
    noisyAccuracy[String(sigma)] = accuracyOf(probs, split.y, numClasses);
  }
  return { ...metrics, noisyAccuracy };
}
