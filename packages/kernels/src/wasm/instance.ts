import { KERNELS_WASM, KERNELS_WASM_SHARED } from './module.generated.js';

/**
 * The exports of kernels.wat. Pointers are byte offsets into the memory the module was
 * instantiated on, `n` counts 4-byte values. `{T}` = f32 | i32 (the inputs' element type; the
 * output is always f32), `set` writes out, `add` accumulates into it.
 */
export interface HeapKernels {
  copy: (to: number, from: number, bytes: number) => void;
  /** `rows` runs of `bytes` bytes from `src` to `out`, both advancing `stride` bytes per run. */
  paste_rows: (out: number, src: number, rows: number, bytes: number, stride: number) => void;
  /** One sample (`height` rows of `row` bytes) at `a`, rows [y0, y1) from byte `left` on replaced by `len` bytes of the rows at `src`. */
  paste_box: (out: number, a: number, src: number, row: number, height: number, y0: number, y1: number, left: number, len: number) => void;
  lerp_f32_set: (out: number, a: number, b: number, n: number, wa: number, wb: number) => void;
  lerp_i32_set: (out: number, a: number, b: number, n: number, wa: number, wb: number) => void;
  lerp_f32_add: (out: number, a: number, b: number, n: number, wa: number, wb: number) => void;
  lerp_i32_add: (out: number, a: number, b: number, n: number, wa: number, wb: number) => void;
  scale_f32_set: (out: number, a: number, n: number, w: number) => void;
  scale_i32_set: (out: number, a: number, n: number, w: number) => void;
  scale_f32_add: (out: number, a: number, n: number, w: number) => void;
  scale_i32_add: (out: number, a: number, n: number, w: number) => void;
  /** One sample: out = m·a + (1 − m)·b, m per pixel broadcast over `channels`; bit copies where m is 0 or 1. */
  mask_blend: (out: number, a: number, b: number, mask: number, pixels: number, channels: number) => void;
  /** Index of the first of n mask values outside [0, 1] (or, `binary` = 1, not 0 or 1), -1 if none. */
  mask_check: (mask: number, n: number, binary: number) => number;
  /** One pasteResized box: the H×W×C image at `src` resized to h×w into the box starting at `out` (float32: bilinear; int32: nearest). */
  resize_bilinear: (out: number, src: number, H: number, W: number, C: number, h: number, w: number) => void;
  resize_nearest: (out: number, src: number, H: number, W: number, C: number, h: number, w: number) => void;
  /** One remap sample: the encoded map's 6 fields, the border code, the fill value's 32 bits. */
  remap: (out: number, src: number, H: number, W: number, C: number,
    ya: number, yb: number, yt: number, xa: number, xb: number, xt: number, border: number, fill: number) => void;
}

/** A WebAssembly.Memory (typed here: the DOM lib, which declares WebAssembly, is not in this build). */
export interface WasmMemory {
  readonly buffer: ArrayBuffer | SharedArrayBuffer;
  grow(pages: number): number;
}

/** The parts of the WebAssembly JS API used here. */
interface WasmApi {
  validate(bytes: Uint8Array): boolean;
  Module: new (bytes: Uint8Array) => object;
  compile(bytes: Uint8Array): Promise<object>;
  Instance: new (module: object, imports: object) => { exports: object };
  Memory: new (descriptor: { initial: number; maximum?: number; shared?: boolean }) => WasmMemory;
}

/** The engine's WebAssembly object. */
export const wasmApi = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;

type Variant = 'plain' | 'shared';

const BASE64: Record<Variant, string> = { plain: KERNELS_WASM, shared: KERNELS_WASM_SHARED };

/** The module's bytes (decoded from the base64 the build embedded). */
export function kernelBytes(variant: Variant): Uint8Array<ArrayBuffer> {
  const text = atob(BASE64[variant]);
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
  return bytes;
}

// Compiled modules per variant: null = this engine cannot run it (no SIMD, or no threads for the
// shared one); undefined = compiling asynchronously; absent = not tried yet. Browsers may refuse a synchronous compile on the main
// thread: then an asynchronous one starts and the JS loops run until it lands.
const modules = new Map<Variant, object | null | undefined>();
const instances = new WeakMap<WasmMemory, HeapKernels | null>();
let enabled = true;

function compiled(variant: Variant): object | null | undefined {
  if (modules.has(variant)) return modules.get(variant);
  const bytes = kernelBytes(variant);
  if (!wasmApi.validate(bytes)) {
    modules.set(variant, null);
    return null;
  }
  try {
    modules.set(variant, new wasmApi.Module(bytes));
  } catch {
    modules.set(variant, undefined);
    wasmApi.compile(bytes).then((m) => modules.set(variant, m), () => modules.set(variant, null));
  }
  return modules.get(variant);
}

const isShared = (memory: WasmMemory): boolean =>
  typeof SharedArrayBuffer !== 'undefined' && memory.buffer instanceof SharedArrayBuffer;

/**
 * The kernels working in place on `memory` (instantiated once per memory), or null when this
 * engine has no WebAssembly SIMD (callers then run their JS loops). The variant follows the
 * memory: shared (tfjs's threaded build) or not.
 */
export function heapKernels(memory: WasmMemory): HeapKernels | null {
  if (!enabled) return null;
  const known = instances.get(memory);
  if (known !== undefined) return known;
  const mod = compiled(isShared(memory) ? 'shared' : 'plain');
  if (mod === undefined) return null; // still compiling: ask again next call
  const kernels = mod === null ? null : instantiate(mod, memory);
  instances.set(memory, kernels);
  return kernels;
}

/** An instance on `memory`, or null if that memory cannot be imported (e.g. a maximum beyond the declared one): JS loops then. */
function instantiate(mod: object, memory: WasmMemory): HeapKernels | null {
  try {
    return new wasmApi.Instance(mod, { env: { memory } }).exports as unknown as HeapKernels;
  } catch {
    return null;
  }
}

/** Whether this engine can run the in-place SIMD kernels (it validates WebAssembly SIMD). */
export function heapKernelsSupported(): boolean {
  return wasmApi.validate(kernelBytes('plain'));
}

/**
 * Turns the in-place kernels off (`false`: the wasm backend runs the JS loops, as on engines
 * without SIMD) or back on. For tests and benchmarks that compare the two paths.
 */
export function setHeapKernelsEnabled(on: boolean): void {
  enabled = on;
}

/** The WasmMemory of a tfjs wasm backend's Emscripten module (exported, or imported when shared). */
export function backendMemory(wasmModule: object): WasmMemory | undefined {
  const m = wasmModule as { asm?: { memory?: WasmMemory }; wasmMemory?: WasmMemory };
  return m.asm?.memory ?? m.wasmMemory;
}
