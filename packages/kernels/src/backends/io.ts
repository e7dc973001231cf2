import type { DataType, TensorInfo } from '@tensorflow/tfjs-core';
import type { MathBackendCPU } from '@tensorflow/tfjs-backend-cpu';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import type { Values } from '../impl/types.js';
import { backendMemory, heapKernels, type HeapKernels } from '../wasm/instance.js';

/** In-place access to the wasm heap: the SIMD kernels and where each tensor's data starts. */
export interface Heap {
  kernels: HeapKernels;
  /** Byte offset of a tensor's data in the heap. */
  offset(t: TensorInfo): number;
}

/**
 * How a fused kernel reads inputs and allocates its output on one backend, without copies.
 * Rule for kernels: call `output()` first, then `values()` for every array the loop uses. On wasm
 * an allocation can grow the heap, which detaches views taken before it.
 */
export interface KernelIO {
  values(t: TensorInfo): Values;
  output(shape: number[], dtype: DataType): { info: TensorInfo; values: Values };
  /** wasm with WebAssembly SIMD: kernels run their loops in place on the heap instead of in JS. */
  heap?: Heap;
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
 * wasm: everything lives in the WASM heap. The output is malloc'ed there (not zero-filled, and
 * memory freed by disposed tensors is reused, so its pages are already resident: no page faults,
 * unlike a fresh JS array). Inputs living on another backend are moved in first, so no
 * allocation happens between taking views and using them. Where the engine has WebAssembly SIMD,
 * `heap` runs mixzoo's SIMD module on that same memory: it reads and writes the tensors where
 * they are, by offset, so it holds no view that a heap growth could detach.
 */
export function wasmIO(backend: BackendWasm, inputs: readonly TensorInfo[]): KernelIO {
  for (const t of inputs) backend.dataIdMap.get(t.dataId); // get() moves foreign data in
  const memory = backendMemory(backend.wasm);
  const kernels = memory === undefined ? null : heapKernels(memory);
  return {
    heap: kernels === null ? undefined : { kernels, offset: (t) => backend.dataIdMap.get(t.dataId).memoryOffset },
    values: (t) => backend.typedArrayFromHeap(t) as Values,
    output: (shape, dtype) => {
      const info = backend.makeOutput(shape, dtype);
      return { info, values: backend.typedArrayFromHeap(info) as Values };
    },
  };
}
