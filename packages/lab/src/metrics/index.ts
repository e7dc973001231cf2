export * from './classification.js';
export * from './evaluate.js';
export * from './decision-boundary.js';
