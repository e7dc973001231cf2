/**
 * @mixzoo/augment: per-sample augmentations (plan, then apply: seeded, JSON plans, replayable,
 * one plan for aligned targets) and the augment-then-mix pipeline with a tf.data adapter.
 */
export {
  augmentProb, defineAugmentation, isAugmentation,
  type AugmentApplyContext, type Augmentation, type AugmentationSpec, type AugmentShape, type DrawContext,
} from './augmentation.js';
export { createAugmenter, type AugmentBatch, type Augmenter, type AugmenterOptions, type AugmentResult } from './augmenter.js';
export { builtinAugmentations, colorJitter, crop, cutout, flip, gaussianNoise, rot90, rotate, scale, translate } from './builtins.js';
export { augmix, randaugment, randomErasing, trivialaugment } from './builtins.js';
export { eraseSize } from './augmentations/random-erasing.js';
export { AUGMENT_PLAN_VERSION, validateAugmentPlan, type AugmentPlan } from './plan.js';
export { augmentationNames, getAugmentation, parseAugmentList, type AugmentSpec, type AugmentStep } from './specs.js';
export { createPipeline, type ModelContextProvider, type Pipeline, type PipelineOptions, type PipelinePlan, type PipelineResult, type PipelineSpec } from './pipeline.js';
export type { MapFnOptions, TfDataElement } from './map-fn.js';
export { withPipeline, type MixZoo } from './zoo.js';
