import { pad, slice, tidy, where, type Tensor } from '@tensorflow/tfjs-core';
import { PATCH_FIELDS, type PatchTable } from '../patches.js';
import { boxAt } from '../validate.js';
import { boxCondition, pick, sampleOf, stackSamples } from './common.js';

/** pasteBoxes from tfjs ops: where(inside box, pick(xb, partner), x). Keeps dtype; gradients flow. */
export function pasteBoxesComposed(x: Tensor, xb: Tensor, partner: Int32Array, boxes: Int32Array): Tensor {
  return tidy(() => {
    const list = Array.from(partner, (_, i) => boxAt(boxes, i));
    return where(boxCondition(x.shape, list), pick(xb, partner), x);
  });
}

/**
 * pastePatches from tfjs ops, per output sample: start from x_i; for each patch, slice the source
 * region, pad it to the image at the box, and select it inside the box; then concat the samples.
 * Op count grows with B and the patches, but every op has a gradient on every backend.
 */
export function pastePatchesComposed(x: Tensor, xb: Tensor, table: PatchTable): Tensor {
  const [batch, height, width, channels] = x.shape;
  const { starts, recs } = table;
  return tidy(() => {
    const samples: Tensor[] = [];
    for (let i = 0; i < batch; i++) {
      let sample = sampleOf(x, i);
      for (let k = starts[i]; k < starts[i + 1]; k++) {
        const r = k * PATCH_FIELDS;
        const [source, y0, x0, y1, x1, fy, fx] = recs.subarray(r, r + PATCH_FIELDS);
        const region = slice(xb, [source, fy, fx, 0], [1, y1 - y0, x1 - x0, channels]);
        const placed = pad(region, [[0, 0], [y0, height - y1], [x0, width - x1], [0, 0]]);
        sample = where(boxCondition([1, height, width, channels], [[y0, x0, y1, x1]]), placed, sample);
      }
      samples.push(sample);
    }
    return stackSamples(samples, x);
  });
}
