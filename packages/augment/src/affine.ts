import { cast, clone, concat, image, slice, tensor2d, tidy, type Tensor } from '@tensorflow/tfjs-core';
import { z } from 'zod';
import { fillFor } from './geometry.js';

/** Output pixel (x, y) reads input (a0·x + a1·y + a2, b0·x + b1·y + b2): tf.image.transform's first six entries. */
export type AffineMatrix = readonly [number, number, number, number, number, number];

export interface WarpSettings {
  interpolation: 'bilinear' | 'nearest';
  fillMode: 'constant' | 'reflect' | 'wrap' | 'nearest';
  fill: number;
}

export const warpOptions = () => ({
  interpolation: z.enum(['bilinear', 'nearest']).default('bilinear').describe('Resampling of float tensors; int32 tensors (class maps) always use nearest and stay int32.'),
  fillMode: z.enum(['constant', 'reflect', 'wrap', 'nearest']).default('constant')
    .describe("Pixels from outside the image, as tf.image.transform: 'constant' (the fill value), 'reflect' (dcba|abcd|dcba), 'wrap', 'nearest' (edge)."),
  fill: z.number().default(0).describe("Value of 'constant' pixels (an integer for int32 tensors)."),
});

/** Rotation by `degrees` counter-clockwise (as displayed) about the centre of an h×w image, output → input. */
export function rotationMatrix(degrees: number, h: number, w: number): AffineMatrix {
  const t = (degrees * Math.PI) / 180;
  const [cos, sin] = [Math.cos(t), Math.sin(t)];
  const [cx, cy] = [(w - 1) / 2, (h - 1) / 2];
  return [cos, -sin, cx - cos * cx + sin * cy, sin, cos, cy - sin * cx - cos * cy];
}

/** Zoom by `factor` (> 1 enlarges the content) about the centre of an h×w image, output → input. */
export function zoomMatrix(factor: number, h: number, w: number): AffineMatrix {
  const [cx, cy] = [(w - 1) / 2, (h - 1) / 2];
  return [1 / factor, 0, cx - cx / factor, 0, 1 / factor, cy - cy / factor];
}

/**
 * Per-sample affine resampling with tf.image.transform (null = sample unchanged). One transform
 * call per sample: in tfjs 4.22 the cpu Transform kernel only transforms the first image of a
 * batch. int32 tensors are resampled nearest and stay int32 (exact for class maps).
 */
export function warpAffine(where: string, x: Tensor, matrices: readonly (AffineMatrix | null)[], settings: WarpSettings, tensorName: string): Tensor {
  const fill = fillFor(where, x, settings.fill, tensorName);
  return tidy(() => {
    if (matrices.every((m) => m === null)) return clone(x);
    const [, h, w, c] = x.shape;
    const int = x.dtype === 'int32';
    const source = int ? cast(x, 'float32') : x;
    const samples = matrices.map((m, i) => {
      const sample = slice(source, [i, 0, 0, 0], [1, h, w, c]);
      if (m === null) return sample;
      return image.transform(sample as never, tensor2d([[...m, 0, 0]]), int ? 'nearest' : settings.interpolation, settings.fillMode, fill);
    });
    const out = concat(samples, 0);
    return int ? cast(out, 'int32') : out;
  });
}
