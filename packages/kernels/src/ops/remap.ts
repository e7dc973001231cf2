import type { Tensor } from '@tensorflow/tfjs-core';
import type { IndexMap, RemapOptions } from '@mixzoo/core';
import type { RemapAttrs } from '../attrs.js';
import { runOp } from '../dispatch.js';
import { checkRemapOptions, encodeMaps } from '../remap.js';
import { checkTensor } from '../validate.js';

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
  return runOp(op, { x: own }, { maps: encoded, border, fill } satisfies RemapAttrs);
}
