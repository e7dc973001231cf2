import type { Strategy } from '@mixzoo/core';
import { cutmix } from './strategies/cutmix.js';
import { gridmix } from './strategies/gridmix.js';
import { resizemix } from './strategies/resizemix.js';
import { saliencymix } from './strategies/saliencymix.js';
import { snapmix } from './strategies/snapmix.js';

/** Box-based strategies of the mask family (cutmix, resizemix, gridmix, saliencymix, snapmix). */
export const boxStrategies: Strategy[] = [cutmix, resizemix, gridmix, saliencymix, snapmix];
