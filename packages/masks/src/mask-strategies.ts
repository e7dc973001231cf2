import type { Strategy } from '@mixzoo/core';
import { attentivemix } from './strategies/attentivemix.js';
import { fmix } from './strategies/fmix.js';
import { mosaic } from './strategies/mosaic.js';
import { puzzlemix } from './strategies/puzzlemix.js';
import { ricap } from './strategies/ricap.js';
import { smoothmix } from './strategies/smoothmix.js';

/** Mask and k-way strategies of the mask family (fmix, smoothmix, ricap, mosaic; the model-aware attentivemix and puzzlemix). */
export const maskStrategies: Strategy[] = [fmix, smoothmix, ricap, mosaic, attentivemix, puzzlemix];
