import { engine, type NamedAttrMap, type NamedTensorMap, type Tensor } from '@tensorflow/tfjs-core';
import type { KernelOpName } from '@mixzoo/core';
import { composedKernels } from './fallback/index.js';
import { findKernel } from './lookup.js';
import { fusedKernelNames, opKernels } from './names.js';

/** Which implementation of an op ran: its fused kernel, or its composed-ops fallback. */
export type KernelPath = 'fused' | 'composed';

/** Calls counted per op and path, e.g. `{ mixLerp: { fused: 3, composed: 1 } }` (ops never called are absent). */
export type KernelPathCounts = Partial<Record<KernelOpName, Record<KernelPath, number>>>;

/** A running count of the paths ops took, from probeKernelPaths(). */
export interface KernelPathProbe {
  /** Counts since the probe started (live: read it any time). */
  readonly counts: Readonly<KernelPathCounts>;
  /** Stops counting; the counts stay readable. Idempotent. */
  stop(): void;
}

const probes = new Set<KernelPathCounts>();

/**
 * Starts counting which path every op call takes, on whatever backend it runs, until `stop()`.
 * Costs one set-size check per op call while no probe is running. Used by the kernel-coverage
 * tests and to record in a run which implementation actually ran.
 */
export function probeKernelPaths(): KernelPathProbe {
  const counts: KernelPathCounts = {};
  probes.add(counts);
  return { counts, stop: () => void probes.delete(counts) };
}

/** The active backend's name, initialising the backend first if no tensor exists yet (as runKernel would). */
export function activeBackendName(): string {
  const e = engine();
  if ((e.backendName as string | null) == null) void e.backend; // typed as always set; null until a backend starts
  return e.backendName;
}

/**
 * True when `kernelName` should run fused: the active backend has it registered and no gradient
 * tape is recording. Fused kernels have no gradient, so while a tape records (tf.grad,
 * variableGrads, model.fit) the composed-ops fallback runs instead and gradients flow.
 * `isTapeOn()` is `gradientDepth > 0 && kernelDepth === 0` in tfjs-core 4.22: inside another
 * kernel or a customGrad forward function the tape is off, and fused is fine there.
 */
function useFused(kernelName: string | undefined): kernelName is string {
  if (kernelName === undefined || engine().isTapeOn()) return false;
  return findKernel(kernelName, activeBackendName()) !== undefined;
}

/**
 * Runs op `op` on validated `inputs` and `attrs`: its fused kernel where the active backend has
 * one, else its composed fallback, which gets the very same inputs and attrs.
 */
export function runOp(op: KernelOpName, inputs: NamedTensorMap, attrs: object): Tensor {
  const kernel = opKernels[op];
  const fused = useFused(kernel);
  if (probes.size > 0) {
    const path: KernelPath = fused ? 'fused' : 'composed';
    for (const counts of probes) (counts[op] ??= { fused: 0, composed: 0 })[path]++;
  }
  return fused ? engine().runKernel<Tensor>(kernel, inputs, attrs as NamedAttrMap) : composedKernels[op](inputs, attrs);
}

/**
 * Whether `backendName` has a fused kernel for `opName` (a public op name such as 'mixLerp' or
 * 'pasteBoxes', or a kernel name such as 'MixzooMixLerp').
 */
export function hasFusedKernel(opName: string, backendName: string): boolean {
  const kernelName = opKernels[opName as KernelOpName] ?? (fusedKernelNames.includes(opName) ? opName : undefined);
  return kernelName !== undefined && findKernel(kernelName, backendName) !== undefined;
}

/** Whether op `opName` declares a composed-ops fallback (every op must: it runs under gradient tapes). */
export function hasComposedFallback(opName: string): boolean {
  return Object.hasOwn(composedKernels, opName);
}
