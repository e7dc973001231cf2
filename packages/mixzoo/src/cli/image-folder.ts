import { readdir, stat } from 'node:fs/promises';
import { extname, join, parse } from 'node:path';
import sharp from 'sharp';
import { createRng, MixzooError, type Seed } from '@mixzoo/core';
import type { ImageBatch } from '@mixzoo/lab';
import { usageError } from './usage-error.js';

/** Folder images are decoded and resized (cover) to this square size, RGB. */
export const FOLDER_IMAGE_SIZE = 64;
const IMAGE_EXTENSIONS = new Set(['.png', '.jpg', '.jpeg', '.webp', '.gif', '.tif', '.tiff', '.avif', '.svg']);

interface Entry {
  file: string;
  className: string;
}

async function listDir(dir: string): Promise<{ dirs: string[]; images: string[] }> {
  const entries = (await readdir(dir, { withFileTypes: true })).filter((e) => !e.name.startsWith('.'));
  const sorted = (names: string[]) => names.sort((a, b) => a.localeCompare(b));
  return {
    dirs: sorted(entries.filter((e) => e.isDirectory()).map((e) => e.name)),
    images: sorted(entries.filter((e) => e.isFile() && IMAGE_EXTENSIONS.has(extname(e.name).toLowerCase())).map((e) => e.name)),
  };
}

/** Class = sub-folder name when there are sub-folders; otherwise every image is its own class (its file name). */
async function listImages(folder: string): Promise<Entry[]> {
  const top = await listDir(folder);
  if (top.dirs.length === 0) return top.images.map((name) => ({ file: join(folder, name), className: parse(name).name }));
  const entries: Entry[] = [];
  for (const dir of top.dirs) {
    const { images } = await listDir(join(folder, dir));
    entries.push(...images.map((name) => ({ file: join(folder, dir, name), className: dir })));
  }
  return entries;
}

async function decode(file: string): Promise<Float32Array> {
  const { data, info } = await sharp(file)
    .resize(FOLDER_IMAGE_SIZE, FOLDER_IMAGE_SIZE, { fit: 'cover' })
    .flatten({ background: '#000000' })
    .toColourspace('srgb')
    .raw()
    .toBuffer({ resolveWithObject: true });
  if (info.channels !== 3) throw new Error(`${file}: decoded to ${info.channels} channels, expected 3 (RGB).`);
  return Float32Array.from(data, (v) => v / 255);
}

/** Up to `count` images of a folder, picked with the seeded rng, as a 64×64 RGB batch in [0, 1]. */
export async function loadImageFolder(folder: string, options: { count: number; seed: Seed }): Promise<ImageBatch> {
  const info = await stat(folder).catch(() => undefined);
  if (!info?.isDirectory()) throw usageError(`--dataset: '${folder}' is not a folder.`);
  const all = await listImages(folder);
  if (all.length === 0) {
    throw new MixzooError('E_DATASET', `--dataset '${folder}': no images found (${[...IMAGE_EXTENSIONS].join(', ')}), neither in it nor in its sub-folders.`);
  }
  const picked = createRng(options.seed).stream('dataset').permutation(all.length).slice(0, options.count).map((k) => all[k]);
  const classNames = [...new Set(all.map((e) => e.className))];
  const pixels = FOLDER_IMAGE_SIZE * FOLDER_IMAGE_SIZE * 3;
  const images = new Float32Array(picked.length * pixels);
  for (const [i, entry] of picked.entries()) images.set(await decode(entry.file), i * pixels);
  return {
    images,
    shape: [picked.length, FOLDER_IMAGE_SIZE, FOLDER_IMAGE_SIZE, 3],
    labels: Int32Array.from(picked, (e) => classNames.indexOf(e.className)),
    classNames,
  };
}
