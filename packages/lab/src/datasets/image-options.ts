import { describeValue, MixzooError } from '@mixzoo/core';

/** How image datasets are decoded: the settings that change the decoded bytes. */
export interface ImageDecodeOptions {
  /** Side, or [height, width], every image is resized to (bilinear, see resizeBilinearU8); default: the images' own size (see imageShapeOf). */
  imageSize?: number | readonly number[];
  /** 1 (grey) or 3 (RGB); default: 1 when every image is grey, else 3. */
  channels?: number;
}

export const MAX_IMAGE_SIDE = 4096;

/** [height, width] of an imageSize option, or undefined; E_DATASET naming `where` when malformed. */
export function imageSizeOf(size: unknown, where: string): [number, number] | undefined {
  if (size === undefined) return undefined;
  const sides = typeof size === 'number' ? [size, size] : Array.isArray(size) && size.length === 2 ? (size as unknown[]) : undefined;
  if (!sides?.every((s) => typeof s === 'number' && Number.isInteger(s) && s >= 1 && s <= MAX_IMAGE_SIDE)) {
    throw new MixzooError('E_DATASET', `${where}: 'imageSize' must be an integer in [1, ${MAX_IMAGE_SIDE}] or [height, width] of such integers, got ${describeValue(size)}.`);
  }
  return sides as [number, number];
}

/** The channels option (1 or 3), or undefined; E_DATASET naming `where` otherwise. */
export function channelsOf(channels: unknown, where: string): 1 | 3 | undefined {
  if (channels === undefined || channels === 1 || channels === 3) return channels;
  throw new MixzooError('E_DATASET', `${where}: 'channels' must be 1 (grey) or 3 (RGB), got ${describeValue(channels)}.`);
}
