import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { createRng, MixzooError, type Seed } from '@mixzoo/core';
import { readIdx } from './idx-file.js';
import type { Dataset, Split } from '../types.js';
import { sampleSize, subsetSize } from './split.js';

/** The file of `prefix` ('train-images', 't10k-labels', ...) in dir: '-idx3-ubyte' or '.idx3-ubyte', gzip or not. */
function findIdxFile(dir: string, prefix: string, rank: number): string | undefined {
  const pattern = new RegExp(`^${prefix}[-.]idx${rank}-ubyte(\\.gz)?$`);
  return readdirSync(dir).find((name) => pattern.test(name));
}

/** One split of an MNIST-layout folder, as stored: `count` images of `shape` [H, W, 1], bytes row-major, and their labels. */
export interface RawIdxSplit {
  images: Uint8Array;
  labels: Uint8Array;
  count: number;
  shape: number[];
}

/** An IDX file of unsigned bytes (the MNIST layout). */
async function readBytes(path: string, where: string): Promise<{ dims: number[]; data: Uint8Array }> {
  const { type, dims, data } = await readIdx(path);
  if (type !== 'uint8') throw new MixzooError('E_DATASET', `${where}: '${path}' holds ${type} values; MNIST-layout sets are unsigned bytes.`);
  return { dims, data: data as Uint8Array };
}

/** Reads `<part>-images-idx3-ubyte` and `<part>-labels-idx1-ubyte` (gzip or not) of dir; E_DATASET naming `where` and the files when missing or not [N, H, W] bytes and [N] labels. */
export async function readIdxSplit(dir: string, part: 'train' | 't10k', where: string): Promise<RawIdxSplit> {
  if (!existsSync(dir)) throw new MixzooError('E_DATASET', `${where}: folder '${dir}' does not exist.`);
  const imagesFile = findIdxFile(dir, `${part}-images`, 3);
  const labelsFile = findIdxFile(dir, `${part}-labels`, 1);
  if (!imagesFile || !labelsFile) {
    throw new MixzooError('E_DATASET', `${where}: '${dir}' lacks ${part}-images-idx3-ubyte[.gz] and ${part}-labels-idx1-ubyte[.gz] (MNIST layout).`);
  }
  const images = await readBytes(join(dir, imagesFile), where);
  const labels = await readBytes(join(dir, labelsFile), where);
  const [count, height, width] = images.dims;
  if (images.dims.length !== 3 || labels.dims.length !== 1 || labels.dims[0] !== count) {
    throw new MixzooError('E_DATASET', `${where}: in '${dir}', ${imagesFile} is [${images.dims.join(', ')}] and ${labelsFile} is [${labels.dims.join(', ')}]; expected [N, H, W] images and the same N labels.`);
  }
  return { images: images.data, labels: labels.data, count, shape: [height, width, 1] };
}

/**
 * `n` samples of a split as floats in [0, 1]: all of them in file order when n = count, else a
 * seeded subset (only the kept images are converted).
 */
function toSplit(raw: RawIdxSplit, n: number, seed: Seed, stream: string): Split {
  const indices = n === raw.count ? undefined : createRng(seed).stream(stream).permutation(raw.count).slice(0, n);
  const size = sampleSize(raw.shape);
  const x = new Float32Array(n * size);
  const y = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const k = indices ? indices[i] : i;
    for (let p = 0; p < size; p++) x[i * size + p] = raw.images[k * size + p] / 255;
    y[i] = raw.labels[k];
  }
  return { x, y, count: n };
}

export interface IdxDatasetOptions {
  name: string;
  seed: Seed;
  trainSize?: number;
  testSize?: number;
  classNames?: string[];
}

/**
 * An MNIST-layout IDX folder (train-* and t10k-* images and labels). `trainSize`/`testSize` draw
 * seeded subsets of the given splits; by default all of each.
 */
export async function idxDataset(dir: string, options: IdxDatasetOptions): Promise<Dataset> {
  const where = `loadDataset(${options.name})`;
  const train = await readIdxSplit(dir, 'train', where);
  const test = await readIdxSplit(dir, 't10k', where);
  if (train.shape.join() !== test.shape.join()) {
    throw new MixzooError('E_DATASET', `${where}: train images are ${train.shape.slice(0, 2).join('×')}, test images ${test.shape.slice(0, 2).join('×')}.`);
  }
  let numClasses = 0;
  for (const y of [train.labels, test.labels]) for (const label of y) numClasses = Math.max(numClasses, label + 1);
  const classNames = options.classNames ?? Array.from({ length: numClasses }, (_, i) => String(i));
  if (classNames.length < numClasses) {
    throw new MixzooError('E_DATASET', `${where}: labels go up to ${numClasses - 1} but only ${classNames.length} class names are known.`);
  }
  return {
    name: options.name,
    classNames,
    inputShape: train.shape,
    train: toSplit(train, subsetSize('trainSize', options.trainSize, train.count), options.seed, 'train-subset'),
    test: toSplit(test, subsetSize('testSize', options.testSize, test.count), options.seed, 'test-subset'),
  };
}

export const FASHION_MNIST_DIR = '/usr/share/datasets/fashion-mnist';
export const FASHION_MNIST_CLASSES = ['T-shirt/top', 'Trouser', 'Pullover', 'Dress', 'Coat', 'Sandal', 'Shirt', 'Sneaker', 'Bag', 'Ankle boot'];

/** Fashion-MNIST from IDX files: Debian's dataset-fashion-mnist folder unless `dataDir` says otherwise. */
export function fashionMnistDataset(options: { seed: Seed; trainSize?: number; testSize?: number; dataDir?: string }): Promise<Dataset> {
  const dir = options.dataDir ?? FASHION_MNIST_DIR;
  if (!existsSync(dir) || !findIdxFile(dir, 'train-images', 3)) {
    throw new MixzooError(
      'E_DATASET',
      `loadDataset(fashion-mnist): no Fashion-MNIST IDX files in '${dir}'. Install them with 'apt-get install dataset-fashion-mnist' (Debian, into ${FASHION_MNIST_DIR}), or download train-images-idx3-ubyte.gz, train-labels-idx1-ubyte.gz, t10k-images-idx3-ubyte.gz and t10k-labels-idx1-ubyte.gz from https://github.com/zalandoresearch/fashion-mnist and pass their folder as --data-dir.`,
    );
  }
  return idxDataset(dir, { ...options, name: 'fashion-mnist', classNames: FASHION_MNIST_CLASSES });
}
