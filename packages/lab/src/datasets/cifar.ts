import { closeSync, existsSync, openSync, readFileSync, readSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { MixzooError } from '@mixzoo/core';
import { channelsOf, imageSizeOf, type ImageDecodeOptions } from './image-options.js';
import type { ImageSource, SplitName } from './image-source.js';
import { resizeBilinearU8 } from './resize.js';

/** CIFAR images: 32×32 RGB, stored per record as 1024 red, 1024 green, 1024 blue bytes (rows top to bottom). */
export const CIFAR_SIDE = 32;
const PLANE = CIFAR_SIDE * CIFAR_SIDE;
const PIXELS = 3 * PLANE;

/** Which CIFAR-100 labels a dataset uses: the 20 superclasses or the 100 classes. */
export type Cifar100Labels = 'coarse' | 'fine';

interface CifarLayout {
  /** Sub-folder the official archive extracts to (accepted in place of the folder itself). */
  archiveFolder: string;
  files: Record<SplitName, string[]>;
  namesFile: string;
  /** Label bytes before the pixels of each record, and which one is the label. */
  labelBytes: number;
  labelAt: number;
  defaultClasses: number;
  url: string;
}

const CIFAR_URL = 'https://www.cs.toronto.edu/~kriz/cifar.html';

function layoutOf(kind: 'cifar10' | 'cifar100', labels: Cifar100Labels): CifarLayout {
  if (kind === 'cifar10') {
    return {
      archiveFolder: 'cifar-10-batches-bin',
      files: { train: [1, 2, 3, 4, 5].map((k) => `data_batch_${k}.bin`), test: ['test_batch.bin'] },
      namesFile: 'batches.meta.txt',
      labelBytes: 1,
      labelAt: 0,
      defaultClasses: 10,
      url: `${CIFAR_URL} ("CIFAR-10 binary version (suitable for C programs)")`,
    };
  }
  return {
    archiveFolder: 'cifar-100-binary',
    files: { train: ['train.bin'], test: ['test.bin'] },
    namesFile: labels === 'coarse' ? 'coarse_label_names.txt' : 'fine_label_names.txt',
    labelBytes: 2,
    labelAt: labels === 'coarse' ? 0 : 1,
    defaultClasses: labels === 'coarse' ? 20 : 100,
    url: `${CIFAR_URL} ("CIFAR-100 binary version (suitable for C programs)")`,
  };
}

/** Records read at once while scanning labels or decoding. */
const RECORDS_PER_READ = 512;

/** Reads `count` records from `first` on of an open CIFAR file. */
function readRecords(fd: number, first: number, count: number, recordSize: number): Buffer {
  const buf = Buffer.alloc(count * recordSize);
  let done = 0;
  while (done < buf.length) {
    const n = readSync(fd, buf, done, buf.length - done, first * recordSize + done);
    if (n === 0) break;
    done += n;
  }
  return buf;
}

/**
 * CIFAR-10 (`cifar10:<dir>`) or CIFAR-100 (`cifar100:<dir>`, `labels` coarse or fine, default
 * fine) in the published binary layout, from a folder the user downloaded and extracted (nothing
 * is fetched): CIFAR-10 data_batch_1.bin … data_batch_5.bin (train) and test_batch.bin, records of
 * 1 label byte and 3,072 pixel bytes; CIFAR-100 train.bin and test.bin, records of a coarse and a
 * fine label byte and the pixels. Pixels: 1024 red, then 1024 green, then 1024 blue values, each
 * plane row by row; decoded to NHWC. Class names: one per line of batches.meta.txt,
 * coarse_label_names.txt or fine_label_names.txt (numbers when the file is missing). The folder
 * may also be the one holding the archive's cifar-10-batches-bin/ or cifar-100-binary/.
 */
export function cifarSource(kind: 'cifar10' | 'cifar100', dir: string, options: ImageDecodeOptions & { labels?: Cifar100Labels; name?: string }): ImageSource {
  const labelSet = options.labels ?? 'fine';
  const name = options.name ?? `${kind}:${dir}`;
  const where = `loadDataset(${name})`;
  const layout = layoutOf(kind, labelSet);
  const size = imageSizeOf(options.imageSize, where) ?? [CIFAR_SIDE, CIFAR_SIDE];
  if (channelsOf(options.channels, where) === 1) throw new MixzooError('E_DATASET', `${where}: CIFAR images are RGB; 'channels' 1 is not supported for them.`);
  const nested = join(dir, layout.archiveFolder);
  const folder = existsSync(join(dir, layout.files.test[0])) ? dir : existsSync(join(nested, layout.files.test[0])) ? nested : undefined;
  const all = [...layout.files.train, ...layout.files.test];
  const missing = folder ? all.filter((f) => !existsSync(join(folder, f))) : all;
  if (!folder || missing.length > 0) {
    throw new MixzooError('E_DATASET', `${where}: missing ${missing.join(', ')} in '${folder ?? dir}'. Download the binary version from ${layout.url}, extract it, and pass the folder holding these files.`);
  }
  const recordSize = layout.labelBytes + PIXELS;
  const namesPath = join(folder, layout.namesFile);
  const classNames = existsSync(namesPath)
    ? readFileSync(namesPath, 'utf8').split(/\r?\n/).map((l) => l.trim()).filter((l) => l !== '')
    : Array.from({ length: layout.defaultClasses }, (_, i) => String(i));
  // Global row → (file, record): each file's record count.
  const files: Record<SplitName, { path: string; count: number }[]> = { train: [], test: [] };
  for (const split of ['train', 'test'] as const) {
    for (const file of layout.files[split]) {
      const path = join(folder, file);
      const bytes = statSync(path).size;
      if (bytes === 0 || bytes % recordSize !== 0) {
        throw new MixzooError('E_DATASET', `${where}: '${path}' holds ${bytes} bytes, not a whole number of ${recordSize}-byte records (${layout.labelBytes} label byte(s) + 3,072 pixels); is it the ${kind === 'cifar10' ? 'CIFAR-10' : 'CIFAR-100'} binary version?`);
      }
      files[split].push({ path, count: bytes / recordSize });
    }
  }
  /** The labels of a split, read from every record (only when decoding: a cache hit reads them from the cache). */
  const scanLabels = (split: SplitName): Int32Array => {
    const found: number[] = [];
    for (const { path, count } of files[split]) {
      const fd = openSync(path, 'r');
      try {
        for (let first = 0; first < count; first += RECORDS_PER_READ) {
          const n = Math.min(RECORDS_PER_READ, count - first);
          const buf = readRecords(fd, first, n, recordSize);
          for (let r = 0; r < n; r++) {
            const label = buf[r * recordSize + layout.labelAt];
            if (label >= classNames.length) {
              throw new MixzooError('E_DATASET', `${where}: record ${first + r} of '${path}' has label ${label}, but there are ${classNames.length} classes (${layout.namesFile}).`);
            }
            found.push(label);
          }
        }
      } finally {
        closeSync(fd);
      }
    }
    return Int32Array.from(found);
  };
  let labels: { train: Int32Array; test: Int32Array } | undefined;
  const shape = { height: size[0], width: size[1], channels: 3 };
  return {
    name,
    root: resolve(folder),
    classNames,
    get labels() {
      return (labels ??= { train: scanLabels('train'), test: scanLabels('test') });
    },
    files: all.map((f) => join(folder, f)),
    settings: { kind, labels: kind === 'cifar100' ? labelSet : null, imageSize: size },
    shape: () => Promise.resolve(shape),
    decode(split, start, count, out) {
      const hwc = new Uint8Array(PIXELS);
      const rowSize = shape.height * shape.width * 3;
      let row = 0; // rows of the split before the current file
      let i = 0; // rows decoded
      for (const { path, count: inFile } of files[split]) {
        const from = Math.max(start + i - row, 0);
        const to = Math.min(start + count - row, inFile);
        if (from < to) {
          const fd = openSync(path, 'r');
          try {
            for (let first = from; first < to; first += RECORDS_PER_READ) {
              const n = Math.min(RECORDS_PER_READ, to - first);
              const buf = readRecords(fd, first, n, recordSize);
              for (let r = 0; r < n; r++, i++) {
                const px = r * recordSize + layout.labelBytes;
                for (let p = 0; p < PLANE; p++) {
                  hwc[3 * p] = buf[px + p];
                  hwc[3 * p + 1] = buf[px + PLANE + p];
                  hwc[3 * p + 2] = buf[px + 2 * PLANE + p];
                }
                out.set(resizeBilinearU8(hwc, CIFAR_SIDE, CIFAR_SIDE, 3, shape.height, shape.width), i * rowSize);
              }
            }
          } finally {
            closeSync(fd);
          }
        }
        row += inFile;
      }
      return Promise.resolve();
    },
  };
}
