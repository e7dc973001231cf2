import type { Seed } from '@mixzoo/core';
import type { Dataset } from '../types.js';
import { folderDataset } from './folder.js';
import { fashionMnistDataset, idxDataset } from './idx.js';
import { mnistDataset } from './mnist.js';
import { parseDatasetSpec } from './spec.js';
import { syntheticDataset } from './synthetic.js';

export interface LoadDatasetOptions {
  /** Drives the split (mnist, folders), subsets and synthetic draws. */
  seed: Seed;
  /** Training samples to keep (a seeded subset); default all (mnist: 8,000; moons/spirals: 1,000). */
  trainSize?: number;
  /** Test samples to keep; default all (mnist: 2,000; moons/spirals: 500; folders: 20%). */
  testSize?: number;
  /** Folder of the fashion-mnist IDX files; default /usr/share/datasets/fashion-mnist. */
  dataDir?: string;
  /** folder:<dir> images are resized to imageSize × imageSize RGB; default 32. */
  imageSize?: number;
  /** moons/spirals: noise std (see SyntheticOptions). */
  noise?: number;
}

/**
 * One entry point for every dataset: 'mnist' (bundled, 10,000 digits), 'fashion-mnist' (IDX files),
 * 'idx:<dir>' (any MNIST-layout IDX folder), 'folder:<dir>' or the path of a folder (a sub-folder
 * of images per class), 'moons' and 'spirals' (synthetic 2-D); see parseDatasetSpec. Same spec
 * and seed, same dataset.
 */
export async function loadDataset(text: string, options: LoadDatasetOptions): Promise<Dataset> {
  const spec = parseDatasetSpec(text);
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
  }
}
