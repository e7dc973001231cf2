/**
 * @mixzoo/kernels/webgpu: the fused kernels as WebGPU compute programs (one WGSL pass per op),
 * registered for tfjs's 'webgpu' backend under the same kernel names as the cpu and wasm ones.
 * Importing it also registers the backend (`@tensorflow/tfjs-backend-webgpu`, which registers
 * itself only where `navigator.gpu` exists). Browser only; Node never needs it.
 */
import '@tensorflow/tfjs-backend-webgpu';
import type { WebGPUBackend } from '@tensorflow/tfjs-backend-webgpu';
import { registerGpuKernels, type GpuBackend } from '../gpu/run.js';
import { webgpuProgram } from './programs.js';

function adapt(kernelBackend: object): GpuBackend {
  const backend = kernelBackend as WebGPUBackend;
  return {
    values: (t) => (backend.tensorMap.get(t.dataId).values as ArrayLike<number> | undefined) ?? (backend.readSync(t.dataId) as ArrayLike<number>),
    upload: (shape, dtype, values) => backend.makeTensorInfo(shape, dtype, values),
    execute: (plan, inputs) => {
      const { program, values } = webgpuProgram(plan);
      return backend.runWebGPUProgram(program, inputs, plan.dtype, values);
    },
    dispose: (t) => void backend.disposeData(t.dataId),
  };
}

/** Registers the WebGPU kernels (done on import; idempotent). */
export function registerWebGPUKernels(): void {
  registerGpuKernels('webgpu', adapt);
}

registerWebGPUKernels();
