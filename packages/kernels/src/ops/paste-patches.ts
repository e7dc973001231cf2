import type { Tensor } from '@tensorflow/tfjs-core';
import type { Patch } from '@mixzoo/core';
import type { PasteAttrs } from '../attrs.js';
import { runOp } from '../dispatch.js';
import { encodePatches } from '../patches.js';
import { checkPartnerBatch, checkTensor } from '../validate.js';
import { kernelInputs } from './common.js';

/**
 * General row-copy paste on NHWC images. Output sample i starts as a copy of x_i; then each patch
 * of `patches[i]`, in order, copies the region of xb[patch.source] that starts at `patch.from`
 * (default: the box's origin) and has the box's size into `patch.box`. Sources are always the
 * inputs, never earlier patches. Keeps dtype (float32 or int32).
 */
export function pastePatches(x: Tensor, patches: readonly (readonly Patch[])[], xb?: Tensor): Tensor {
  const op = 'pastePatches';
  const own = checkTensor(op, 'x', x, { exact: 4 });
  const other = checkPartnerBatch(op, own, xb);
  const [batch, height, width] = own.shape;
  return runOp(op, kernelInputs(own, other), { table: encodePatches(op, patches, batch, other.shape[0], height, width) } satisfies PasteAttrs);
}
