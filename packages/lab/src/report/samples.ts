import type { Zoo } from '@mixzoo/core';
import { NO_MIXING } from '../train/train-run.js';
import type { Dataset } from '../types.js';
import { gridLayout, renderGrid } from './grid.js';
import type { ImageBatch } from './image-batch.js';
import { renderMixPreview } from './mix-preview.js';

/** The first `count` training images of an image dataset ([H, W, C] samples), as a batch to mix. */
export function sampleBatch(dataset: Dataset, count: number): ImageBatch {
  const [h, w, c] = dataset.inputShape;
  const n = Math.min(count, dataset.train.count);
  const size = h * w * c;
  return {
    images: dataset.train.x.slice(0, n * size),
    shape: [n, h, w, c],
    labels: dataset.train.y.slice(0, n),
    classNames: dataset.classNames,
  };
}

/** The batch mixed once by the strategy (seeded like its training runs) as a captioned grid; 'none' shows it unmixed. */
export async function renderSampleGrid(zoo: Zoo, strategy: { name: string; options?: Record<string, unknown> }, batch: ImageBatch, seed: number): Promise<Buffer> {
  if (strategy.name === NO_MIXING) {
    const [n, h, w] = batch.shape;
    const max = gridLayout(n, h, w).captionChars;
    return renderGrid(batch.images, batch.shape, Array.from(batch.labels, (k) => (batch.classNames[k] ?? String(k)).slice(0, max)));
  }
  return (await renderMixPreview(zoo.create(strategy.name, strategy.options ?? {}, { seed }), batch)).png;
}
