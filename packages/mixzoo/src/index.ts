// The Node entry of `mixzoo` (package.json condition "node"): everything of the browser-safe part,
// plus the comparison lab (file datasets, training, PNG/HTML reports), which needs Node.
export * from './portable.js';
/** The comparison lab: datasets, models, training, studies and reports. */
export * as lab from '@mixzoo/lab';
/** The IDX reader lives in the lab (`lab.readIdx`...); also exported here, where it was before. */
export { loadIdxDataset, parseIdx, readIdx, type IdxArray, type IdxData, type IdxTensors as IdxDataset, type IdxTensorsOptions as IdxDatasetOptions, type IdxType } from '@mixzoo/lab';
/** Loads `--plugin` modules (paths or packages) as plugins: how study workers rebuild a zoo with the coordinator's plugins. */
export { loadPluginModules } from './plugin-loader.js';
/** Model context for model-aware strategies (saliency, CAM, activation, features, attention) from a tfjs-layers model. */
export { ATTENTION_LAYER_MARK, modelContext, type ModelContextBatch } from '@mixzoo/lab';
