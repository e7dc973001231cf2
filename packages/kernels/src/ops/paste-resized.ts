import type { Tensor } from '@tensorflow/tfjs-core';
import type { Box } from '@mixzoo/core';
import { useFused } from '../dispatch.js';
import { pasteResizedComposed } from '../fallback/resize-paste.js';
import { KERNEL_PASTE_RESIZED } from '../names.js';
import { checkBoxPaste } from '../validate.js';
import { kernelInputs, runFused } from './common.js';

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
  if (useFused(KERNEL_PASTE_RESIZED)) return runFused(KERNEL_PASTE_RESIZED, kernelInputs(own, other), { partner: p, boxes: b });
  return pasteResizedComposed(own, other, p, b);
}
