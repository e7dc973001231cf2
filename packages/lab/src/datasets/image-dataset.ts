import { totalmem } from 'node:os';
import { createRng, describeValue, MixzooError, type Seed } from '@mixzoo/core';
import type { Dataset, Split } from '../types.js';
import { cachedStore, defaultCacheDir, type CacheStatus } from './cache-file.js';
import type { ImageDecodeOptions } from './image-options.js';
import { DECODE_CHUNK, rowBytes, type ImageSource, type ImageStore, type SplitName } from './image-source.js';
import { memoryStore } from './memory-store.js';
import { pixelStats, type PixelStats } from './pixel-stats.js';
import { subsetSize } from './split.js';
import { streamedSplit } from './streamed-split.js';

/** How image datasets (folders, index files, CIFAR) are loaded, beyond what they decode to. */
export interface ImageLoadOptions extends ImageDecodeOptions {
  /** false (--no-cache): decode into memory every time, no cache file. Default true. */
  cache?: boolean;
  /** Folder of the decode cache files; default defaultCacheDir(). */
  cacheDir?: string;
  /**
   * Bytes of float32 pixels the loaded splits may hold in memory; a training split that would
   * exceed it (with the test split) is streamed from the cache file instead. Default
   * defaultMaxMemory().
   */
  maxMemory?: number;
  /** Standardise each channel with the training split's mean and std (Dataset.normalization); default false. */
  normalize?: boolean;
  /** Told what the decode cache did (tests, benchmarks, progress). */
  onCache?(status: CacheStatus, file?: string): void;
}

/** The default memory limit of loaded pixels: a quarter of the machine's memory, at most 4 GiB. */
export const defaultMaxMemory = (): number => Math.min(4 * 2 ** 30, Math.floor(totalmem() / 4));

/** Float32 rows of a store, `rows` of `split`, converted chunk by chunk. */
function memorySplit(store: ImageStore, split: SplitName, rows: readonly number[]): Split {
  const size = rowBytes(store);
  const labels = store.labels[split] ?? new Int32Array(0);
  const x = new Float32Array(rows.length * size);
  const bytes = new Uint8Array(Math.min(DECODE_CHUNK, rows.length) * size);
  for (let start = 0; start < rows.length; start += DECODE_CHUNK) {
    const chunk = rows.slice(start, start + DECODE_CHUNK);
    store.readRows(split, chunk, bytes);
    for (let i = 0; i < chunk.length * size; i++) x[start * size + i] = bytes[i] / 255;
  }
  return { x, y: Int32Array.from(rows, (k) => labels[k]), count: rows.length };
}

/** Which rows of the store make each split: given splits with seeded subsets, or one pool split with the seed. */
function splitRows(store: ImageStore, options: { seed: Seed; trainSize?: number; testSize?: number }): Record<SplitName, { from: SplitName; rows: number[] }> {
  const { train, test } = store.labels;
  const all = (n: number) => Array.from({ length: n }, (_, i) => i);
  if (test) {
    // As idx files: all of a split in file order, or a seeded subset.
    const subset = (n: number, count: number, stream: string) => (n === count ? all(count) : createRng(options.seed).stream(stream).permutation(count).slice(0, n));
    return {
      train: { from: 'train', rows: subset(subsetSize('trainSize', options.trainSize, train.length), train.length, 'train-subset') },
      test: { from: 'test', rows: subset(subsetSize('testSize', options.testSize, test.length), test.length, 'test-subset') },
    };
  }
  const n = train.length;
  if (n < 2) throw new MixzooError('E_DATASET', `loadDataset: a dataset without a given test split needs at least 2 images to split, got ${n}.`);
  const testSize = subsetSize('testSize', options.testSize, n - 1, Math.max(1, Math.round(n * 0.2)));
  const trainSize = subsetSize('trainSize', options.trainSize, n - testSize);
  const order = createRng(options.seed).stream('folder-split').permutation(n);
  return { train: { from: 'train', rows: order.slice(testSize, testSize + trainSize) }, test: { from: 'train', rows: order.slice(0, testSize) } };
}

/**
 * An image source as a Dataset: decoded once into the decode cache (or, with cache false, into
 * memory), split (given splits, or seeded), pixels as float32 in [0, 1]. A training split whose
 * pixels with the test split's would exceed `maxMemory` is streamed from the cache file (its
 * `rows`); the test split is always in memory.
 */
export async function imageDataset(source: ImageSource, options: ImageLoadOptions & { seed: Seed; trainSize?: number; testSize?: number }): Promise<Dataset> {
  const where = `loadDataset(${source.name})`;
  const maxMemory = options.maxMemory ?? defaultMaxMemory();
  if (!(typeof maxMemory === 'number' && maxMemory > 0)) throw new MixzooError('E_DATASET', `${where}: 'maxMemory' must be a number of bytes > 0, got ${describeValue(maxMemory)}.`);
  let store: ImageStore;
  if (options.cache === false) {
    store = await memoryStore(source);
    options.onCache?.('off');
  } else {
    store = await cachedStore(source, options.cacheDir ?? defaultCacheDir(), (status, file) => options.onCache?.(status, file));
  }
  try {
    return fromStore(store, source.name, maxMemory, options);
  } catch (error) {
    store.close();
    throw error;
  }
}

/** The Dataset of an open store (see imageDataset); closes the store unless the training split is streamed from it. */
function fromStore(store: ImageStore, name: string, maxMemory: number, options: ImageLoadOptions & { seed: Seed; trainSize?: number; testSize?: number }): Dataset {
  const where = `loadDataset(${name})`;
  const rows = splitRows(store, options);
  const floatBytes = (n: number) => 4 * n * rowBytes(store);
  const testBytes = floatBytes(rows.test.rows.length);
  if (testBytes > maxMemory) {
    throw new MixzooError('E_DATASET', `${where}: the test split alone needs ${testBytes} bytes, over the memory limit of ${maxMemory}; use a smaller test split (testSize, --test-size) or a larger limit.`);
  }
  let train: Split;
  if (testBytes + floatBytes(rows.train.rows.length) <= maxMemory) train = memorySplit(store, rows.train.from, rows.train.rows);
  else if (store.file) train = streamedSplit(store, rows.train.from, rows.train.rows, where);
  else {
    throw new MixzooError('E_DATASET', `${where}: the training split does not fit the memory limit of ${maxMemory} bytes, and is streamed only from the decode cache; drop --no-cache (cache false).`);
  }
  const dataset: Dataset = {
    name,
    classNames: store.classNames,
    inputShape: [store.height, store.width, store.channels],
    train,
    test: memorySplit(store, rows.test.from, rows.test.rows),
  };
  if (options.normalize) dataset.normalization = pixelStats(store, rows.train.from, rows.train.rows);
  if (!train.rows) store.close(); // everything is in memory; a streamed split keeps the file open
  return dataset;
}

export type { PixelStats };
