import type { KernelOpName, KernelOps } from '@mixzoo/core';
import { activeBackendName, hasFusedKernel, type KernelPath } from './dispatch.js';
import { maskBlend } from './ops/mask-blend.js';
import { mixLerpK } from './ops/mix-lerp-k.js';
import { mixLerp } from './ops/mix-lerp.js';
import { pasteBoxes } from './ops/paste-boxes.js';
import { pastePatches } from './ops/paste-patches.js';
import { pasteResized } from './ops/paste-resized.js';
import { remap } from './ops/remap.js';

/** Every pixel op, as one object: what createZoo hands to strategies as `ctx.kernels`. */
export const kernelOps: KernelOps = Object.freeze({ mixLerp, maskBlend, pasteBoxes, pastePatches, pasteResized, mixLerpK, remap });

const opNames = () => Object.keys(kernelOps) as KernelOpName[];

/**
 * The path each op of kernelOps takes on `backendName` (default: the active backend) outside a
 * gradient tape; while a tape records every op runs 'composed'.
 */
export function kernelPaths(backendName: string = activeBackendName()): Record<KernelOpName, KernelPath> {
  return Object.fromEntries(opNames().map((op) => [op, hasFusedKernel(op, backendName) ? 'fused' : 'composed'])) as Record<KernelOpName, KernelPath>;
}

/** The ops of kernelOps that run a fused kernel on `backendName` (default: the active backend), sorted. */
export function fusedOps(backendName: string = activeBackendName()): KernelOpName[] {
  return opNames().filter((op) => hasFusedKernel(op, backendName)).sort();
}
