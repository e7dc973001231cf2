import type { Tensor } from '@tensorflow/tfjs-core';
import { useFused } from '../dispatch.js';
import { pastePatchesComposed } from '../fallback/paste.js';
import { KERNEL_PASTE_PATCHES } from '../names.js';
import { encodePatches, type Patch, type PatchTable } from '../patches.js';
import { checkPartnerBatch, checkTensor } from '../validate.js';
import { kernelInputs, runFused } from './common.js';

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
  const table = encodePatches(op, patches, batch, other.shape[0], height, width);
  return runPasteFused(own, other, table) ?? pastePatchesComposed(own, other, table);
}

/** Fused paste of an encoded patch table (shared with pasteBoxes); null when it must fall back. */
export function runPasteFused(x: Tensor, xb: Tensor, table: PatchTable): Tensor | null {
  return useFused(KERNEL_PASTE_PATCHES) ? runFused(KERNEL_PASTE_PATCHES, kernelInputs(x, xb), { table }) : null;
}
