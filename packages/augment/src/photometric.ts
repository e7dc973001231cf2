import { add, cast, mul, scalar, sub, tensor, where, type Tensor } from '@tensorflow/tfjs-core';
import { MixzooError } from '@mixzoo/core';
import { z } from 'zod';

export type ValueRange = readonly [number, number];

export const valueRangeOption = () =>
  z.tuple([z.number(), z.number()]).default([0, 1])
    .describe('[low, high] of the pixel values (e.g. [0, 255] for byte-scale images): results are clipped to it and factors act on the normalised value.');

export function checkValueRange(where: string, range: ValueRange): void {
  if (!(range[0] < range[1])) throw new MixzooError('E_OPTION', `${where}: option 'valueRange' must be [low, high] with low < high, got [${range[0]}, ${range[1]}].`);
}

/** x (float32 or int32) mapped to [0, 1] units of the value range, as float32. Call inside tidy. */
export function normalise(x: Tensor, [lo, hi]: ValueRange): Tensor {
  const xf = x.dtype === 'float32' ? x : cast(x, 'float32');
  return lo === 0 && hi === 1 ? xf : mul(sub(xf, scalar(lo)), scalar(1 / (hi - lo)));
}

export function denormalise(n: Tensor, [lo, hi]: ValueRange): Tensor {
  return lo === 0 && hi === 1 ? n : add(mul(n, scalar(hi - lo)), scalar(lo));
}

/** One value per sample as a [B, 1, 1, 1] tensor (null params get `identity`). */
export function perSample<P>(params: readonly (P | null)[], pick: (p: P) => number, identity: number): Tensor {
  return tensor(params.map((p) => (p === null ? identity : pick(p))), [params.length, 1, 1, 1], 'float32');
}

/** `changed` where the sample's params are present, the (float) original elsewhere: inactive samples stay exact. */
export function onlyActive(x: Tensor, changed: Tensor, params: readonly unknown[]): Tensor {
  const active = tensor(params.map((p) => (p === null ? 0 : 1)), [params.length, 1, 1, 1], 'bool');
  return where(active, changed, x.dtype === 'float32' ? x : cast(x, 'float32'));
}
