import { getBackend } from '@tensorflow/tfjs-core';
import { isBrowser, type KernelOpName } from '@mixzoo/core';
import { kernelPaths } from '@mixzoo/kernels';

/** Where mixzoo runs and which of its pixel ops run a fused kernel there. */
export interface BackendInfo {
  /** The active tfjs backend ('wasm', 'webgl', ...). */
  backend: string;
  environment: 'browser' | 'node';
  /** Ops with a fused kernel (one pass) on this backend, sorted. */
  fused: KernelOpName[];
  /** Ops composed of tfjs ops on this backend (all of them under a gradient tape), sorted. */
  composed: KernelOpName[];
}

/** The active backend (or `backend`) and the path each kernel op takes on it outside a gradient tape. */
export function backendInfo(backend: string = getBackend()): BackendInfo {
  const paths = Object.entries(kernelPaths(backend)).sort(([a], [b]) => a.localeCompare(b)) as [KernelOpName, string][];
  return {
    backend,
    environment: isBrowser() ? 'browser' : 'node',
    fused: paths.filter(([, p]) => p === 'fused').map(([op]) => op),
    composed: paths.filter(([, p]) => p === 'composed').map(([op]) => op),
  };
}
