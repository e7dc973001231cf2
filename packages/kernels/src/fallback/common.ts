import { cast, clone, concat, engine, gather, slice, tensor, tensor1d, zeros, type Tensor } from '@tensorflow/tfjs-core';

/** Float32 view of a float32/int32 tensor (int32 data is blended in float32). Call inside tidy. */
export const asFloat = (t: Tensor): Tensor => (t.dtype === 'float32' ? t : cast(t, 'float32'));

/**
 * xb[partner[i]] for every i, as one tensor [B, ...]. Call inside tidy.
 * Without a tape: one `gather`. While a tape records: a concat of per-sample slices, because
 * gather's gradient needs UnsortedSegmentSum, which the wasm backend lacks and the cpu backend
 * runs as one full pass per segment; slice and concat have cheap gradients (pad, split) on every
 * backend.
 */
export function pick(xb: Tensor, partner: Int32Array): Tensor {
  const rest = xb.shape.slice(1);
  if (partner.length === 0) return zeros([0, ...rest], xb.dtype);
  if (!engine().isTapeOn()) return gather(xb, tensor1d(partner, 'int32'), 0);
  return concat(Array.from(partner, (p) => sampleOf(xb, p)), 0);
}

/** Sample i of a batch, keeping the batch axis: [1, ...]. */
export function sampleOf(t: Tensor, i: number): Tensor {
  return slice(t, [i, ...t.shape.slice(1).map(() => 0)], [1, ...t.shape.slice(1)]);
}

/** Concatenates per-sample results; an empty batch gives a copy of `x` (shape [0, ...]). */
export function stackSamples(samples: Tensor[], x: Tensor): Tensor {
  return samples.length === 0 ? clone(x) : concat(samples, 0);
}

/**
 * Bool tensor of `shape` [n, H, W, C], true inside `box` of sample k for each (k, box) given.
 * Built in JS: it is a constant, and full-size so `where` needs no broadcasting.
 */
export function boxCondition(shape: readonly number[], boxes: ReadonlyArray<readonly [number, number, number, number] | null>): Tensor {
  const [n, height, width, channels] = shape;
  const values = new Uint8Array(n * height * width * channels);
  const row = width * channels;
  boxes.forEach((box, k) => {
    if (box === null) return;
    const [y0, x0, y1, x1] = box;
    for (let y = y0; y < y1; y++) {
      const start = (k * height + y) * row;
      values.fill(1, start + x0 * channels, start + x1 * channels);
    }
  });
  return tensor(values, shape as number[], 'bool');
}
