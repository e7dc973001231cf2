import { existsSync, readdirSync, statSync } from 'node:fs';
import { extname, join } from 'node:path';
import sharp from 'sharp';
import { createRng, describeValue, MixzooError, type Seed } from '@mixzoo/core';
import type { Dataset } from '../types.js';
import { subsetSize, takeSamples } from './split.js';

const IMAGE_EXTENSIONS = new Set(['.png', '.jpg', '.jpeg', '.webp', '.gif', '.tif', '.tiff', '.avif', '.svg']);
/** Images decoded at once: bounds memory and open files. */
const DECODE_CONCURRENCY = 8;

export interface FolderDatasetOptions {
  seed: Seed;
  trainSize?: number;
  testSize?: number;
  /** Side of the square RGB images; default 32. */
  imageSize?: number;
}

/**
 * Decodes one image to `size`×`size` RGB float32 in [0, 1]: whatever its size and aspect ratio, it
 * is stretched to the square (so a folder may mix image sizes), alpha dropped, grey made RGB.
 * A file sharp cannot decode (corrupt, truncated) is an E_DATASET naming it.
 */
async function decode(file: string, size: number, where: string): Promise<Float32Array> {
  let data: Buffer;
  try {
    ({ data } = await sharp(file).resize(size, size, { fit: 'fill' }).removeAlpha().toColourspace('srgb').raw().toBuffer({ resolveWithObject: true }));
  } catch (error) {
    throw new MixzooError('E_DATASET', `${where}: cannot decode '${file}' (corrupt or truncated?): ${(error as Error).message}`);
  }
  if (data.length !== size * size * 3) {
    throw new MixzooError('E_DATASET', `${where}: '${file}' decoded to ${data.length} bytes, expected ${size}×${size}×3.`);
  }
  const out = new Float32Array(data.length);
  for (let i = 0; i < data.length; i++) out[i] = data[i] / 255;
  return out;
}

/**
 * An image folder with one sub-folder per class (sorted names are the classes), each with at least
 * one image; images of any size are resized to `imageSize` (see decode). The images are
 * shuffled with the seed: the first `testSize` (default 20%, at least 1) are the test split, the
 * next `trainSize` (default: the rest) the training split.
 */
export async function folderDataset(dir: string, options: FolderDatasetOptions): Promise<Dataset> {
  const where = `loadDataset(folder:${dir})`;
  const size = options.imageSize ?? 32;
  if (!Number.isInteger(size) || size < 1 || size > 1024) {
    throw new MixzooError('E_DATASET', `${where}: 'imageSize' must be an integer in [1, 1024], got ${describeValue(size)}.`);
  }
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new MixzooError('E_DATASET', `${where}: '${dir}' is not a folder.`);
  const classNames = readdirSync(dir)
    .filter((name) => !name.startsWith('.') && statSync(join(dir, name)).isDirectory())
    .sort();
  if (classNames.length < 2) {
    throw new MixzooError('E_DATASET', `${where}: expected one sub-folder of images per class (at least 2 classes), found ${classNames.length} sub-folders.`);
  }
  const files: { path: string; label: number }[] = [];
  classNames.forEach((name, label) => {
    const images = readdirSync(join(dir, name))
      .filter((file) => IMAGE_EXTENSIONS.has(extname(file).toLowerCase()))
      .sort();
    // A class without images would still count in the labels: a model of K classes trained on fewer.
    if (images.length === 0) {
      throw new MixzooError('E_DATASET', `${where}: class folder '${join(dir, name)}' has no images (${[...IMAGE_EXTENSIONS].join(', ')}); add some or remove the folder.`);
    }
    for (const file of images) files.push({ path: join(dir, name, file), label });
  });
  const pixels = size * size * 3;
  const all = { x: new Float32Array(files.length * pixels), y: new Int32Array(files.length), count: files.length };
  for (let start = 0; start < files.length; start += DECODE_CONCURRENCY) {
    const chunk = files.slice(start, start + DECODE_CONCURRENCY);
    const decoded = await Promise.all(chunk.map((f) => decode(f.path, size, where)));
    decoded.forEach((image, i) => {
      all.x.set(image, (start + i) * pixels);
      all.y[start + i] = chunk[i].label;
    });
  }
  const testSize = subsetSize('testSize', options.testSize, files.length - 1, Math.max(1, Math.round(files.length * 0.2)));
  const trainSize = subsetSize('trainSize', options.trainSize, files.length - testSize);
  const order = createRng(options.seed).stream('folder-split').permutation(files.length);
  return {
    name: `folder:${dir}`,
    classNames,
    inputShape: [size, size, 3],
    test: takeSamples(all, order.slice(0, testSize), pixels),
    train: takeSamples(all, order.slice(testSize, testSize + trainSize), pixels),
  };
}
