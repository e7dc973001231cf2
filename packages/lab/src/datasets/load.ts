import { MixzooError, type Seed } from '@mixzoo/core';
import type { Dataset } from '../types.js';
import { cifarSource } from './cifar.js';
import { folderDataset } from './folder.js';
import { imageDataset, type ImageLoadOptions } from './image-dataset.js';
import { indexSource } from './index-source.js';
import { fashionMnistDataset, idxDataset } from './idx.js';
import { mnistDataset } from './mnist.js';
import { splitStats } from './pixel-stats.js';
import { parseDatasetSpec, type DatasetSpec } from './spec.js';
import { syntheticDataset } from './synthetic.js';

/** Image datasets (folders, index files, CIFAR) also take ImageLoadOptions: size, channels, decode cache, memory limit, normalisation. */
export interface LoadDatasetOptions extends ImageLoadOptions {
  /** Drives the split (mnist, folders), subsets and synthetic draws. */
  seed: Seed;
  /** Training samples to keep (a seeded subset); default all (mnist: 8,000; moons/spirals: 1,000). */
  trainSize?: number;
  /** Test samples to keep; default all (mnist: 2,000; moons/spirals: 500; a folder of class folders: 20%). */
  testSize?: number;
  /** Folder of the fashion-mnist IDX files; default /usr/share/datasets/fashion-mnist. */
  dataDir?: string;
  /** moons/spirals: noise std (see SyntheticOptions). */
  noise?: number;
}

/**
 * One entry point for every dataset: 'mnist' (bundled, 10,000 digits), 'fashion-mnist' (IDX files),
 * 'idx:<dir>' (any MNIST-layout IDX folder), 'folder:<dir>' or the path of a folder (a sub-folder
 * of images per class, or train/ and val/ of them), 'cifar10:<dir>', 'cifar100:<dir>[:coarse|fine]'
 * (the binary versions), 'index:<file>' (CSV/JSON path,label), 'moons' and 'spirals' (synthetic
 * 2-D); see parseDatasetSpec. Same spec, options and seed, same dataset.
 */
export async function loadDataset(text: string, options: LoadDatasetOptions): Promise<Dataset> {
  const spec = parseDatasetSpec(text);
  if (!IMAGE_SOURCES.includes(spec.kind)) {
    const given = (['imageSize', 'channels'] as const).filter((k) => options[k] !== undefined);
    if (given.length > 0) throw new MixzooError('E_DATASET', `loadDataset(${spec.spec}): ${given.map((k) => `'${k}'`).join(' and ')} appl${given.length === 1 ? 'ies' : 'y'} to ${IMAGE_SOURCES.join(', ')} datasets only.`);
  }
  const dataset = await read(spec, options);
  // The image sources compute it from their decoded bytes (streamed splits too); the others from the split in memory.
  if (options.normalize && !dataset.normalization) dataset.normalization = splitStats(dataset.train.x, dataset.inputShape);
  return dataset;
}

/** Datasets read through an ImageSource (decode cache, size, channels, streaming). */
const IMAGE_SOURCES: readonly string[] = ['folder', 'cifar10', 'cifar100', 'index'];

async function read(spec: DatasetSpec, options: LoadDatasetOptions): Promise<Dataset> {
  switch (spec.kind) {
    case 'mnist':
      return mnistDataset(options);
    case 'fashion-mnist':
      return fashionMnistDataset(options);
    case 'moons':
    case 'spirals':
      return syntheticDataset(spec.kind, options);
    case 'idx':
      return idxDataset(spec.dir, { ...options, name: spec.spec });
    case 'folder':
      return folderDataset(spec.dir, options);
    case 'cifar10':
      return imageDataset(cifarSource('cifar10', spec.dir, { ...options, name: spec.spec }), options);
    case 'cifar100':
      return imageDataset(cifarSource('cifar100', spec.dir, { ...options, labels: spec.labels, name: spec.spec }), options);
    case 'index':
      return imageDataset(indexSource(spec.file, options), options);
  }
}
