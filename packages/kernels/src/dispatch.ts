import { engine, getKernel } from '@tensorflow/tfjs-core';
import { fusedKernelNames, opKernels } from './names.js';

/**
 * True when `kernelName` should run fused: the active backend has it registered and no gradient
 * tape is recording. Fused kernels have no gradient, so while a tape records (tf.grad,
 * variableGrads, model.fit) the composed-ops fallback runs instead and gradients flow.
 * `isTapeOn()` is `gradientDepth > 0 && kernelDepth === 0` in tfjs-core 4.22: inside another
 * kernel or a customGrad forward function the tape is off, and fused is fine there.
 */
export function useFused(kernelName: string): boolean {
  const e = engine();
  if (e.isTapeOn()) return false;
  // Before any tensor exists no backend is chosen yet: initialise it as runKernel would.
  if (e.backendName == null) void e.backend;
  return getKernel(kernelName, e.backendName) != null;
}

/**
 * Whether `backendName` has a fused kernel for `opName` (a public op name such as 'mixLerp' or
 * 'pasteBoxes', or a kernel name such as 'MixzooMixLerp').
 */
export function hasFusedKernel(opName: string, backendName: string): boolean {
  const kernelName = opKernels[opName] ?? (fusedKernelNames.includes(opName) ? opName : undefined);
  return kernelName !== undefined && getKernel(kernelName, backendName) != null;
}
