import { MixzooError } from '@mixzoo/core';
import {
  registerKernel, type DataType, type NamedAttrMap, type NamedTensorInfoMap, type TensorInfo,
} from '@tensorflow/tfjs-core';
import {
  KERNEL_MASK_BLEND, KERNEL_MIX_LERP, KERNEL_MIX_LERP_K, KERNEL_PASTE_PATCHES, KERNEL_PASTE_RESIZED, KERNEL_REMAP,
} from '../names.js';
import { findKernel } from '../lookup.js';
import {
  maskBlendPlan, mixLerpKPlan, mixLerpPlan, pastePatchesPlan, pasteResizedPlan, remapPlan, type DataAccess, type GpuPlan,
} from './plan.js';

/** What the shared GPU kernel bodies need from one backend (webgl or webgpu). */
export interface GpuBackend extends DataAccess {
  /** A new TensorInfo of `values`, owned by the caller. */
  upload(shape: number[], dtype: DataType, values: Int32Array | Float32Array): TensorInfo;
  /** Runs the plan's program over `inputs` (views, then tables, in the plan's order). */
  execute(plan: GpuPlan, inputs: TensorInfo[]): TensorInfo;
  /** Releases a TensorInfo this kernel made. */
  dispose(t: TensorInfo): void;
}

const sizeOf = (shape: readonly number[]) => shape.reduce((p, d) => p * d, 1);
const same = (a: readonly number[], b: readonly number[]) => a.length === b.length && a.every((d, i) => d === b[i]);

/**
 * Runs a plan: views reshaped where the program indexes another shape (the backend's own
 * Reshape kernel: no copy, it repacks only when WebGL needs it), tables uploaded, one program
 * run, the output reshaped. Everything made here but the output is disposed, also on errors.
 */
function runPlan(gpu: GpuBackend, backendName: string, backend: object, plan: GpuPlan): TensorInfo {
  if (sizeOf(plan.shape) === 0) return gpu.upload(plan.shape, plan.dtype, plan.dtype === 'int32' ? new Int32Array(0) : new Float32Array(0));
  const reshapeKernel = findKernel('Reshape', backendName);
  if (reshapeKernel === undefined) throw new MixzooError('E_BACKEND', `mixzoo kernels: backend '${backendName}' has no Reshape kernel.`);
  const reshape = (t: TensorInfo, shape: number[]) => reshapeKernel.kernelFunc({ inputs: { x: t }, backend, attrs: { shape } }) as TensorInfo;
  const temps: TensorInfo[] = [];
  const keep = (t: TensorInfo) => (temps.push(t), t);
  try {
    const inputs = plan.views.map((v) => (same(v.info.shape, v.shape) ? v.info : keep(reshape(v.info, v.shape))));
    for (const t of plan.tables) inputs.push(keep(gpu.upload([t.values.length], t.values instanceof Int32Array ? 'int32' : 'float32', t.values)));
    const out = gpu.execute(plan, inputs);
    if (same(plan.programShape, plan.shape)) return out;
    return reshape(keep(out), plan.shape);
  } finally {
    for (const t of temps) gpu.dispose(t);
  }
}

type Planner = (inputs: NamedTensorInfoMap, attrs: NamedAttrMap, data: DataAccess) => GpuPlan;

const planners: ReadonlyArray<[string, Planner]> = [
  [KERNEL_MIX_LERP, mixLerpPlan],
  [KERNEL_MIX_LERP_K, mixLerpKPlan],
  [KERNEL_MASK_BLEND, maskBlendPlan],
  [KERNEL_PASTE_PATCHES, pastePatchesPlan],
  [KERNEL_PASTE_RESIZED, pasteResizedPlan],
  [KERNEL_REMAP, remapPlan],
];

/**
 * Registers every fused kernel for a GPU backend. Idempotent (a kernel already registered, e.g.
 * by a second copy of this package, is left alone).
 */
export function registerGpuKernels(backendName: string, adapt: (backend: object) => GpuBackend): void {
  for (const [kernelName, plan] of planners) {
    if (findKernel(kernelName, backendName) !== undefined) continue;
    registerKernel({
      kernelName,
      backendName,
      kernelFunc: ({ inputs, backend, attrs }) => {
        const gpu = adapt(backend);
        return runPlan(gpu, backendName, backend, plan(inputs, attrs ?? {}, gpu));
      },
    });
  }
}
