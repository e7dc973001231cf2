import type { Plugin } from '@mixzoo/core';
import { choice } from './strategies/choice.js';
import { manifoldMixup } from './strategies/manifold-mixup.js';
import { mixup } from './strategies/mixup.js';
import { none } from './strategies/none.js';
import { pairedMixup } from './strategies/paired-mixup.js';

export { sampleLerpPlan, type LerpOptions } from './lerp-plan.js';
export { MixLayer, type MixLayerArgs } from './mix-layer.js';
export { isHiddenLayerMixer, ManifoldMixup, type HiddenLayerMixer, type ManifoldBatch, type ManifoldStep, type MixLayerSource } from './manifold-controller.js';
export { mixSequences, padSequences, type SequenceBatch, type SequenceResult } from './sequences.js';
export { choice, manifoldMixup, mixup, none, pairedMixup };

/** The mixup family (mixup, paired-mixup, manifold-mixup), the 'choice' composition and the 'none' baseline, as a plugin. */
export const mixupPlugin: Plugin = {
  name: '@mixzoo/mixup',
  register(zoo) {
    zoo.register(mixup).register(pairedMixup).register(manifoldMixup).register(choice).register(none);
  },
};
