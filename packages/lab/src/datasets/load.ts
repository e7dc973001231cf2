import { describeValue, MixzooError, type Seed } from '@mixzoo/core';
import type { Dataset } from '../types.js';
import { folderDataset } from './folder.js';
import { fashionMnistDataset, idxDataset } from './idx.js';
import { mnistDataset } from './mnist.js';
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

export const DATASET_SPECS = ['mnist', 'fashion-mnist', 'idx:<dir>', 'folder:<dir>', 'moons', 'spirals'] as const;

/**
 * One entry point for every dataset: 'mnist' (bundled, 10,000 digits), 'fashion-mnist' (IDX files),
 * 'idx:<dir>' (any MNIST-layout IDX folder), 'folder:<dir>' (a sub-folder of images per class),
 * 'moons' and 'spirals' (synthetic 2-D). Same spec and seed, same dataset.
 */
export async function loadDataset(spec: string, options: LoadDatasetOptions): Promise<Dataset> {
  if (typeof spec !== 'string') throw new MixzooError('E_DATASET', `loadDataset: spec must be a string, got ${describeValue(spec)}.`);
  if (spec === 'mnist') return mnistDataset(options);
  if (spec === 'fashion-mnist') return fashionMnistDataset(options);
  if (spec === 'moons' || spec === 'spirals') return syntheticDataset(spec, options);
  if (spec.startsWith('idx:') && spec.length > 4) return idxDataset(spec.slice(4), { ...options, name: spec });
  if (spec.startsWith('folder:') && spec.length > 7) return folderDataset(spec.slice(7), options);
  throw new MixzooError('E_DATASET', `loadDataset: unknown dataset ${describeValue(spec)}; expected one of ${DATASET_SPECS.join(', ')}.`);
}
