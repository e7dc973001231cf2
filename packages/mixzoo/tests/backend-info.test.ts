import { backendInfo, createZoo, kernels } from 'mixzoo';
import { describe, expect, it } from 'vitest';

const ALL = ['maskBlend', 'mixLerp', 'mixLerpK', 'pasteBoxes', 'pastePatches', 'pasteResized', 'remap'];

describe('backendInfo', () => {
  it('names the active backend and which kernel ops run fused there', async () => {
    const zoo = await createZoo({ backend: 'wasm' });
    expect(backendInfo()).toEqual({ backend: zoo.backend, environment: 'node', fused: ALL, composed: [] });
  });

  it('of another backend: a backend without fused kernels composes every op', () => {
    const name = kernels.registerNoFusedBackend('cpu-nofused');
    expect(backendInfo(name)).toEqual({ backend: name, environment: 'node', fused: [], composed: ALL });
  });
});
