import { engine, type NamedAttrMap, type NamedTensorMap, type Tensor } from '@tensorflow/tfjs-core';

/** Inputs of a fused kernel: xb only when it is a different tensor from x. */
export function kernelInputs(x: Tensor, xb: Tensor, extra: Record<string, Tensor> = {}): NamedTensorMap {
  return xb === x ? { x, ...extra } : { x, xb, ...extra };
}

/** Runs a fused kernel; attrs carry the validated plan as typed arrays (never re-read by tfjs). */
export function runFused(kernelName: string, inputs: NamedTensorMap, attrs: object): Tensor {
  return engine().runKernel(kernelName, inputs, attrs as unknown as NamedAttrMap) as Tensor;
}
