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
export type { Patch } from './patches.js';
export { BORDERS, type Border, type IndexMap, type RemapOptions } from './remap.js';
export { registerFusedKernels, registerNoFusedBackend } from './register.js';
export { hasFusedKernel } from './dispatch.js';
export { fusedKernelNames } from './names.js';
