import type { Strategy } from '@mixzoo/core';

/** Mask and k-way strategies of the mask family (fmix, smoothmix, ricap, mosaic). */
export const maskStrategies: Strategy[] = [];
