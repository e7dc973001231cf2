import type { Tensor } from '@tensorflow/tfjs-core';
import type { Box } from '@mixzoo/core';
import { boxesToPatches } from '../patches.js';
import { checkBoxPaste } from '../validate.js';
import { pasteBoxesComposed } from '../fallback/paste.js';
import { runPasteFused } from './paste-patches.js';

/**
 * CutMix paste on NHWC images: for each sample i with a box, the same-position box of
 * xb[partner_i] replaces the box of x_i (half-open integer boxes; null or empty = untouched).
 * pastePatches with one patch per sample. Keeps dtype (float32 or int32).
 */
export function pasteBoxes(x: Tensor, partner: readonly number[], boxes: readonly (Box | null)[], xb?: Tensor): Tensor {
  const { x: own, xb: other, partner: p, boxes: b } = checkBoxPaste('pasteBoxes', x, partner, boxes, xb);
  // Fused: the generic patch kernel. Fallback: one where-select, cheaper than per-sample patches.
  return runPasteFused(own, other, boxesToPatches(p, b)) ?? pasteBoxesComposed(own, other, p, b);
}
