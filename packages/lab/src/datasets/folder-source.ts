import { existsSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { MixzooError } from '@mixzoo/core';
import { fileSource, type LabelledFile } from './file-source.js';
import { foldersIn, IMAGE_EXTENSIONS, imagesIn } from './image-files.js';
import type { ImageDecodeOptions } from './image-options.js';
import type { ImageSource } from './image-source.js';

/** The held-out folder of a split layout: val/ when present, else test/; undefined when `dir` has no train/ beside one of them. */
export function heldOutFolder(dir: string): 'val' | 'test' | undefined {
  const isDir = (name: string) => existsSync(join(dir, name)) && statSync(join(dir, name)).isDirectory();
  if (!isDir('train')) return undefined;
  return isDir('val') ? 'val' : isDir('test') ? 'test' : undefined;
}

/** The images of class folders `classNames` under `dir`, labelled by their index; E_DATASET for a class folder without images. */
function classFiles(dir: string, classNames: readonly string[], where: string): LabelledFile[] {
  return classNames.flatMap((name, label) => {
    const images = imagesIn(join(dir, name));
    // A class without images would still count in the labels: a model of K classes trained on fewer.
    if (images.length === 0) {
      throw new MixzooError('E_DATASET', `${where}: class folder '${join(dir, name)}' has no images (${[...IMAGE_EXTENSIONS].join(', ')}); add some or remove the folder.`);
    }
    return images.map((file) => ({ path: join(dir, name, file), label }));
  });
}

/**
 * A folder of images as an ImageSource, in one of two layouts:
 * - ImageNet-style: `train/<class>/…` and `val/<class>/…` (or `test/<class>/…` when there is no
 *   val/): the given splits; the classes are train/'s sub-folders, and every held-out class must
 *   be one of them (a held-out class may have no folder);
 * - one sub-folder per class (at least 2): one pool, split with the seed by the loader.
 */
export function folderSource(dir: string, options: ImageDecodeOptions): ImageSource {
  const name = `folder:${dir}`;
  const where = `loadDataset(${name})`;
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new MixzooError('E_DATASET', `${where}: '${dir}' is not a folder.`);
  const heldOut = heldOutFolder(dir);
  const classDir = heldOut ? join(dir, 'train') : dir;
  const classNames = foldersIn(classDir);
  if (classNames.length < 2) {
    throw new MixzooError('E_DATASET', `${where}: expected one sub-folder of images per class in '${classDir}' (at least 2 classes), found ${classNames.length} sub-folders.`);
  }
  let test: LabelledFile[] | undefined;
  if (heldOut) {
    const testDir = join(dir, heldOut);
    const testClasses = foldersIn(testDir);
    const unknown = testClasses.filter((c) => !classNames.includes(c));
    if (unknown.length > 0) {
      throw new MixzooError('E_DATASET', `${where}: ${heldOut}/ has class folders that train/ lacks (${unknown.join(', ')}); the classes are train/'s: ${classNames.join(', ')}.`);
    }
    test = testClasses.flatMap((c) => classFiles(testDir, [c], where).map((f) => ({ ...f, label: classNames.indexOf(c) })));
    if (test.length === 0) throw new MixzooError('E_DATASET', `${where}: '${testDir}' holds no images in class folders.`);
  }
  return fileSource({ name, root: resolve(dir), classNames, files: { train: classFiles(classDir, classNames, where), ...(test ? { test } : {}) }, where }, options);
}
