import type { Plugin } from '@mixzoo/core';
import { choice } from './strategies/choice.js';
import { mixup } from './strategies/mixup.js';
import { pairedMixup } from './strategies/paired-mixup.js';

export { sampleLerpPlan, type LerpOptions } from './lerp-plan.js';
export { choice, mixup, pairedMixup };

/** The mixup family (mixup, paired-mixup) and the 'choice' composition, as a plugin. */
export const mixupPlugin: Plugin = {
  name: '@mixzoo/mixup',
  register(zoo) {
    zoo.register(mixup).register(pairedMixup).register(choice);
  },
};
