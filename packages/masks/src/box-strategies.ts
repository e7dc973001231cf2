import type { Strategy } from '@mixzoo/core';
import { cutmix } from './strategies/cutmix.js';
import { gridmix } from './strategies/gridmix.js';
import { resizemix } from './strategies/resizemix.js';
import { saliencymix } from './strategies/saliencymix.js';
import { snapmix } from './strategies/snapmix.js';
import { transmix } from './strategies/transmix.js';

/** Box-based strategies (cutmix, resizemix, gridmix, saliencymix; the model-aware snapmix, and transmix, which relabels cutmix boxes by attention). */
export const boxStrategies: Strategy[] = [cutmix, resizemix, gridmix, saliencymix, snapmix, transmix];
