import type { Seed } from '@mixzoo/core';
import type { Dataset } from '../types.js';
import { folderSource } from './folder-source.js';
import { imageDataset, type ImageLoadOptions } from './image-dataset.js';

export interface FolderDatasetOptions extends ImageLoadOptions {
  seed: Seed;
  trainSize?: number;
  testSize?: number;
}

/**
 * An image folder (see folderSource): one sub-folder per class, whose images are shuffled with the
 * seed (the first `testSize`, default 20% and at least 1, are the test split, the next `trainSize`,
 * default the rest, the training split); or train/ and val/ (or test/) of class folders, the given
 * splits (seeded subsets with trainSize/testSize). Images are decoded once into the decode cache
 * (see imageDataset), grey stays 1 channel, sizes follow imageShapeOf.
 */
export function folderDataset(dir: string, options: FolderDatasetOptions): Promise<Dataset> {
  return imageDataset(folderSource(dir, options), options);
}
