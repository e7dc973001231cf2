import { add, mul, tensor, tidy, type Tensor } from '@tensorflow/tfjs-core';
import { asFloat, pick } from './common.js';

/** mixLerp from differentiable tfjs ops: x·λ + pick(xb, partner)·(1-λ), λ broadcast per sample. */
export function mixLerpComposed(x: Tensor, xb: Tensor, partner: Int32Array, lambda: Float64Array): Tensor {
  return tidy(() => {
    const shape = [partner.length, ...x.shape.slice(1).map(() => 1)];
    const xf = asFloat(x);
    const other = pick(xb === x ? xf : asFloat(xb), partner);
    const own = tensor(Float32Array.from(lambda), shape, 'float32');
    const rest = tensor(Float32Array.from(lambda, (l) => 1 - l), shape, 'float32');
    return add(mul(xf, own), mul(other, rest));
  });
}
