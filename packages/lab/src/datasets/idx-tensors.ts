import * as tf from '@tensorflow/tfjs-core';
import { describeValue, MixzooError } from '@mixzoo/core';
import { readIdxSplit } from './idx.js';

export interface IdxTensorsOptions {
  /** File prefix: 'train' or 't10k' (MNIST's and Fashion-MNIST's names). Default 't10k'. */
  split?: 'train' | 't10k';
  /** Keep the first `count` samples (default: all). */
  count?: number;
}

/** One split of an MNIST-format folder as tensors. */
export interface IdxTensors {
  /** float32 [N, H, W, 1], pixel values scaled to [0, 1]. */
  images: tf.Tensor4D;
  /** int32 [N] class indices. */
  labels: tf.Tensor1D;
}

/**
 * Loads one split of an MNIST-format folder (`<split>-images-idx3-ubyte[.gz]` and
 * `<split>-labels-idx1-ubyte[.gz]`) as tensors: MNIST, Fashion-MNIST (Debian's
 * `dataset-fashion-mnist` installs it in /usr/share/datasets/fashion-mnist), KMNIST... The caller
 * owns the tensors.
 */
export async function loadIdxDataset(dir: string, options: IdxTensorsOptions = {}): Promise<IdxTensors> {
  const split: unknown = options.split ?? 't10k'; // plain-JS callers may pass anything
  if (split !== 'train' && split !== 't10k') throw new MixzooError('E_DATASET', `loadIdxDataset: 'split' must be 'train' or 't10k', got ${describeValue(split)}.`);
  const raw = await readIdxSplit(dir, split, 'loadIdxDataset');
  const [height, width] = raw.shape;
  const count = options.count ?? raw.count;
  if (!Number.isInteger(count) || count < 1 || count > raw.count) {
    throw new MixzooError('E_DATASET', `loadIdxDataset: 'count' must be an integer in [1, ${raw.count}], got ${describeValue(count)}.`);
  }
  const pixels = Float32Array.from(raw.images.subarray(0, count * height * width), (v) => v / 255);
  return {
    images: tf.tensor4d(pixels, [count, height, width, 1], 'float32'),
    labels: tf.tensor1d(Int32Array.from(raw.labels.subarray(0, count)), 'int32'),
  };
}
