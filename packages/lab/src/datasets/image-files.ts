import { readdirSync, statSync } from 'node:fs';
import { extname, join } from 'node:path';
import sharp from 'sharp';
import { MixzooError } from '@mixzoo/core';
import type { ImageShape } from './image-source.js';
import { resizeBilinearU8 } from './resize.js';

export const IMAGE_EXTENSIONS = new Set(['.png', '.jpg', '.jpeg', '.webp', '.gif', '.tif', '.tiff', '.avif', '.svg']);
/** Images decoded (or probed) at once: bounds memory and open files. */
export const DECODE_CONCURRENCY = 8;

/** The image files of a folder (not its sub-folders), sorted by name. */
export function imagesIn(dir: string): string[] {
  return readdirSync(dir)
    .filter((file) => IMAGE_EXTENSIONS.has(extname(file).toLowerCase()) && !file.startsWith('.'))
    .sort();
}

/** The sub-folders of a folder (hidden ones skipped), sorted by name. */
export function foldersIn(dir: string): string[] {
  return readdirSync(dir)
    .filter((name) => !name.startsWith('.') && statSync(join(dir, name)).isDirectory())
    .sort();
}

/** Runs `work` on every item, `DECODE_CONCURRENCY` at a time, keeping the order of results. */
export async function inBatches<T, R>(items: readonly T[], work: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results: R[] = [];
  for (let start = 0; start < items.length; start += DECODE_CONCURRENCY) {
    results.push(...(await Promise.all(items.slice(start, start + DECODE_CONCURRENCY).map((item, i) => work(item, start + i)))));
  }
  return results;
}

interface Probe {
  height: number;
  width: number;
  grey: boolean;
}

/** Size and colour of an image from its header (nothing decoded); E_DATASET naming the file when sharp cannot read it. */
async function probe(file: string, where: string): Promise<Probe> {
  try {
    const { width, height, channels, space } = await sharp(file).metadata();
    if (!width || !height) throw new Error('no size in its header');
    return { width, height, grey: space === 'b-w' || space === 'grey16' || channels <= 2 };
  } catch (error) {
    throw new MixzooError('E_DATASET', `${where}: cannot decode '${file}' (corrupt or truncated?): ${(error as Error).message}`);
  }
}

/**
 * The decoded shape of a set of image files: `size` ([height, width]) when given, else the most
 * common size among the files (ties: the one met first; every other image is resized to it);
 * `channels` when given, else 1 when every image is grey (1 channel, or grey with alpha), else 3.
 * Reads only the files' headers, and only what is not given.
 */
export async function imageShapeOf(files: readonly string[], size: [number, number] | undefined, channels: 1 | 3 | undefined, where: string): Promise<ImageShape> {
  if (size && channels) return { height: size[0], width: size[1], channels };
  const probes = await inBatches(files, (file) => probe(file, where));
  const counts = new Map<string, number>();
  for (const p of probes) counts.set(`${p.height}x${p.width}`, (counts.get(`${p.height}x${p.width}`) ?? 0) + 1);
  let common = '';
  for (const [key, n] of counts) if (n > (counts.get(common) ?? 0)) common = key;
  const [height, width] = size ?? common.split('x').map(Number);
  return { height, width, channels: channels ?? (probes.every((p) => p.grey) ? 1 : 3) };
}

/**
 * One image file decoded to `shape`: alpha dropped, converted to grey (1 channel) or sRGB (3),
 * 8 bits per channel, then resized bilinearly when its size differs (resizeBilinearU8).
 * E_DATASET naming the file when sharp cannot decode it.
 */
export async function decodeImageFile(file: string, shape: ImageShape, where: string): Promise<Uint8Array> {
  let decoded: { data: Buffer; info: { width: number; height: number; channels: number } };
  try {
    decoded = await sharp(file)
      .removeAlpha()
      .toColourspace(shape.channels === 1 ? 'b-w' : 'srgb')
      .raw({ depth: 'uchar' })
      .toBuffer({ resolveWithObject: true });
  } catch (error) {
    throw new MixzooError('E_DATASET', `${where}: cannot decode '${file}' (corrupt or truncated?): ${(error as Error).message}`);
  }
  const { data, info } = decoded;
  if (info.channels !== shape.channels || data.length !== info.width * info.height * info.channels) {
    throw new MixzooError('E_DATASET', `${where}: '${file}' decoded to ${info.width}×${info.height}×${info.channels}, expected ${shape.channels} channel(s).`);
  }
  return resizeBilinearU8(new Uint8Array(data.buffer, data.byteOffset, data.length), info.height, info.width, shape.channels, shape.height, shape.width);
}
