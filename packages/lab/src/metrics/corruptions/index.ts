export type { Corruption, CorruptionContext, ImageArray } from './corruption.js';
export { corruptImages, CORRUPTION_NAMES, CORRUPTIONS, getCorruption, SEVERITIES } from './registry.js';
