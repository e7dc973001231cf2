import {
  engine, getKernelsForBackend, registerBackend, registerKernel,
  type KernelFunc, type NamedAttrMap, type NamedTensorInfoMap, type TensorInfo,
} from '@tensorflow/tfjs-core';
import { MathBackendCPU } from '@tensorflow/tfjs-backend-cpu';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { cpuIO, wasmIO, type KernelIO } from './backends/io.js';
import {
  inputList, maskBlendKernel, mixLerpKernel, mixLerpKKernel, pastePatchesKernel, pasteResizedKernel, remapKernel,
} from './backends/kernels.js';
import { findKernel } from './lookup.js';
import {
  fusedKernelNames, KERNEL_MASK_BLEND, KERNEL_MIX_LERP, KERNEL_MIX_LERP_K, KERNEL_PASTE_PATCHES, KERNEL_PASTE_RESIZED, KERNEL_REMAP,
} from './names.js';

type Body = (io: KernelIO, inputs: NamedTensorInfoMap, attrs: NamedAttrMap) => TensorInfo;

const bodies: ReadonlyArray<[string, Body]> = [
  [KERNEL_MIX_LERP, mixLerpKernel],
  [KERNEL_MASK_BLEND, maskBlendKernel],
  [KERNEL_PASTE_PATCHES, pastePatchesKernel],
  [KERNEL_PASTE_RESIZED, pasteResizedKernel],
  [KERNEL_MIX_LERP_K, mixLerpKKernel],
  [KERNEL_REMAP, remapKernel],
];

const ioMakers: ReadonlyArray<[string, (backend: object, inputs: NamedTensorInfoMap) => KernelIO]> = [
  ['cpu', (backend) => cpuIO(backend as MathBackendCPU)],
  ['wasm', (backend, inputs) => wasmIO(backend as BackendWasm, inputList(inputs))],
];

/**
 * Registers the fused kernels for 'cpu' and 'wasm' (runs on import of @mixzoo/kernels).
 * Idempotent: a kernel already registered (by an earlier import, e.g. a second copy of this
 * package) is left alone instead of triggering tfjs's duplicate-registration warning.
 */
export function registerFusedKernels(): void {
  for (const [backendName, makeIO] of ioMakers) {
    for (const [kernelName, body] of bodies) {
      if (findKernel(kernelName, backendName) !== undefined) continue;
      const kernelFunc: KernelFunc = ({ inputs, backend, attrs }) => body(makeIO(backend, inputs), inputs, attrs ?? {});
      registerKernel({ kernelName, backendName, kernelFunc });
    }
  }
}

/**
 * Registers a tfjs backend `name` that is a copy of 'cpu' without mixzoo's fused kernels, so the
 * composed-ops fallback (what webgl, webgpu and tfjs-node run) can be tested against cpu numbers.
 * Low priority: it is never picked automatically. Calling again re-syncs kernels registered for
 * cpu since (idempotent). Returns the name.
 */
export function registerNoFusedBackend(name = 'cpu-nofused'): string {
  if (!engine().backendNames().includes(name)) registerBackend(name, () => new MathBackendCPU(), -1);
  for (const config of getKernelsForBackend('cpu')) {
    if (fusedKernelNames.includes(config.kernelName) || findKernel(config.kernelName, name) !== undefined) continue;
    registerKernel({ ...config, backendName: name });
  }
  return name;
}
