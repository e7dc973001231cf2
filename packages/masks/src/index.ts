import type { Plugin } from '@mixzoo/core';
import { boxStrategies } from './box-strategies.js';
import { maskStrategies } from './mask-strategies.js';

export { boxStrategies, maskStrategies };
export { createSaliencyMix } from './strategies/saliencymix.js';
export { spectralResidualSaliency, type SaliencyProvider } from './saliency.js';

/** The mask-based family as a plugin, registered through the same API users have. */
export const masksPlugin: Plugin = {
  name: '@mixzoo/masks',
  register(zoo) {
    for (const strategy of [...boxStrategies, ...maskStrategies]) zoo.register(strategy);
  },
};
