// Training side (datasets, models, metrics, trainRun): keep these first.
export * from './types.js';
export * from './conv2d-grad.js';
export { registerTrainingGradients, trainingGradientsRegistered, unregisterTrainingGradients } from './train-kernels/gradients.js';
export { conv2dFilterGradientIm2col, conv2dInputGradient } from './train-kernels/conv2d-grads.js';
export * from './datasets/index.js';
export * from './metrics/classification.js';
export * from './metrics/evaluate.js';
export * from './metrics/decision-boundary.js';
export * from './metrics/corruptions/index.js';
export * from './metrics/learning-curve.js';
export * from './metrics/ood.js';
export * from './metrics/robustness.js';
export * from './models/architectures.js';
export * from './models/create.js';
export * from './models/standardize.js';
export * from './models/seeded-weights.js';
export { vit, vitPatchSize, VIT_SIZE } from './models/vit/model.js';
export { vitAttention } from './models/vit/attention.js';
export { ClassTokenOf, ClassTokenPosition, Patchify, ScaledDotAttention } from './models/vit/layers.js';
export * from './train/index.js';
export * from './model-context/index.js';
export * from './losses/index.js';
// Study and report side (runStudy, statistics, writers, report): appended here.
export * from './study/index.js';
export * from './report/index.js';
