export * from './targets.js';
export * from './cross-entropy.js';
export * from './binary-cross-entropy.js';
export * from './interpolated.js';
export * from './regmixup.js';
export * from './decoupled.js';
export * from './jsd.js';
