// Kernel coverage: every op of the one ops object has a composed fallback, runs its fused kernel
// wherever one is registered (no silent fallback), and the path probe says which one ran.
import * as tf from '@tensorflow/tfjs-core';
import type { MathBackendCPU } from '@tensorflow/tfjs-backend-cpu';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  fusedKernelNames, fusedOps, hasComposedFallback, hasFusedKernel, kernelOps, kernelPaths, opKernels, probeKernelPaths,
  registerNoFusedBackend, type KernelInputs, type KernelOpName, type KernelOps, type LerpAttrs,
} from '@mixzoo/kernels';
import { registerStandInGradients } from './grad-standins.js';
import { describeOnBackends } from './helpers.js';

/** One small valid call per op. An op of kernelOps missing here fails the suite. */
const calls: Record<string, (ops: KernelOps, x: tf.Tensor) => tf.Tensor> = {
  mixLerp: (ops, x) => ops.mixLerp(x, [1, 0], [0.5, 0.25]),
  maskBlend: (ops, x) => tf.tidy(() => ops.maskBlend(x, [1, 0], tf.fill([1, 2, 3], 0.5))),
  pasteBoxes: (ops, x) => ops.pasteBoxes(x, [1, 0], [{ y0: 0, x0: 0, y1: 1, x1: 2 }, null]),
  pastePatches: (ops, x) => ops.pastePatches(x, [[{ source: 1, box: { y0: 0, x0: 1, y1: 2, x1: 3 } }], []]),
  pasteResized: (ops, x) => ops.pasteResized(x, [1, 0], [{ y0: 0, x0: 0, y1: 1, x1: 2 }, null]),
  mixLerpK: (ops, x) => ops.mixLerpK(x, [[0, 1], [1]], [[0.5, 0.5], [1]]),
  remap: (ops, x) => ops.remap(x, [{ y: [-1, 0, 1], x: [0, 1, 0] }, null], { border: 'edge' }),
};

const OPS = Object.keys(kernelOps) as KernelOpName[];
const images = () => tf.tensor4d(Float32Array.from({ length: 12 }, (_, i) => i), [2, 2, 3, 1]);

/** Runs `fn` under a probe (and a runKernel spy); returns the path counts and the kernels run. */
function observe(fn: () => void) {
  const probe = probeKernelPaths();
  const spy = vi.spyOn(tf.engine(), 'runKernel');
  try {
    fn();
    return { counts: { ...probe.counts }, kernels: spy.mock.calls.map((c) => c[0]) };
  } finally {
    probe.stop();
    spy.mockRestore();
  }
}

describe('kernelOps', () => {
  it('holds every op, each a declared composed fallback and a sample call here', () => {
    expect(OPS.length).toBeGreaterThanOrEqual(7);
    for (const op of OPS) {
      expect(typeof kernelOps[op], op).toBe('function');
      expect(hasComposedFallback(op), `${op} has no composed fallback`).toBe(true);
      expect(calls[op], `no sample call for ${op} in this test`).toBeDefined();
    }
    expect(hasComposedFallback('noSuchOp')).toBe(false);
  });
});

