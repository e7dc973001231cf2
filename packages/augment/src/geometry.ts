import type { Tensor } from '@tensorflow/tfjs-core';
import { MixzooError } from '@mixzoo/core';
import { z } from 'zod';

/** A pixel shift drawn for an image `from` pixels long, for a tensor `to` pixels long (nearest: rounded). */
export function scaleShift(shift: number, from: number, to: number): number {
  return from === to ? shift : Math.round((shift * to) / from);
}

/** The fill value for `x`: int32 tensors (class maps, integer images) need an integer. */
export function fillFor(where: string, x: Tensor, fill: number, tensorName: string): number {
  if (x.dtype === 'int32' && !Number.isInteger(fill)) {
    throw new MixzooError('E_OPTION', `${where}: option 'fill' must be an integer to fill the int32 tensor '${tensorName}', got ${fill}.`);
  }
  return fill;
}

/** Border modes of the index-remap augmentations (crop, translate), as the remap kernel names them. */
export const paddingModeOption = () =>
  z.enum(['constant', 'reflect', 'edge']).default('constant')
    .describe("Pixels read from outside the image: 'constant' (the fill value; zero padding by default), 'reflect' (dcb|abcd|cba, no edge repeat) or 'edge'.");

export const fillOption = () => z.number().default(0).describe("Value of 'constant' border pixels (an integer for int32 tensors).");

/** An integer shift in [-max, max] drawn uniformly. */
export function drawShift(rng: { int(n: number): number }, max: number): number {
  return rng.int(2 * max + 1) - max;
}
