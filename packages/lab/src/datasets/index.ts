export * from './folder.js';
export * from './idx.js';
export * from './load.js';
export * from './mnist.js';
export * from './spec.js';
export * from './split.js';
export * from './synthetic.js';
