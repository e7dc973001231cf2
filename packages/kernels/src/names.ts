import type { KernelOpName } from '@mixzoo/core';

/** Kernel names of mixzoo's fused ops, as registered with tfjs (one per op family). */
export const KERNEL_MIX_LERP = 'MixzooMixLerp';
export const KERNEL_MASK_BLEND = 'MixzooMaskBlend';
export const KERNEL_PASTE_PATCHES = 'MixzooPastePatches';
export const KERNEL_PASTE_RESIZED = 'MixzooPasteResized';
export const KERNEL_MIX_LERP_K = 'MixzooMixLerpK';
export const KERNEL_REMAP = 'MixzooRemap';

/** Every fused kernel name, e.g. to remove them from a backend copy or to list them in a bench. */
export const fusedKernelNames: readonly string[] = Object.freeze([
  KERNEL_MIX_LERP,
  KERNEL_MASK_BLEND,
  KERNEL_PASTE_PATCHES,
  KERNEL_PASTE_RESIZED,
  KERNEL_MIX_LERP_K,
  KERNEL_REMAP,
]);

/**
 * Op name -> the fused kernel it runs where one is registered (pasteBoxes is pastePatches with
 * one patch per sample). An op may have none: then it always runs its composed fallback.
 */
export const opKernels: Readonly<Partial<Record<KernelOpName, string>>> = Object.freeze({
  mixLerp: KERNEL_MIX_LERP,
  maskBlend: KERNEL_MASK_BLEND,
  pastePatches: KERNEL_PASTE_PATCHES,
  pasteBoxes: KERNEL_PASTE_PATCHES,
  pasteResized: KERNEL_PASTE_RESIZED,
  mixLerpK: KERNEL_MIX_LERP_K,
  remap: KERNEL_REMAP,
});
