// The SIMD module itself, on memories of our own (plain and shared, as tfjs's threaded build
// has): every kernel against the JS loops the cpu backend runs, at 8-byte-aligned offsets (what
// tfjs's allocator gives), with lengths that are not multiples of 4.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it, vi } from 'vitest';
import type { Patch } from '@mixzoo/core';
import { lerpAny, lerpF32 } from '../../src/impl/lerp.js';
import { lerpK } from '../../src/impl/lerp-k.js';
import { maskBlendF32, maskSelect } from '../../src/impl/mask-blend.js';
import { pastePatchRows } from '../../src/impl/paste.js';
import { remapImages } from '../../src/impl/remap.js';
import { columnTables, pasteResizedBilinear, pasteResizedNearest } from '../../src/impl/resize-paste.js';
import type { Values } from '../../src/impl/types.js';
import { badMaskIndex } from '../../src/mask.js';
import { encodeKWay } from '../../src/kway.js';
import { encodePatches } from '../../src/patches.js';
import { heapKernels, kernelBytes, wasmApi, type HeapKernels, type WasmMemory } from '../../src/wasm/instance.js';
import { heapLerp } from '../../src/wasm/lerp.js';
import { heapLerpK } from '../../src/wasm/lerp-k.js';
import { heapMaskBlend } from '../../src/wasm/mask-blend.js';
import { heapPastePatches } from '../../src/wasm/paste.js';
import { heapPasteResized } from '../../src/wasm/resize-paste.js';
import { heapRemap } from '../../src/wasm/remap.js';
import { prng, randomBox, randomFloats, randomIndices, randomInts, randomLambda, randomMask, refPastePatches } from '../helpers.js';
import { expectSimdClose } from './simd-helpers.js';

/** Places arrays in a memory at offsets ≡ 8 (mod 16), like tfjs's 8-byte-aligned malloc. */
class Arena {
  private next = 1024 + 8;
  constructor(readonly memory: WasmMemory) {}
  place(values: Values): number {
    const at = this.next;
    const { buffer } = this.memory;
    if (values instanceof Int32Array) new Int32Array(buffer, at, values.length).set(values);
    else new Float32Array(buffer, at, values.length).set(values);
    this.next = at + Math.ceil((values.length * 4 + 8) / 16) * 16; // next one again ≡ 8 (mod 16)
    return at;
  }
  alloc(n: number): number {
    return this.place(new Float32Array(n).fill(Number.NaN)); // garbage in the output: every value must be written
  }
  floats(at: number, n: number): Float32Array {
    return new Float32Array(this.memory.buffer, at, n).slice();
  }
}

const MEMORIES: ReadonlyArray<[string, () => WasmMemory]> = [
  ['plain memory', () => new wasmApi.Memory({ initial: 64 })],
  ['shared memory', () => new wasmApi.Memory({ initial: 64, maximum: 1024, shared: true })],
];

const SIZES = [1, 3, 5, 13, 45, 67]; // per-sample lengths, most not multiples of 4

