export * from './folder.js';
export * from './idx.js';
export * from './idx-file.js';
export * from './idx-tensors.js';
export * from './load.js';
export * from './mnist.js';
export * from './split.js';
export * from './synthetic.js';
