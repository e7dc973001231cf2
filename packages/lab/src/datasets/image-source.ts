/** The two splits an image dataset may give. */
export type SplitName = 'train' | 'test';

/**
 * A dataset of 8-bit images as a reader knows it before decoding: its classes, the decoded shape,
 * the labels of each split, and how to decode rows. Folders, index files and CIFAR binaries are
 * sources; the loader decodes a source once (into the decode cache) and builds the dataset from it.
 */
export interface ImageSource {
  /** The dataset's name, its canonical spec ('folder:./photos', 'cifar10:./cifar'). */
  name: string;
  /** The absolute path of what the spec names (folder, index file): with `settings`, it names the cache file. */
  root: string;
  classNames: string[];
  /** The decoded shape; may read the files' headers (so a cache hit does not wait for it). */
  shape(): Promise<ImageShape>;
  /** Labels of the given splits; without `test`, the train labels are one pool that the loader splits with the seed. */
  labels: { train: Int32Array; test?: Int32Array };
  /** The files read: their paths, sizes and modification times key the decode cache. */
  files: string[];
  /** Everything else that changes the decoded bytes (size, channels, label set...): part of the cache key. */
  settings: Record<string, unknown>;
  /** Decodes rows [start, start + count) of a split into `out` (count × height × width × channels bytes, NHWC). */
  decode(split: SplitName, start: number, count: number, out: Uint8Array): Promise<void>;
}

/** Decoded images, in memory or in a cache file: rows are read by index, NHWC bytes. */
export interface ImageStore {
  classNames: string[];
  height: number;
  width: number;
  channels: number;
  labels: { train: Int32Array; test?: Int32Array };
  /** Where the rows live: a cache file, or memory (--no-cache). */
  file?: string;
  /** Copies the rows `rows` of `split`, in that order, into `out` (rows.length × rowBytes). */
  readRows(split: SplitName, rows: ArrayLike<number>, out: Uint8Array): void;
  /** Releases the cache file (no more reads). */
  close(): void;
}

export interface ImageShape {
  height: number;
  width: number;
  channels: number;
}

export const rowBytes = (s: { height: number; width: number; channels: number }): number => s.height * s.width * s.channels;

/** Rows decoded per step while a source is decoded (bounds memory and open files). */
export const DECODE_CHUNK = 256;
