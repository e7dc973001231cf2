// The fused-kernel registry (which path each op takes is tests/kernel-ops.test.ts).
import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it, vi } from 'vitest';
import { fusedKernelNames, hasFusedKernel, opKernels, registerFusedKernels, registerNoFusedBackend } from '@mixzoo/kernels';

describe('fused kernel registry', () => {
  it('lists the six fused kernels', () => {
    expect([...fusedKernelNames].sort()).toEqual([
      'MixzooMaskBlend', 'MixzooMixLerp', 'MixzooMixLerpK', 'MixzooPastePatches', 'MixzooPasteResized', 'MixzooRemap',
    ]);
  });

  it('hasFusedKernel answers for op names and kernel names', () => {
    registerNoFusedBackend();
    for (const [op, kernel] of Object.entries(opKernels)) {
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