describeOnBackends('kernel paths', (backend) => {
  beforeAll(() => void registerStandInGradients());
  afterEach(() => vi.restoreAllMocks());

  it('kernelPaths / fusedOps agree with the registered kernels', () => {
    const paths = kernelPaths();
    expect(Object.keys(paths).sort()).toEqual([...OPS].sort());
    expect(kernelPaths(backend)).toEqual(paths);
    for (const op of OPS) expect(paths[op]).toBe(hasFusedKernel(op, backend) ? 'fused' : 'composed');
    expect(fusedOps()).toEqual(OPS.filter((op) => paths[op] === 'fused').sort());
    // The cpu and wasm backends fuse every op; the no-fused copy of cpu none.
    expect(fusedOps()).toEqual(backend === 'cpu-nofused' ? [] : [...OPS].sort());
  });

  it.each(OPS)('%s runs the path kernelPaths names, and only that one', (op) => {
    const x = images();
    const before = tf.memory().numTensors;
    const { counts, kernels } = observe(() => calls[op](kernelOps, x).dispose());
    expect(tf.memory().numTensors).toBe(before);
    const path = kernelPaths()[op];
    expect(counts).toEqual({ [op]: { fused: path === 'fused' ? 1 : 0, composed: path === 'composed' ? 1 : 0 } });
    // Independent of the probe: a registered fused kernel really ran (no silent fallback), and
    // the composed path ran no fused kernel at all.
    const kernel = opKernels[op];
    if (path === 'fused') expect(kernels).toContain(kernel);
    else expect(kernels.filter((k) => fusedKernelNames.includes(k))).toEqual([]);
    x.dispose();
  });

  it.each(OPS)('%s runs composed while a gradient tape records', (op) => {
    const x = images();
    const { counts, kernels } = observe(() => {
      // The op runs inside the taped function; the gradient itself only needs Sum's.
      tf.grad((t: tf.Tensor) => {
        calls[op](kernelOps, x).dispose();
        return tf.sum(t);
      })(tf.scalar(1)).dispose();
    });
    expect(counts[op]).toEqual({ fused: 0, composed: 1 });
    expect(kernels.filter((k) => fusedKernelNames.includes(k))).toEqual([]);
    x.dispose();
  });
});

describe('probeKernelPaths', () => {
  it('counts per op and path until stopped; several probes count independently', async () => {
    await tf.setBackend('cpu');
    const x = images();
    const outer = probeKernelPaths();
    const inner = probeKernelPaths();
    kernelOps.mixLerp(x, [1, 0], [0.5, 0.5]).dispose();
    inner.stop();
    inner.stop();
    kernelOps.mixLerp(x, [1, 0], [0.5, 0.5]).dispose();
    kernelOps.remap(x, [null, null]).dispose();
    outer.stop();
    kernelOps.mixLerp(x, [1, 0], [0.5, 0.5]).dispose();
    expect(inner.counts).toEqual({ mixLerp: { fused: 1, composed: 0 } });
    expect(outer.counts).toEqual({ mixLerp: { fused: 2, composed: 0 }, remap: { fused: 1, composed: 0 } });
    x.dispose();
  });
});

describe('a fused kernel for another backend', () => {
  it('is one registerKernel call: the op then runs it there, nothing else changes', async () => {
    const backendName = registerNoFusedBackend('cpu-custom-lerp');
    expect(fusedOps(backendName)).toEqual([]);
    // The recipe of the README: same inputs and attrs as the cpu kernel, here plain JS loops.
    tf.registerKernel({
      kernelName: opKernels.mixLerp!,
      backendName,
      kernelFunc: ({ inputs, backend, attrs }) => {
        const { x, xb = x } = inputs as unknown as KernelInputs;
        const { partner, lambda } = attrs as unknown as LerpAttrs;
        const cpu = backend as Pick<MathBackendCPU, 'readSync' | 'makeTensorInfo'>;
        const [a, b] = [cpu.readSync(x.dataId), cpu.readSync(xb.dataId)] as Float32Array[];
        const size = a.length / x.shape[0];
        const out = new Float32Array(partner.length * size);
        for (let i = 0; i < partner.length; i++) {
          for (let k = 0; k < size; k++) out[i * size + k] = lambda[i] * a[i * size + k] + (1 - lambda[i]) * b[partner[i] * size + k];
        }
        return cpu.makeTensorInfo([partner.length, ...x.shape.slice(1)], 'float32', out);
      },
    });
    expect(fusedOps(backendName)).toEqual(['mixLerp']);
    expect(kernelPaths(backendName)).toMatchObject({ mixLerp: 'fused', maskBlend: 'composed' });
    await tf.setBackend(backendName);
    const x = tf.tensor2d([1, 2, 3, 4, 5, 6], [3, 2]);
    const { counts, kernels } = observe(() => {
      const out = kernelOps.mixLerp(x, [2, 0, 1], [0.5, 1, 0.25]);
      expect(Array.from(out.dataSync())).toEqual([3, 4, 3, 4, 3.5, 4.5]);
      out.dispose();
    });
    expect(counts).toEqual({ mixLerp: { fused: 1, composed: 0 } });
    expect(kernels).toContain('MixzooMixLerp');
    x.dispose();
    await tf.setBackend('cpu');
  });
});
