import type { Tensor } from '@tensorflow/tfjs-core';
import type { Box } from '@mixzoo/core';
import type { PasteBoxesAttrs } from '../attrs.js';
import { runOp } from '../dispatch.js';
import { boxesToPatches } from '../patches.js';
import { checkBoxPaste } from '../validate.js';
import { kernelInputs } from './common.js';

/**
 * CutMix paste on NHWC images: for each sample i with a box, the same-position box of
 * xb[partner_i] replaces the box of x_i (half-open integer boxes; null or empty = untouched).
 * Fused: the pastePatches kernel with one patch per sample. Keeps dtype (float32 or int32).
 */
export function pasteBoxes(x: Tensor, partner: readonly number[], boxes: readonly (Box | null)[], xb?: Tensor): Tensor {
  const { x: own, xb: other, partner: p, boxes: b } = checkBoxPaste('pasteBoxes', x, partner, boxes, xb);
  return runOp('pasteBoxes', kernelInputs(own, other), { table: boxesToPatches(p, b), partner: p, boxes: b } satisfies PasteBoxesAttrs);
}
