import { MixzooError } from '@mixzoo/core';
import { z } from 'zod';
import type { AugmentShape } from '../augmentation.js';
import { valueRangeOption } from '../photometric.js';

/** Options of the op-chain augmentations: resampling, fill and value range. */
export const chainOptions = (interpolation: 'bilinear' | 'nearest') => ({
  interpolation: z.enum(['bilinear', 'nearest']).default(interpolation).describe('Resampling of shears and rotations of float tensors; int32 tensors (class maps) always use nearest.'),
  fill: z.number().default(0).describe('Value of pixels shifted or turned in from outside the image, in the units of the values (an integer for int32 targets).'),
  valueRange: valueRangeOption(),
});

/** Color and contrast need RGB or one channel (as torchvision). */
export function checkChannels(where: string, { channels }: AugmentShape): void {
  if (channels !== 1 && channels !== 3) throw new MixzooError('E_SHAPE', `${where}: images must have 1 (gray) or 3 (RGB) channels, got ${channels}.`);
}
