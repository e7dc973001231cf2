/**
 * @mixzoo/kernels: the shared interpolation kernel. Every mixing strategy goes through these
 * ops; nothing else in mixzoo touches pixels. Importing this module registers the fused kernels
 * for the 'cpu' and 'wasm' backends (and makes sure both backends are registered).
 */
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-wasm';
import { registerFusedKernels } from './register.js';

registerFusedKernels();

export { mixLerp } from './ops/mix-lerp.js';
export { maskBlend } from './ops/mask-blend.js';
export { pastePatches } from './ops/paste-patches.js';
export { pasteBoxes } from './ops/paste-boxes.js';
export { pasteResized } from './ops/paste-resized.js';
export { mixLerpK } from './ops/mix-lerp-k.js';
export { remap } from './ops/remap.js';
export { kernelOps, kernelPaths, fusedOps } from './kernel-ops.js';
// The plain plan types live in core (so core stays kernel-free); re-exported for existing imports.
export { BORDERS, type Border, type IndexMap, type KernelOpName, type KernelOps, type Patch, type RemapOptions } from '@mixzoo/core';
export { registerFusedKernels, registerNoFusedBackend } from './register.js';
export { heapKernelsSupported, setHeapKernelsEnabled } from './wasm/instance.js';
export {
  hasComposedFallback, hasFusedKernel, probeKernelPaths, type KernelPath, type KernelPathCounts, type KernelPathProbe,
} from './dispatch.js';
export { fusedKernelNames, opKernels } from './names.js';
export { findKernel } from './lookup.js';
export type {
  Inputs as KernelInputs, LerpAttrs, LerpKAttrs, MaskBlendAttrs, PasteAttrs, PasteBoxesAttrs, RemapAttrs, ResizedAttrs,
} from './attrs.js';
export type { KWayTable } from './kway.js';
export type { PatchTable } from './patches.js';
