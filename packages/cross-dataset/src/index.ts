import type { Plugin } from '@mixzoo/core';
import { crossDataset } from './strategies/cross-dataset.js';

export { alignedSampleShape, alignInputs, resizeTarget, type InputAlignment } from './align-inputs.js';
export { ALIGN_MODES, alignLabelSpaces, LabelAlignment, type AlignMode, type AlignOptions, type ClassMapping } from './align-labels.js';
export { isCrossDatasetBatch, type CrossDatasetBatch, type CrossDatasetSide } from './cross-batch.js';
export { createCrossDatasetMixer, CrossDatasetMixer, isCrossDatasetMixer, type CrossDatasetResult } from './cross-mixer.js';
export { LabelSpace } from './label-space.js';
export { IGNORED_CLASS, maskedBinaryCrossEntropy, maskedSoftCrossEntropy, maskTargets, type LossFunction, type MaskedLossOptions } from './losses.js';
export { crossDatasetOptions, POLICIES, type CrossDatasetOptions, type CrossDatasetOptionsInput, type ValidityPolicy } from './options.js';
export { crossDataset };

/** Cross-dataset mixing with label-space alignment, as a plugin. */
export const crossDatasetPlugin: Plugin = {
  name: '@mixzoo/cross-dataset',
  register(zoo) {
    zoo.register(crossDataset);
  },
};
