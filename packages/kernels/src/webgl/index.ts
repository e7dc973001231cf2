/**
 * @mixzoo/kernels/webgl: the fused kernels as WebGL programs (one GLSL pass per op), registered
 * for tfjs's 'webgl' backend under the same kernel names as the cpu and wasm ones. Importing it
 * also registers the backend (`@tensorflow/tfjs-backend-webgl`). Browser only; Node never needs it.
 */
import '@tensorflow/tfjs-backend-webgl';
import type { MathBackendWebGL } from '@tensorflow/tfjs-backend-webgl';
import { registerGpuKernels, type GpuBackend } from '../gpu/run.js';
import { webglProgram } from './programs.js';

function adapt(kernelBackend: object): GpuBackend {
  const backend = kernelBackend as MathBackendWebGL;
  return {
    values: (t) => (backend.texData.get(t.dataId).values as ArrayLike<number> | undefined) ?? (backend.readSync(t.dataId) as ArrayLike<number>),
    upload: (shape, dtype, values) => backend.makeTensorInfo(shape, dtype, values),
    execute: (plan, inputs) => backend.runWebGLProgram(webglProgram(plan), inputs, plan.dtype, plan.fill === undefined ? undefined : [[plan.fill]]),
    dispose: (t) => backend.disposeIntermediateTensorInfo(t),
  };
}

/** Registers the WebGL kernels (done on import; idempotent). */
export function registerWebGLKernels(): void {
  registerGpuKernels('webgl', adapt);
}

registerWebGLKernels();
