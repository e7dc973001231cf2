import { gather, reshape, tensor1d, tidy, type Tensor } from '@tensorflow/tfjs-core';
import { PATCH_FIELDS, type PatchTable } from '../patches.js';
import { identityIndex, pixelTable } from './common.js';

/**
 * pastePatches from tfjs ops: every output pixel is a row of the pixel table (own pixel, or the
 * patch source's pixel), so the whole paste is one gather; dtype is kept, gradients flow.
 */
export function pastePatchesComposed(x: Tensor, xb: Tensor, patches: PatchTable): Tensor {
  const [batch, height, width] = x.shape;
  const plane = height * width;
  return tidy(() => {
    const { table, partnerOffset } = pixelTable(x, xb);
    const idx = identityIndex(batch * plane);
    const { starts, recs } = patches;
    for (let i = 0; i < batch; i++) {
      for (let k = starts[i]; k < starts[i + 1]; k++) {
        const r = k * PATCH_FIELDS;
        const src = partnerOffset + recs[r] * plane;
        const [y0, x0, y1, x1, fy, fx] = recs.subarray(r + 1, r + PATCH_FIELDS);
        for (let y = y0; y < y1; y++) {
          for (let c = x0; c < x1; c++) idx[i * plane + y * width + c] = src + (fy + y - y0) * width + (fx + c - x0);
        }
      }
    }
    return reshape(gather(table, tensor1d(idx, 'int32'), 0), x.shape);
  });
}
