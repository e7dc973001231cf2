import type { DataType, TensorInfo } from '@tensorflow/tfjs-core';
import type { MathBackendCPU } from '@tensorflow/tfjs-backend-cpu';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import type { Values } from '../impl/types.js';

/**
 * How a fused kernel reads inputs and allocates its output on one backend, without copies.
 * Rule for kernels: call `output()` first, then `values()` for every array the loop uses. On wasm
 * an allocation can grow the heap, which detaches views taken before it.
 */
export interface KernelIO {
  values(t: TensorInfo): Values;
  output(shape: number[], dtype: DataType): { info: TensorInfo; values: Values };
}

/** cpu: inputs are the backend's own typed arrays; the output is one fresh typed array. */
export function cpuIO(backend: MathBackendCPU): KernelIO {
  return {
    values: (t) => backend.data.get(t.dataId).values as Values,
    output: (shape, dtype) => {
      const size = shape.reduce((p, d) => p * d, 1);
      const values = dtype === 'int32' ? new Int32Array(size) : new Float32Array(size);
      return { info: backend.makeTensorInfo(shape, dtype, values), values };
    },
  };
}

/**
 * wasm: everything is a view of the WASM heap. The output is malloc'ed there (not zero-filled,
 * and memory freed by disposed tensors is reused, so its pages are already resident: no page
 * faults, unlike a fresh JS array). Inputs living on another backend are moved in first, so no
 * allocation happens between taking views and using them.
 */
export function wasmIO(backend: BackendWasm, inputs: readonly TensorInfo[]): KernelIO {
  for (const t of inputs) backend.dataIdMap.get(t.dataId); // get() moves foreign data in
  return {
    values: (t) => backend.typedArrayFromHeap(t) as Values,
    output: (shape, dtype) => {
      const info = backend.makeOutput(shape, dtype);
      return { info, values: backend.typedArrayFromHeap(info) as Values };
    },
  };
}
