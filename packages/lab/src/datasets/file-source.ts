import type { ImageShape, ImageSource } from './image-source.js';
import { decodeImageFile, imageShapeOf, inBatches } from './image-files.js';
import { channelsOf, imageSizeOf, type ImageDecodeOptions } from './image-options.js';

/** An image file and its class index. */
export interface LabelledFile {
  path: string;
  label: number;
}

export interface FileSourceSpec {
  name: string;
  root: string;
  classNames: string[];
  /** The given splits; without `test`, one pool split with the seed. */
  files: { train: LabelledFile[]; test?: LabelledFile[] };
  /** Other files the labels come from (an index file): they key the cache too. */
  labelFiles?: string[];
  where: string;
}

/** An ImageSource over image files (folders, index files), decoded with sharp. */
export function fileSource(spec: FileSourceSpec, options: ImageDecodeOptions): ImageSource {
  const { files, where } = spec;
  const size = imageSizeOf(options.imageSize, where);
  const channels = channelsOf(options.channels, where);
  const all = [...files.train, ...(files.test ?? [])].map((f) => f.path);
  let shape: Promise<ImageShape> | undefined;
  const labels = (list: LabelledFile[]) => Int32Array.from(list, (f) => f.label);
  return {
    name: spec.name,
    root: spec.root,
    classNames: spec.classNames,
    labels: { train: labels(files.train), ...(files.test ? { test: labels(files.test) } : {}) },
    files: [...(spec.labelFiles ?? []), ...all],
    settings: { kind: 'files', imageSize: size ?? null, channels: channels ?? null },
    shape: () => (shape ??= imageShapeOf(all, size, channels, where)),
    async decode(split, start, count, out) {
      const target = await this.shape();
      const bytes = target.height * target.width * target.channels;
      const list = (files[split] ?? []).slice(start, start + count);
      await inBatches(list, async (file, i) => out.set(await decodeImageFile(file.path, target, where), i * bytes));
    },
  };
}