describe('the generated module', () => {
  it('is up to date with kernels.wat (the build is deterministic)', () => {
    const script = fileURLToPath(new URL('../../scripts/build-wasm.mjs', import.meta.url));
    expect(() => execFileSync(process.execPath, [script, '--check'], { stdio: 'pipe' })).not.toThrow();
  });

  it('has no data segment, no start function and no memory.grow (it must not touch tfjs memory on its own)', () => {
    for (const variant of ['plain', 'shared'] as const) {
      const bytes = kernelBytes(variant);
      expect(wasmApi.validate(bytes)).toBe(true);
      const sections = new Set<number>();
      // Section ids: 8 = start, 11 = data, 12 = data count.
      for (let at = 8; at < bytes.length; ) {
        const id = bytes[at++];
        let size = 0;
        for (let shift = 0; ; shift += 7) {
          const b = bytes[at++];
          size |= (b & 0x7f) << shift;
          if (b < 0x80) break;
        }
        sections.add(id);
        at += size;
      }
      expect([8, 11, 12].filter((id) => sections.has(id))).toEqual([]);
    }
    const source = readFileSync(new URL('../../src/wasm/kernels.wat', import.meta.url), 'utf8').replace(/;;.*$/gm, '');
    expect(source).not.toMatch(/memory\.grow|\(global|\(data|\(start/);
  });

  it('fits the 4 KB (4,096 bytes) that browsers compile synchronously on the main thread', () => {
    for (const variant of ['plain', 'shared'] as const) expect(kernelBytes(variant).length).toBeLessThanOrEqual(4096);
  });
});

describe('feature detection', () => {
  it('without WebAssembly SIMD (the module does not validate) there are no heap kernels, so the JS loops run', async () => {
    vi.resetModules();
    const validate = vi.spyOn(wasmApi, 'validate').mockReturnValue(false);
    try {
      const fresh = await import('../../src/wasm/instance.js');
      expect(fresh.heapKernelsSupported()).toBe(false);
      expect(fresh.heapKernels(new wasmApi.Memory({ initial: 1 }))).toBeNull();
    } finally {
      validate.mockRestore();
    }
  });

  it('picks the variant from the memory: a shared memory gets the module that imports a shared memory', () => {
    // Instantiating the wrong variant throws a LinkError, so getting kernels proves the match.
    expect(heapKernels(new wasmApi.Memory({ initial: 1 }))).not.toBeNull();
    expect(heapKernels(new wasmApi.Memory({ initial: 1, maximum: 16, shared: true }))).not.toBeNull();
    const memory = new wasmApi.Memory({ initial: 1 });
    expect(heapKernels(memory)).toBe(heapKernels(memory)); // one instance per memory
  });

  it('a memory the module cannot import gets no kernels (JS loops) instead of a throw', () => {
    const notAMemory = { buffer: new ArrayBuffer(65536), grow: () => 1 }; // instantiating throws a LinkError
    expect(heapKernels(notAMemory)).toBeNull();
  });
});

describe.each(MEMORIES)('SIMD kernels on a %s', (_, makeMemory) => {
  const setup = (): { k: HeapKernels; arena: Arena } => {
    const memory = makeMemory();
    const k = heapKernels(memory);
    expect(k).not.toBeNull();
    return { k: k as HeapKernels, arena: new Arena(memory) };
  };

  it.each(SIZES)('mixLerp, per-sample length %i, float32 and int32, λ = 0 / 1 exact', (size) => {
    const { k, arena } = setup();
    const next = prng(size);
    const batch = 5;
    const partner = Int32Array.from(randomIndices(batch, 3, next));
    const lambda = Float64Array.from(randomLambda(batch, next)); // 0 and 1 included
    for (const int of [false, true]) {
      const a = int ? randomInts(batch * size, next, 1000) : randomFloats(batch * size, next);
      const b = int ? randomInts(3 * size, next, 1000) : randomFloats(3 * size, next); // partner batch of another size
      const call = { out: arena.alloc(batch * size), a: arena.place(a), b: arena.place(b), int };
      heapLerp(k, call, partner, lambda, size);
      const expected = new Float32Array(batch * size);
      if (int) lerpAny(expected, a, b, partner, lambda, size);
      else lerpF32(expected, a as Float32Array, b as Float32Array, partner, lambda, size);
      const exact = (e: number) => lambda[Math.floor(e / size)] % 1 === 0;
      expectSimdClose(arena.floats(call.out, batch * size), expected, exact);
    }
  });

  it.each([1, 2, 3, 4, 5])('maskBlend, %i channels: soft blend, and the int32 select under a binary mask, bit-exact where m is 0 or 1', (channels) => {
    const { k, arena } = setup();
    const next = prng(40 + channels);
    const batch = 4;
    for (const pixels of [1, 5, 7, 13]) {
      for (const shared of [false, true]) {
        const size = pixels * channels;
        const partner = Int32Array.from(randomIndices(batch, batch, next));
        const g = { pixels, channels, shared };
        const soft = randomMask((shared ? 1 : batch) * pixels, next);
        const a = randomFloats(batch * size, next);
        const call = { out: arena.alloc(batch * size), a: arena.place(a), b: 0, int: false };
        call.b = call.a;
        heapMaskBlend(k, call, arena.place(soft), partner, g);
        const expected = new Float32Array(batch * size);
        maskBlendF32(expected, a, a, partner, soft, g);
        const maskAt = (e: number) => soft[(shared ? 0 : Math.floor(e / size) * pixels) + Math.floor((e % size) / channels)];
        expectSimdClose(arena.floats(call.out, batch * size), expected, (e) => maskAt(e) % 1 === 0);

        const binary = randomMask((shared ? 1 : batch) * pixels, next, true);
        const ints = randomInts(batch * size, next, 1 << 30); // large ints: a float path would round them
        const out = arena.alloc(batch * size);
        heapMaskBlend(k, { out, a: arena.place(ints), b: arena.place(ints), int: true }, arena.place(binary), partner, g);
        const selected = new Int32Array(batch * size);
        maskSelect(selected, ints, ints, partner, binary, g);
        expect(Array.from(new Int32Array(arena.memory.buffer, out, batch * size))).toEqual(Array.from(selected));
      }
    }
  });

  it('mask check: the first value outside [0, 1] (NaN too), or not binary, at any position, like the JS check', () => {
    const { k, arena } = setup();
    const next = prng(60);
    for (const n of [1, 3, 4, 9, 30]) {
      for (const binary of [false, true]) {
        const clean = randomMask(n, next, binary);
        expect(k.mask_check(arena.place(clean), n, binary ? 1 : 0)).toBe(-1);
        for (const bad of [Number.NaN, -1e-7, 1.0000001, 2, -Infinity, ...(binary ? [0.5] : [])]) {
          for (const at of new Set([0, n >> 1, n - 1])) {
            const values = clean.slice();
            values[at] = bad;
            if (at + 1 < n) values[n - 1] = bad; // a second bad value: the first one counts
            expect(k.mask_check(arena.place(values), n, binary ? 1 : 0), `n ${n} value ${bad} at ${at}`).toBe(badMaskIndex(values, binary));
            expect(badMaskIndex(values, binary)).toBe(at);
          }
        }
      }
    }
  });

  it.each(SIZES)('mixLerpK, per-sample length %i: pairs, lone terms, zero weights, int32', (size) => {
    const { k, arena } = setup();
    const next = prng(70 + size);
    const partners = [[0], [1, 2], [2, 0, 1], [0, 1, 2, 1], [1, 2, 0]];
    const weights = [[1], [0.25, 0.75], [0.5, 0.2, 0.3], [0.1, 0.2, 0, 0.7], [0, 1, 0]];
    const table = encodeKWay('mixLerpK', partners, weights, partners.length, 3);
    for (const int of [false, true]) {
      const b = int ? randomInts(3 * size, next, 1000) : randomFloats(3 * size, next);
      const out = arena.alloc(partners.length * size);
      heapLerpK(k, { out, b: arena.place(b), int }, table, size);
      const expected = new Float32Array(partners.length * size);
      lerpK(expected, b, table, size);
      // Rows 0 and 4 are single weight-1 terms: copies.
      expectSimdClose(arena.floats(out, partners.length * size), expected, (e) => [0, 4].includes(Math.floor(e / size)));
    }
  });

  it.each([1, 3, 4])('pastePatches, %i channels: single boxes (one pass), ordered patches with from, none; float32 and int32 bit-exact', (channels) => {
    const { k, arena } = setup();
    const next = prng(100 + channels);
    // Odd, non-square images: with 1 or 3 channels every other sample starts at an offset ≢ 0 (mod 16).
    for (const [H, W] of [[5, 7], [1, 3], [6, 1]]) {
      const g = { height: H, width: W, channels };
      const size = H * W * channels;
      const full = { y0: 0, x0: 0, y1: H, x1: W };
      const random = (): Patch => {
        const box = randomBox(H, W, next);
        const from = { y: Math.floor(next() * (H - (box.y1 - box.y0) + 1)), x: Math.floor(next() * (W - (box.x1 - box.x0) + 1)) };
        return { source: Math.floor(next() * 3), box, ...(next() < 0.5 ? { from } : {}) };
      };
      const patches = [
        [random()], [], [{ source: 2, box: full }], [random(), random(), random()], [{ source: 0, box: { y0: H - 1, x0: W - 1, y1: H, x1: W } }],
        [{ source: 1, box: { y0: 0, x0: 0, y1: 1, x1: 1 } }], [random(), { source: 1, box: full }, random()],
      ];
      const batch = patches.length;
      const table = encodePatches('pastePatches', patches, batch, 3, H, W);
      for (const int of [false, true]) {
        const a = int ? randomInts(batch * size, next, 1 << 30) : randomFloats(batch * size, next);
        const b = int ? randomInts(3 * size, next, 1 << 30) : randomFloats(3 * size, next); // partner batch of another size
        const out = arena.alloc(batch * size);
        heapPastePatches(k, { out, a: arena.place(a), b: arena.place(b), int }, table, g);
        const expected = int ? new Int32Array(batch * size) : new Float32Array(batch * size);
        pastePatchRows(expected, a, b, table, g);
        expect(Array.from(expected)).toEqual(Array.from(refPastePatches(a, b, [batch, H, W, channels], patches)));
        const actual = int ? new Int32Array(arena.memory.buffer, out, batch * size) : arena.floats(out, batch * size);
        expect(Array.from(actual)).toEqual(Array.from(expected));
      }
    }
  });

  it.each([1, 3, 4])('pasteResized, %i channels: bilinear (float32) and nearest (int32) give the JS loop\'s values exactly', (channels) => {
    const { k, arena } = setup();
    const next = prng(90 + channels);
    const [batch, H, W] = [4, 5, 7];
    const g = { height: H, width: W, channels };
    const size = H * W * channels;
    for (const int of [false, true]) {
      const partner = Int32Array.from(randomIndices(batch, 2, next));
      // Random boxes, an empty one (none) and the full image.
      const boxes = Int32Array.from([0, 1, 2].flatMap(() => { const b = randomBox(H, W, next); return [b.y0, b.x0, b.y1, b.x1]; }).concat([0, 0, H, W]));
      boxes.set([-1, -1, -1, -1], 4);
      const a = int ? randomInts(batch * size, next, 1 << 30) : randomFloats(batch * size, next);
      const b = int ? randomInts(2 * size, next, 1 << 30) : randomFloats(2 * size, next);
      const out = arena.alloc(batch * size);
      heapPasteResized(k, { out, a: arena.place(a), b: arena.place(b), int }, partner, boxes, g);
      if (int) {
        const expected = new Int32Array(batch * size);
        pasteResizedNearest(expected, a, b, partner, boxes, g, columnTables(W));
        expect(Array.from(new Int32Array(arena.memory.buffer, out, batch * size))).toEqual(Array.from(expected));
      } else {
        const expected = new Float32Array(batch * size);
        pasteResizedBilinear(expected, a as Float32Array, b as Float32Array, partner, boxes, g, columnTables(W));
        expectSimdClose(arena.floats(out, batch * size), expected, () => true);
      }
    }
  });

  it.each([0, 1, 2])('remap, border code %i: flips, transposes, crops and shifts in and out of the image, exact', (border) => {
    const { k, arena } = setup();
    const next = prng(120 + border);
    // [ya, yb, yt, xa, xb, xt] per sample: identity, shifts (partly and fully outside), flips, transposes.
    const maps = Int32Array.from([
      1, 0, 0, 0, 1, 0, 1, 0, 2, 0, 1, -3, 1, 0, -9, 0, 1, 40, -1, 0, 4, 0, 1, 0, 1, 0, 0, 0, -1, 6,
      0, 1, 0, 1, 0, 0, 0, -1, 6, 1, 0, -2, 0, 1, -1, -1, 0, 7, -1, 0, 8, 0, -1, 12,
    ]);
    const batch = maps.length / 6;
    for (const channels of [1, 3]) {
      const g = { height: 5, width: 5, channels };
      const size = 25 * channels;
      for (const int of [false, true]) {
        const a = int ? randomInts(batch * size, next, 1 << 30) : randomFloats(batch * size, next);
        const fill = int ? -7 : 0.1; // 0.1 is not a float32: stored rounded, like Float32Array.fill
        const out = arena.alloc(batch * size);
        heapRemap(k, out, arena.place(a), int, maps, g, border, fill);
        const expected = int ? new Int32Array(batch * size) : new Float32Array(batch * size);
        remapImages(expected, a, maps, g, border, fill, new Int32Array(5));
        const actual = int ? new Int32Array(arena.memory.buffer, out, batch * size) : arena.floats(out, batch * size);
        expect(Array.from(actual)).toEqual(Array.from(expected));
      }
    }
  });
});
