import type { StudyConfig } from '../types.js';
import type { LoadDatasetOptions } from './load.js';

/** How a study's image data is loaded on this machine: nothing here changes the data, so it is not part of study.json. */
export interface DataLoading {
  /** Folder of the decode cache (default defaultCacheDir()). */
  cacheDir?: string;
  /** false: no decode cache (--no-cache). */
  cache?: boolean;
  /** Bytes of pixels a dataset may hold in memory (see ImageLoadOptions.maxMemory). */
  maxMemory?: number;
}

/** loadDataset's options for the data of a study (its setup) and one seed. */
export function studyLoadOptions(
  setup: Pick<StudyConfig, 'trainSize' | 'testSize' | 'imageSize' | 'channels' | 'normalize'>,
  seed: number,
  dataDir?: string,
  loading: DataLoading = {},
): LoadDatasetOptions {
  const { trainSize, testSize, imageSize, channels, normalize } = setup;
  return { seed, trainSize, testSize, dataDir, imageSize, channels, normalize, ...loading };
}
