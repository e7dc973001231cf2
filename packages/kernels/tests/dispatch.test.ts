// Which implementation runs where: fused kernels on cpu and wasm, composed ops elsewhere.
import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it, vi } from 'vitest';
import {
  fusedKernelNames, hasFusedKernel, maskBlend, mixLerp, mixLerpK, pasteBoxes, pastePatches, pasteResized, registerFusedKernels,
  registerNoFusedBackend, remap,
} from '@mixzoo/kernels';

const OPS: [string, string, () => tf.Tensor][] = [
  ['mixLerp', 'MixzooMixLerp', () => tf.tidy(() => mixLerp(tf.ones([2, 3]), [1, 0], [0.5, 0.5]))],
  ['maskBlend', 'MixzooMaskBlend', () => tf.tidy(() => maskBlend(tf.ones([2, 2, 2, 1]), [1, 0], tf.ones([1, 2, 2])))],
  ['pasteBoxes', 'MixzooPastePatches', () => tf.tidy(() => pasteBoxes(tf.ones([2, 2, 2, 1]), [1, 0], [{ y0: 0, x0: 0, y1: 1, x1: 1 }, null]))],
  ['pastePatches', 'MixzooPastePatches', () => tf.tidy(() => pastePatches(tf.ones([1, 2, 2, 1]), [[{ source: 0, box: { y0: 0, x0: 0, y1: 1, x1: 1 } }]]))],
  ['pasteResized', 'MixzooPasteResized', () => tf.tidy(() => pasteResized(tf.ones([2, 2, 2, 1]), [1, 0], [{ y0: 0, x0: 0, y1: 1, x1: 2 }, null]))],
  ['mixLerpK', 'MixzooMixLerpK', () => tf.tidy(() => mixLerpK(tf.ones([2, 3]), [[0, 1], [1]], [[0.5, 0.5], [1]]))],
  ['remap', 'MixzooRemap', () => tf.tidy(() => remap(tf.ones([2, 2, 2, 1]), [{ y: [1, 0, 0], x: [0, -1, 1] }, null]))],
];

function kernelsRun(fn: () => tf.Tensor): string[] {
  const spy = vi.spyOn(tf.engine(), 'runKernel');
  try {
    fn().dispose();
    return spy.mock.calls.map((c) => c[0] as string);
  } finally {
    spy.mockRestore();
  }
}

describe('fused kernel registry', () => {
  it('lists the six fused kernels', () => {
    expect([...fusedKernelNames].sort()).toEqual([
      'MixzooMaskBlend', 'MixzooMixLerp', 'MixzooMixLerpK', 'MixzooPastePatches', 'MixzooPasteResized', 'MixzooRemap',
    ]);
  });

  it('hasFusedKernel answers for op names and kernel names', () => {
    registerNoFusedBackend();
    for (const [op, kernel] of OPS) {
      for (const name of [op, kernel]) {
        expect(hasFusedKernel(name, 'cpu')).toBe(true);
        expect(hasFusedKernel(name, 'wasm')).toBe(true);
        expect(hasFusedKernel(name, 'cpu-nofused')).toBe(false);
        expect(hasFusedKernel(name, 'webgl')).toBe(false);
      }
    }
    expect(hasFusedKernel('noSuchOp', 'cpu')).toBe(false);
  });

  it('registration is idempotent and silent', () => {
    const warn = vi.spyOn(console, 'warn');
    registerFusedKernels();
    expect(registerNoFusedBackend()).toBe('cpu-nofused');
    expect(registerNoFusedBackend()).toBe('cpu-nofused');
    expect(warn).not.toHaveBeenCalled();
    warn.mockRestore();
  });

  it('the no-fused copy has the rest of cpu (e.g. Add, GatherV2) under its own name', () => {
    expect(registerNoFusedBackend('cpu-nofused-2')).toBe('cpu-nofused-2');
    expect(tf.getKernel('Add', 'cpu-nofused-2')).toBeDefined();
    expect(tf.getKernel('GatherV2', 'cpu-nofused-2')).toBeDefined();
    expect(tf.getKernel('MixzooMixLerp', 'cpu-nofused-2')).toBeUndefined();
  });
});

describe.each([
  ['cpu', true],
  ['wasm', true],
  ['cpu-nofused', false],
] as const)('dispatch on %s', (backend, fused) => {
  it.each(OPS)(`%s ${fused ? 'runs its fused kernel' : 'falls back to composed ops'}`, async (_, kernel, call) => {
    registerNoFusedBackend();
    await tf.setBackend(backend);
    const kernels = kernelsRun(call);
    expect(kernels.includes(kernel)).toBe(fused);
    if (fused) expect(kernels.filter((k) => !fusedKernelNames.includes(k)).length).toBeLessThanOrEqual(3); // only the test's own ones/zeros
  });
});
