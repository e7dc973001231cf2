import type { NamedTensorMap, Tensor } from '@tensorflow/tfjs-core';

/** Inputs of an op's kernel: xb only when it is a different tensor from x. */
export function kernelInputs(x: Tensor, xb: Tensor, extra: Record<string, Tensor> = {}): NamedTensorMap {
  return xb === x ? { x, ...extra } : { x, xb, ...extra };
}
