import type { Strategy } from '@mixzoo/core';

/** Box-based strategies of the mask family (cutmix, resizemix, gridmix, saliencymix). */
export const boxStrategies: Strategy[] = [];
