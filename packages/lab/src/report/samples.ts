import * as tf from '@tensorflow/tfjs-core';
import { createAugmenter, type AugmentSpec } from '@mixzoo/augment';
import type { KernelOps, Zoo } from '@mixzoo/core';
import { NO_MIXING } from '../train/train-run.js';
import { leadingRows } from '../datasets/split.js';
import type { Dataset, ModelName } from '../types.js';
import { gridLayout, renderGrid } from './grid.js';
import type { ImageBatch } from './image-batch.js';
import { renderMixPreview } from './mix-preview.js';
import { previewModelContext } from './model-maps.js';

/** The first `count` training images of an image dataset ([H, W, C] samples), as a batch to mix. */
export function sampleBatch(dataset: Dataset, count: number): ImageBatch {
  const [h, w, c] = dataset.inputShape;
  const n = Math.min(count, dataset.train.count);
  const size = h * w * c;
  return {
    images: leadingRows(dataset.train, n, size),
    shape: [n, h, w, c],
    labels: dataset.train.y.slice(0, n),
    classNames: dataset.classNames,
  };
}

/** The batch augmented once with an augmenter seeded like the training runs of `seed`, on the zoo's pixel ops; every tensor disposed. */
export function augmentBatch(batch: ImageBatch, specs: readonly AugmentSpec[], seed: number, kernels: KernelOps): ImageBatch {
  const augmenter = createAugmenter(specs, { seed, kernels });
  const inputs = tf.tensor4d(batch.images, batch.shape, 'float32');
  let augmented: tf.Tensor | undefined;
  try {
    augmented = augmenter.augment({ inputs }).inputs;
    // A copy: some backends hand out their own storage.
    return { ...batch, images: new Float32Array(augmented.dataSync()) };
  } finally {
    tf.dispose([inputs, ...(augmented ? [augmented] : [])]);
  }
}

/** The batch as it is, as a grid captioned with each image's class. */
export function renderPlainGrid(batch: ImageBatch): Promise<Buffer> {
  const [n, h, w] = batch.shape;
  const max = gridLayout(n, h, w).captionChars;
  return renderGrid(batch.images, batch.shape, Array.from(batch.labels, (k) => (batch.classNames[k] ?? String(k)).slice(0, max)));
}

/**
 * The batch mixed once by the strategy (seeded like its training runs) as a captioned grid; 'none'
 * shows it unmixed. A model-aware strategy plans from the `model` architecture's initial weights of
 * the seed, and its grid shows the map each plan read beside the mixed image.
 */
export async function renderSampleGrid(zoo: Zoo, strategy: { name: string; options?: Record<string, unknown> }, batch: ImageBatch, seed: number, model?: ModelName): Promise<Buffer> {
  if (strategy.name === NO_MIXING) return renderPlainGrid(batch);
  const mixer = zoo.create(strategy.name, strategy.options ?? {}, { seed });
  return (await renderMixPreview(mixer, batch, previewModelContext(mixer, batch, model, seed))).png;
}
