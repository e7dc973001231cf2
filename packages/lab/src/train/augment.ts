import { createAugmenter, type AugmentSpec, type Augmenter } from '@mixzoo/augment';
import { MixzooError, type KernelOps } from '@mixzoo/core';
import type { AugmentRecord } from '../types.js';

/**
 * The augmenter of a run on samples of `inputShape`, seeded with the run seed (the augmenter
 * draws from that seed's own 'augment' stream, apart from the data order and the mixer: every
 * strategy of a seed gets the same augmentations). Undefined without augmentations. Specs and
 * their fit to the images (e.g. quarter turns need square images) are checked now, not at the
 * first batch: E_OPTION, or E_SHAPE when the samples are not [H, W, C] images or do not fit.
 * `kernels` are the zoo's pixel ops it applies with (left out, it only checks and draws).
 */
export function createRunAugmenter(specs: readonly AugmentSpec[], inputShape: readonly number[], seed: number, where = 'trainRun', kernels?: KernelOps): Augmenter | undefined {
  if (specs.length === 0) return undefined;
  const augmenter = createAugmenter(specs, { seed, kernels });
  if (inputShape.length !== 3) {
    throw new MixzooError('E_SHAPE', `${where}: augmentations (${augmenter.steps.map((s) => s.name).join(', ')}) transform images, but the samples have shape [${inputShape.join(', ')}], not [H, W, C].`);
  }
  const [height, width, channels] = inputShape;
  // An empty batch runs every step's shape check; it draws nothing, so the run's draws stay as they are.
  augmenter.sample({ batchSize: 0, height, width, channels });
  return augmenter;
}

/** The steps an augmenter applies, as plain JSON (options with their defaults filled). */
export function augmentRecords(augmenter: Augmenter): AugmentRecord[] {
  return augmenter.steps.map((step) => ({ name: step.name, options: { ...step.options } }));
}
