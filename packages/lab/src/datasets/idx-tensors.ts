import * as tf from '@tensorflow/tfjs-core';
import { describeValue, MixzooError } from '@mixzoo/core';
import { readIdx } from './idx-file.js';

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

function fail(message: string): MixzooError {
  return new MixzooError('E_DATASET', `loadIdxDataset: ${message}`);
}

/** `name.gz` if present, else `name`. */
async function find(dir: string, name: string): Promise<string> {
  const { access } = await import('node:fs/promises');
  const { join } = await import('node:path');
  for (const file of [join(dir, `${name}.gz`), join(dir, name)]) {
    try {
      await access(file);
      return file;
    } catch {
      // try the next name
    }
  }
  throw fail(`found neither '${join(dir, `${name}.gz`)}' nor '${join(dir, name)}'.`);
}

/**
 * Loads an MNIST-format folder (`<split>-images-idx3-ubyte[.gz]` and
 * `<split>-labels-idx1-ubyte[.gz]`): MNIST, Fashion-MNIST (Debian's `dataset-fashion-mnist`
 * installs it in /usr/share/datasets/fashion-mnist), KMNIST... The caller owns the tensors.
 */
export async function loadIdxDataset(dir: string, options: IdxTensorsOptions = {}): Promise<IdxTensors> {
  const split = options.split ?? 't10k';
  if (split !== 'train' && split !== 't10k') throw fail(`'split' must be 'train' or 't10k', got ${describeValue(split)}.`);
  const images = await readIdx(await find(dir, `${split}-images-idx3-ubyte`));
  const labels = await readIdx(await find(dir, `${split}-labels-idx1-ubyte`));
  if (images.type !== 'uint8' || images.dims.length !== 3) throw fail(`images must be uint8 [N, H, W], got ${images.type} [${images.dims.join(', ')}].`);
  if (labels.type !== 'uint8' || labels.dims.length !== 1) throw fail(`labels must be uint8 [N], got ${labels.type} [${labels.dims.join(', ')}].`);
  const [n, height, width] = images.dims;
  if (labels.dims[0] !== n) throw fail(`${n} images but ${labels.dims[0]} labels in '${dir}'.`);
  const count = options.count ?? n;
  if (!Number.isInteger(count) || count < 1 || count > n) throw fail(`'count' must be an integer in [1, ${n}], got ${describeValue(count)}.`);
  const pixels = Float32Array.from(images.data.subarray(0, count * height * width), (v) => v / 255);
  return {
    images: tf.tensor4d(pixels, [count, height, width, 1], 'float32'),
    labels: tf.tensor1d(Int32Array.from(labels.data.subarray(0, count)), 'int32'),
  };
}
