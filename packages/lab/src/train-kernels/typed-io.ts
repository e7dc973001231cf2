import { registerKernel, type DataType, type NamedAttrMap, type TensorInfo } from '@tensorflow/tfjs-core';
import type { MathBackendCPU } from '@tensorflow/tfjs-backend-cpu';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { findKernel } from '@mixzoo/kernels';

/** The backends the training kernels run on: they loop over the backend's own typed arrays. */
export const TYPED_BACKENDS = ['cpu', 'wasm'] as const;

/**
 * How a training kernel reads its float32 inputs and allocates its output without copies. Call
 * `output()` first, then `values()`: on wasm an allocation can grow the heap, which detaches
 * views taken before it. The output is not zero-filled on wasm.
 */
export interface TypedIO {
  values(t: TensorInfo): Float32Array;
  output(shape: number[], dtype: DataType): { info: TensorInfo; values: Float32Array };
}

/** The typed-array access of `backend` (one of TYPED_BACKENDS); inputs living on another backend are moved in first. */
export function typedIO(backendName: string, backend: object, inputs: readonly TensorInfo[]): TypedIO {
  if (backendName === 'wasm') {
    const wasm = backend as BackendWasm;
    for (const t of inputs) wasm.dataIdMap.get(t.dataId); // get() moves foreign data in
    return {
      values: (t) => wasm.typedArrayFromHeap(t) as Float32Array,
      output: (shape, dtype) => {
        const info = wasm.makeOutput(shape, dtype);
        return { info, values: wasm.typedArrayFromHeap(info) as Float32Array };
      },
    };
  }
  const cpu = backend as MathBackendCPU;
  return {
    values: (t) => cpu.data.get(t.dataId).values as Float32Array,
    output: (shape, dtype) => {
      const values = new Float32Array(shape.reduce((p, d) => p * d, 1));
      return { info: cpu.makeTensorInfo(shape, dtype, values), values };
    },
  };
}

/** A kernel body over typed arrays, the same for every backend of TYPED_BACKENDS. */
export type TypedKernelBody = (io: TypedIO, inputs: Record<string, TensorInfo>, attrs: NamedAttrMap) => TensorInfo;

/** Registers `body` as kernel `kernelName` on every backend of TYPED_BACKENDS (idempotent). */
export function registerTypedKernel(kernelName: string, body: TypedKernelBody): void {
  for (const backendName of TYPED_BACKENDS) {
    if (findKernel(kernelName, backendName) !== undefined) continue;
    registerKernel({
      kernelName,
      backendName,
      kernelFunc: ({ inputs, backend, attrs }) => body(typedIO(backendName, backend, Object.values(inputs) as TensorInfo[]), inputs as Record<string, TensorInfo>, attrs ?? {}),
    });
  }
}
