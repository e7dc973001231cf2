import type { Tensor } from '@tensorflow/tfjs-core';
import { useFused } from '../dispatch.js';
import { remapComposed } from '../fallback/remap.js';
import { KERNEL_REMAP } from '../names.js';
import { checkRemapOptions, encodeMaps, type IndexMap, type RemapOptions } from '../remap.js';
import { checkTensor } from '../validate.js';
import { runFused } from './common.js';

/**
 * Integer index remap of NHWC images, one map per sample (null = copy): output pixel (r, c) of
 * sample i reads pixel `(y0·r + y1·c + dy, x0·r + x1·c + dx)` of x_i — flips, transposes, 90°
 * rotations (square images), crops and translations, exactly (no interpolation). Sources outside
 * the image follow `options.border`: 'constant' (`options.fill`, default 0), 'reflect' or
 * 'edge'. Keeps dtype (float32 or int32) and shape.
 */
export function remap(x: Tensor, maps: readonly (IndexMap | null)[], options?: RemapOptions): Tensor {
  const op = 'remap';
  const own = checkTensor(op, 'x', x, { exact: 4 });
  const encoded = encodeMaps(op, maps, own.shape[0]);
  const [border, fill] = checkRemapOptions(op, options, own.dtype);
  if (useFused(KERNEL_REMAP)) return runFused(KERNEL_REMAP, { x: own }, { maps: encoded, border, fill });
  return remapComposed(own, encoded, border, fill);
}
