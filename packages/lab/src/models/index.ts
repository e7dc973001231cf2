export * from './architectures.js';
export * from './create.js';
export * from './seeded-weights.js';
