export * from './batch.js';
export * from './order.js';
export * from './train-run.js';
export * from './record.js';
