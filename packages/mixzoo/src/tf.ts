import { registerChainedOps } from './chained-ops.js';

// What @tensorflow/tfjs exports (core with chained ops, layers, data), on the one tfjs-core engine
// mixzoo uses; the union package would bring a converter and backends mixzoo does not need.
registerChainedOps();

export * from '@tensorflow/tfjs-core';
export * from '@tensorflow/tfjs-layers';
export * as data from '@tensorflow/tfjs-data';
