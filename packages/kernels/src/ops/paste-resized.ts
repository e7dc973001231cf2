import type { Tensor } from '@tensorflow/tfjs-core';
import type { Box } from '@mixzoo/core';
import type { ResizedAttrs } from '../attrs.js';
import { runOp } from '../dispatch.js';
import { checkBoxPaste } from '../validate.js';
import { kernelInputs } from './common.js';

/**
 * ResizeMix paste on NHWC images: the WHOLE image xb[partner_i], resized to the size of
 * `boxes[i]`, is written into that box (null or empty = untouched). float32 uses bilinear
 * interpolation with align-corners = false and half-pixel centres, i.e. exactly
 * tf.image.resizeBilinear(img, [h, w], false, true): output pixel (r, c) samples the source at
 * ((r + 0.5)·H/h − 0.5, (c + 0.5)·W/w − 0.5), clamped to the image. int32 uses nearest neighbour
 * (tf.image.resizeNearestNeighbor(img, [h, w], false, true)) and stays int32.
 */
export function pasteResized(x: Tensor, partner: readonly number[], boxes: readonly (Box | null)[], xb?: Tensor): Tensor {
  const { x: own, xb: other, partner: p, boxes: b } = checkBoxPaste('pasteResized', x, partner, boxes, xb);
  return runOp('pasteResized', kernelInputs(own, other), { partner: p, boxes: b } satisfies ResizedAttrs);
}
