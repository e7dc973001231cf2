import { createRng, describeValue, isObject, MixzooError } from '@mixzoo/core';
import type { Dataset, LabelNoise, LabelNoiseRecord } from '../types.js';

/**
 * Corrupted training labels, as in the label-noise experiments of mixup (Zhang et al., ICLR 2018,
 * §3.4) and of the noisy-label literature:
 *
 * - `symmetric`: in every class c, exactly round(rate · n_c) training samples get a label drawn
 *   uniformly from the K − 1 OTHER classes. `rate` is therefore the fraction of wrong labels.
 *   (Zhang et al. 2017, whose setup mixup follows, replace a label with a uniform draw over all K
 *   classes with probability p, which keeps the true label 1/K of the time: their p is our
 *   rate · K / (K − 1); their 20 / 50 / 80 % on CIFAR-10 are 18 / 45 / 72 % wrong labels.)
 * - `asymmetric`: in every class c, exactly round(rate · n_c) samples are relabelled
 *   c → (c + 1) mod K: a fixed pair map, the class-dependent noise of Patrini et al. (CVPR 2017)
 *   in its simplest form.
 *
 * Only the training split changes; the test split is the clean one. The samples to flip come
 * from a seeded shuffle of each class on the stream 'label-noise' of the run seed, so every
 * strategy of a seed trains on the same corrupted labels.
 */

const KINDS = ['symmetric', 'asymmetric'] as const;

const bad = (what: string, got: unknown) => new MixzooError('E_OPTION', `labelNoise: ${what}, got ${describeValue(got)}.`);

/** E_OPTION unless `noise` is { kind: 'symmetric' | 'asymmetric', rate in [0, 1] }. */
export function checkLabelNoise(noise: unknown): asserts noise is LabelNoise {
  if (!isObject(noise)) throw bad(`expected { kind: 'symmetric' | 'asymmetric', rate }`, noise);
  const { kind, rate } = noise as Partial<LabelNoise>;
  if (!KINDS.includes(kind as LabelNoise['kind'])) throw bad(`'kind' must be 'symmetric' or 'asymmetric'`, kind);
  if (typeof rate !== 'number' || !(rate >= 0 && rate <= 1)) throw bad(`'rate' must be a number in [0, 1]`, rate);
  const extra = Object.keys(noise).filter((k) => k !== 'kind' && k !== 'rate');
  if (extra.length > 0) throw bad(`unknown field '${extra[0]}' (expected kind and rate)`, noise);
}

/** '40% symmetric (to another class, uniformly)' or '40% asymmetric (c → c+1 mod K)', for reports. */
export function labelNoiseText(noise: LabelNoise): string {
  const percent = `${Number((noise.rate * 100).toFixed(2))}%`;
  return noise.kind === 'symmetric' ? `${percent} symmetric (to another class, uniformly)` : `${percent} asymmetric (c → c+1 mod K)`;
}

/**
 * The training labels with `noise` applied (a new array; `labels` is not modified): per class,
 * round(rate · n_c) of its samples, chosen by a shuffle drawn from `seed`'s 'label-noise' stream.
 */
export function corruptLabels(labels: Int32Array, classes: number, noise: LabelNoise, seed: number): Int32Array {
  checkLabelNoise(noise);
  if (!Number.isInteger(classes) || classes < 2) throw new MixzooError('E_OPTION', `labelNoise: needs at least 2 classes, got ${describeValue(classes)}.`);
  const rng = createRng(seed).stream('label-noise');
  const out = Int32Array.from(labels);
  for (let c = 0; c < classes; c++) {
    const members: number[] = [];
    labels.forEach((y, i) => y === c && members.push(i));
    // One stream per class: a class's flips do not depend on the other classes' sizes.
    const classRng = rng.stream(String(c));
    const order = classRng.permutation(members.length);
    const flips = Math.round(noise.rate * members.length);
    for (let k = 0; k < flips; k++) {
      const i = members[order[k]];
      // Uniform over the K − 1 other classes: draw in [0, K − 1) and skip c.
      out[i] = noise.kind === 'asymmetric' ? (c + 1) % classes : (c + 1 + classRng.int(classes - 1)) % classes;
    }
  }
  return out;
}

/**
 * `dataset` with its training labels corrupted by `noise` for this seed, recorded as
 * `dataset.labelNoise` (kind, rate and the number of labels changed); the test split and the
 * images are shared, not copied. Without noise (undefined), `dataset` itself.
 */
export function withLabelNoise(dataset: Dataset, noise: LabelNoise | undefined, seed: number): Dataset {
  if (noise === undefined) return dataset;
  const y = corruptLabels(dataset.train.y, dataset.classNames.length, noise, seed);
  let flipped = 0;
  for (let i = 0; i < y.length; i++) if (y[i] !== dataset.train.y[i]) flipped++;
  const labelNoise: LabelNoiseRecord = { kind: noise.kind, rate: noise.rate, flipped };
  return { ...dataset, train: { ...dataset.train, y }, labelNoise };
}
