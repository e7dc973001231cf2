// Mixing a batch for a picture lives in the lab (its reports show mixed samples); re-exported for the CLI and tests.
export { mixBatch, renderMixPreview, tileCaptions } from '@mixzoo/lab';
