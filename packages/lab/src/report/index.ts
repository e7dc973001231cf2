export { renderBoundaryPng, type BoundaryPictureOptions } from './boundary.js';
export * from './boundary-comparison.js';
export { differenceSpec, learningCurvesSpec, metricBarsSpec, reliabilitySpec } from './charts.js';
export { gridLayout, renderGrid, type GridLayout } from './grid.js';
export { renderReportHtml, type ReportImages, type ReportInput } from './html.js';
export type { ImageBatch } from './image-batch.js';
export { mixBatch, renderMixPreview, tileCaptions } from './mix-preview.js';
export { augmentBatch, renderPlainGrid, renderSampleGrid, sampleBatch } from './samples.js';
export { vegaLiteToSvg } from './vega-svg.js';
