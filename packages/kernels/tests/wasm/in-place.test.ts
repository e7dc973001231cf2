// The SIMD kernels inside the tfjs wasm backend: the fused kernels run them in place on tfjs's
// heap; with them turned off (as on engines without SIMD) the same kernels run their JS loops.
// Both against the float64 references, and against each other; across heap growth; no leaks.
import * as tf from '@tensorflow/tfjs-core';
import { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { maskBlend, mixLerp, mixLerpK, pasteBoxes, pastePatches, pasteResized, remap, type IndexMap, type Patch } from '@mixzoo/kernels';
import { wasmIO } from '../../src/backends/io.js';
import { backendMemory, setHeapKernelsEnabled, type WasmMemory } from '../../src/wasm/instance.js';
import {
  expectClose, prng, randomBox, randomFloats, randomIndices, randomInts, randomLambda, randomMask, refLerp, refLerpK, refMaskBlend, refPasteBoxes, refPastePatches, refPasteResized, sizeOf,
} from '../helpers.js';
import { expectSimdClose } from './simd-helpers.js';

/** The active backend, which beforeAll made the wasm one. */
function wasmBackend(): BackendWasm {
  const backend = tf.backend();
  if (!(backend instanceof BackendWasm)) throw new Error(`expected the wasm backend, got ${tf.getBackend()}`);
  return backend;
}
const memory = (): WasmMemory => backendMemory(wasmBackend().wasm) as WasmMemory;

/** `run()` with the SIMD kernels, then with the JS loops: both outputs' values, no tensor left. */
function bothPaths(run: () => tf.Tensor): [Float32Array | Int32Array, Float32Array | Int32Array] {
  const before = tf.memory().numTensors;
  const outputs = [true, false].map((on) => {
    setHeapKernelsEnabled(on);
    const out = run();
    const values = out.dataSync().slice() as Float32Array | Int32Array;
    out.dispose();
    return values;
  });
  expect(tf.memory().numTensors).toBe(before);
  return outputs as [Float32Array | Int32Array, Float32Array | Int32Array];
}

beforeAll(async () => {
  expect(await tf.setBackend('wasm')).toBe(true);
});
afterEach(() => setHeapKernelsEnabled(true));

describe('on the wasm backend', () => {
  it('the fused kernels get the in-place SIMD kernels (this engine has SIMD), and none when turned off', () => {
    const backend = wasmBackend();
    expect(memory()).toBeDefined();
    expect(wasmIO(backend, []).heap).toBeDefined();
    setHeapKernelsEnabled(false);
    expect(wasmIO(backend, []).heap).toBeUndefined();
  });

  // Odd per-sample sizes put every other sample at an offset that is not a multiple of 16.
  const SHAPES = [[7, 5], [5, 3, 3, 3], [6, 7, 5, 1], [3, 4, 4, 4], [4, 2, 3, 2]];

  it.each(SHAPES.map((s) => [s.join('×'), s] as const))('mixLerp %s: float32 and int32, partner batch, λ = 0 / 1', (_, shape) => {
    const next = prng(sizeOf(shape));
    const size = sizeOf(shape.slice(1));
    for (const dtype of ['float32', 'int32'] as const) {
      const otherShape = [3, ...shape.slice(1)];
      const a = dtype === 'int32' ? randomInts(sizeOf(shape), next, 1000) : randomFloats(sizeOf(shape), next);
      const b = dtype === 'int32' ? randomInts(sizeOf(otherShape), next, 1000) : randomFloats(sizeOf(otherShape), next);
      const [x, xb] = [tf.tensor(a, shape, dtype), tf.tensor(b, otherShape, dtype)];
      const partner = randomIndices(shape[0], 3, next);
      const lambda = randomLambda(shape[0], next);
      const [simd, js] = bothPaths(() => mixLerp(x, partner, lambda, xb));
      const expected = refLerp(a, b, shape, partner, lambda);
      expectClose(simd, expected, 1e-6 * (dtype === 'int32' ? 1000 : 1));
      expectClose(js, expected, 1e-6 * (dtype === 'int32' ? 1000 : 1));
      expectSimdClose(simd, js, (e) => lambda[Math.floor(e / size)] % 1 === 0);
      tf.dispose([x, xb]);
    }
  });

  it.each(SHAPES.filter((s) => s.length === 4).map((s) => [s.join('×'), s] as const))(
    'maskBlend %s: soft and shared masks, int32 select, partner batch',
    (_, shape) => {
      const next = prng(10 + sizeOf(shape));
      const [batch, h, w, c] = shape;
      for (const shared of [false, true]) {
        const a = randomFloats(sizeOf(shape), next);
        const b = randomFloats(sizeOf([2, h, w, c]), next);
        const m = randomMask((shared ? 1 : batch) * h * w, next);
        const [x, xb, mask] = [tf.tensor(a, shape), tf.tensor(b, [2, h, w, c]), tf.tensor(m, [shared ? 1 : batch, h, w])];
        const partner = randomIndices(batch, 2, next);
        const [simd, js] = bothPaths(() => maskBlend(x, partner, mask, xb));
        expectClose(simd, refMaskBlend(a, b, shape, partner, m, shared));
        const maskAt = (e: number) => m[(shared ? 0 : Math.floor(e / (h * w * c)) * h * w) + Math.floor((e % (h * w * c)) / c)];
        expectSimdClose(simd, js, (e) => maskAt(e) % 1 === 0);

        const ints = randomInts(sizeOf(shape), next, 1 << 30);
        const binary = randomMask((shared ? 1 : batch) * h * w, next, true);
        const [xi, mi] = [tf.tensor(ints, shape, 'int32'), tf.tensor(binary, [shared ? 1 : batch, h, w])];
        setHeapKernelsEnabled(true);
        const selected = maskBlend(xi, partner.map((p) => p % batch), mi);
        expect(selected.dtype).toBe('int32');
        const expected = refMaskBlend(ints, ints, shape, partner.map((p) => p % batch), binary, shared);
        expect(Array.from(selected.dataSync())).toEqual(Array.from(expected));
        tf.dispose([x, xb, mask, xi, mi, selected]);
      }
    },
  );

  it('mixLerpK: float32 and int32, pairs, lone and zero-weight terms', () => {
    const next = prng(5);
    const shape = [5, 3, 3, 3];
    const partners = [[0], [1, 4], [2, 0, 1], [0, 1, 2, 3], [3, 2]];
    const weights = [[1], [0.25, 0.75], [0.5, 0.2, 0.3], [0.1, 0.2, 0, 0.7], [0, 1]];
    for (const dtype of ['float32', 'int32'] as const) {
      const data = dtype === 'int32' ? randomInts(sizeOf(shape), next, 100) : randomFloats(sizeOf(shape), next);
      const x = tf.tensor(data, shape, dtype);
      const [simd, js] = bothPaths(() => mixLerpK(x, partners, weights));
      const expected = refLerpK(data, shape, partners, weights);
      expectClose(simd, expected, dtype === 'int32' ? 1e-4 : 1e-6);
      expectClose(js, expected, dtype === 'int32' ? 1e-4 : 1e-6);
      x.dispose();
    }
  });

  it.each([[1], [3]])('pasteResized, %i channels: float32 bilinear and int32 nearest, the same values on both paths', (channels) => {
    const next = prng(20 + channels);
    const shape = [5, 6, 9, channels];
    for (const dtype of ['float32', 'int32'] as const) {
      const data = dtype === 'int32' ? randomInts(sizeOf(shape), next, 1 << 30) : randomFloats(sizeOf(shape), next);
      const x = tf.tensor(data, shape, dtype);
      const partner = randomIndices(5, 5, next);
      const boxes = [randomBox(6, 9, next), null, { y0: 0, x0: 0, y1: 6, x1: 9 }, randomBox(6, 9, next), { y0: 2, x0: 3, y1: 3, x1: 4 }];
      const [simd, js] = bothPaths(() => pasteResized(x, partner, boxes));
      if (dtype === 'float32') expectClose(simd, refPasteResized(data, data, shape, partner, boxes, false));
      expectSimdClose(simd, js, () => true);
      x.dispose();
    }
  });

  it.each(SHAPES.filter((s) => s.length === 4).map((s) => [s.join('×'), s] as const))(
    'pasteBoxes and pastePatches %s: float32 and int32, partner batch, ordered patches with from, bit-exact on both paths',
    (_, shape) => {
      const next = prng(40 + sizeOf(shape));
      const [batch, h, w, c] = shape;
      const otherShape = [3, h, w, c];
      for (const dtype of ['float32', 'int32'] as const) {
        const a = dtype === 'int32' ? randomInts(sizeOf(shape), next, 1 << 30) : randomFloats(sizeOf(shape), next);
        const b = dtype === 'int32' ? randomInts(sizeOf(otherShape), next, 1 << 30) : randomFloats(sizeOf(otherShape), next);
        const [x, xb] = [tf.tensor(a, shape, dtype), tf.tensor(b, otherShape, dtype)];
        const partner = randomIndices(batch, 3, next);
        const boxes = partner.map((_p, i) => (i === 1 ? null : i === 2 ? { y0: 0, x0: 0, y1: h, x1: w } : randomBox(h, w, next)));
        const [simd, js] = bothPaths(() => pasteBoxes(x, partner, boxes, xb));
        expect(Array.from(simd)).toEqual(Array.from(refPasteBoxes(a, b, shape, partner, boxes)));
        expect(Array.from(js)).toEqual(Array.from(simd));

        const patch = (): Patch => {
          const box = randomBox(h, w, next);
          return { source: Math.floor(next() * 3), box, from: { y: h - (box.y1 - box.y0), x: 0 } };
        };
        const patches = Array.from({ length: batch }, (_p, i) => (i % 3 === 0 ? [] : i % 3 === 1 ? [patch()] : [patch(), patch(), patch()]));
        const [simdP, jsP] = bothPaths(() => pastePatches(x, patches, xb));
        expect(Array.from(simdP)).toEqual(Array.from(refPastePatches(a, b, shape, patches)));
        expect(Array.from(jsP)).toEqual(Array.from(simdP));
        tf.dispose([x, xb]);
      }
    },
  );

  it.each(['constant', 'reflect', 'edge'] as const)('remap, %s border: the same values on both paths', (border) => {
    const next = prng(30);
    const shape = [4, 6, 7, 3];
    const maps: (IndexMap | null)[] = [null, { y: [1, 0, 2], x: [0, -1, 8] }, { y: [0, 1, -1], x: [1, 0, 0] }, { y: [-1, 0, 5], x: [0, 1, -3] }];
    for (const dtype of ['float32', 'int32'] as const) {
      const data = dtype === 'int32' ? randomInts(sizeOf(shape), next, 1 << 30) : randomFloats(sizeOf(shape), next);
      const x = tf.tensor(data, shape, dtype);
      const [simd, js] = bothPaths(() => remap(x, maps, { border, fill: 3 }));
      expect(Array.from(simd)).toEqual(Array.from(js));
      x.dispose();
    }
  });

  it('keeps working when the heap grows: inside a kernel call (its output allocation) and between calls', () => {
    const before = tf.memory().numTensors;
    const next = prng(77);
    const shape = [4, 1 << 18]; // 4 MiB
    const data = randomFloats(sizeOf(shape), next);
    const x = tf.tensor(data, shape);
    const partner = [1, 2, 3, 0];
    const lambda = [0.3, 0.6, 0.9, 0.45];
    const expected = refLerp(data, data, shape, partner, lambda);
    // Keep outputs alive until one call had to grow the memory for its own output.
    const outputs: tf.Tensor[] = [];
    let grewInside = false;
    while (!grewInside) {
      const size = memory().buffer.byteLength;
      outputs.push(mixLerp(x, partner, lambda));
      grewInside = memory().buffer.byteLength > size;
      expect(outputs.length).toBeLessThan(100);
    }
    expectClose(outputs[outputs.length - 1].dataSync(), expected);
    // Grow again from outside the kernels, with a tensor larger than the whole heap.
    const size = memory().buffer.byteLength;
    const big = tf.fill([size / 4 + 1], 1);
    expect(memory().buffer.byteLength).toBeGreaterThan(size);
    const m = randomMask(sizeOf(shape), next);
    tf.tidy(() => {
      expectClose(mixLerp(x, partner, lambda).dataSync(), expected);
      const images = [4, 1 << 9, 1 << 9, 1];
      const blended = maskBlend(tf.reshape(x, images), partner, tf.tensor(m, images.slice(0, 3)));
      expectClose(blended.dataSync(), refMaskBlend(data, data, images, partner, m, false));
      const box = { y0: 100, x0: 7, y1: 300, x1: 411 };
      const pasted = pasteBoxes(tf.reshape(x, images), partner, [box, null, box, { y0: 0, x0: 0, y1: 512, x1: 512 }]);
      expect(Array.from(pasted.dataSync())).toEqual(Array.from(refPasteBoxes(data, data, images, partner, [box, null, box, { y0: 0, x0: 0, y1: 512, x1: 512 }])));
    });
    // Tensors made before the growth still read back (no detached views anywhere).
    expectClose(outputs[0].dataSync(), expected);
    expect(big.dataSync()[size / 4]).toBe(1);
    tf.dispose([...outputs, big, x]);
    expect(tf.memory().numTensors).toBe(before);
  });
});
