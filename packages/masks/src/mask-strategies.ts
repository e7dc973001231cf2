import type { Strategy } from '@mixzoo/core';
import { fmix } from './strategies/fmix.js';
import { mosaic } from './strategies/mosaic.js';
import { puzzlemix } from './strategies/puzzlemix.js';
import { ricap } from './strategies/ricap.js';
import { smoothmix } from './strategies/smoothmix.js';

/** Mask and k-way strategies of the mask family (fmix, smoothmix, ricap, mosaic, puzzlemix). */
export const maskStrategies: Strategy[] = [fmix, smoothmix, ricap, mosaic, puzzlemix];
