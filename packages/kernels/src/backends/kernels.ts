import type { NamedAttrMap, NamedTensorInfoMap, TensorInfo } from '@tensorflow/tfjs-core';
import { lerpAny, lerpF32 } from '../impl/lerp.js';
import { lerpK } from '../impl/lerp-k.js';
import { maskBlendF32, maskSelect } from '../impl/mask-blend.js';
import { pastePatchRows } from '../impl/paste.js';
import { remapImages } from '../impl/remap.js';
import { columnTables, pasteResizedBilinear, pasteResizedNearest } from '../impl/resize-paste.js';
import { badMaskIndex, maskValueError } from '../mask.js';
import type { Inputs, LerpAttrs, LerpKAttrs, MaskBlendAttrs, PasteAttrs, RemapAttrs, ResizedAttrs } from '../attrs.js';
import { heapLerp, type HeapCall } from '../wasm/lerp.js';
import { heapLerpK } from '../wasm/lerp-k.js';
import { heapMaskBlend } from '../wasm/mask-blend.js';
import { heapPastePatches } from '../wasm/paste.js';
import { heapPasteResized } from '../wasm/resize-paste.js';
import { heapRemap } from '../wasm/remap.js';
import type { Heap, KernelIO } from './io.js';

// Kernel bodies, the same for cpu and wasm: only KernelIO differs. Attrs are the typed arrays the
// public ops built while validating, so nothing is re-validated or converted here. Where KernelIO
// has a `heap` (wasm with SIMD), the loops run in place there; else the JS loops of impl/ run.

const ownAndPartner = (inputs: NamedTensorInfoMap): [TensorInfo, TensorInfo] => {
  const { x, xb } = inputs as unknown as Inputs;
  return [x, xb ?? x];
};

/** Heap offsets of one call's output and inputs. */
const heapCall = (heap: Heap, out: TensorInfo, x: TensorInfo, xb: TensorInfo): HeapCall =>
  ({ out: heap.offset(out), a: heap.offset(x), b: heap.offset(xb), int: x.dtype === 'int32' });

/** All input tensors (a backend makes them resident before the kernel takes views). */
export const inputList = (inputs: NamedTensorInfoMap): TensorInfo[] =>
  Object.values(inputs).filter((t): t is TensorInfo => t !== undefined);

export function mixLerpKernel(io: KernelIO, inputs: NamedTensorInfoMap, attrs: NamedAttrMap): TensorInfo {
  const { partner, lambda } = attrs as unknown as LerpAttrs;
  const [x, xb] = ownAndPartner(inputs);
  const size = x.shape.slice(1).reduce((p, d) => p * d, 1);
  const out = io.output([partner.length, ...x.shape.slice(1)], 'float32');
  if (io.heap) {
    heapLerp(io.heap.kernels, heapCall(io.heap, out.info, x, xb), partner, lambda, size);
    return out.info;
  }
  const a = io.values(x);
  const b = io.values(xb);
  if (a instanceof Float32Array && b instanceof Float32Array) lerpF32(out.values as Float32Array, a, b, partner, lambda, size);
  else lerpAny(out.values as Float32Array, a, b, partner, lambda, size);
  return out.info;
}

export function maskBlendKernel(io: KernelIO, inputs: NamedTensorInfoMap, attrs: NamedAttrMap): TensorInfo {
  const { partner } = attrs as unknown as MaskBlendAttrs;
  const [x, xb] = ownAndPartner(inputs);
  const mask = (inputs as unknown as Inputs).mask as TensorInfo;
  const int = x.dtype === 'int32';
  // Mask values are checked here, on the data the kernel holds anyway, before allocating.
  const size = mask.shape.reduce((p, d) => p * d, 1);
  const bad = io.heap ? io.heap.kernels.mask_check(io.heap.offset(mask), size, int ? 1 : 0) : badMaskIndex(io.values(mask), int);
  if (bad >= 0) throw maskValueError('maskBlend', io.values(mask), bad, mask.shape);
  const [, height, width, channels] = x.shape;
  const g = { pixels: height * width, channels, shared: mask.shape[0] === 1 };
  const out = io.output(x.shape.slice(), x.dtype);
  if (io.heap) {
    heapMaskBlend(io.heap.kernels, heapCall(io.heap, out.info, x, xb), io.heap.offset(mask), partner, g);
    return out.info;
  }
  const [a, b, m] = [io.values(x), io.values(xb), io.values(mask) as Float32Array];
  if (int) maskSelect(out.values, a, b, partner, m, g);
  else maskBlendF32(out.values as Float32Array, a, b, partner, m, g);
  return out.info;
}

export function pastePatchesKernel(io: KernelIO, inputs: NamedTensorInfoMap, attrs: NamedAttrMap): TensorInfo {
  const { table } = attrs as unknown as PasteAttrs;
  const [x, xb] = ownAndPartner(inputs);
  const [, height, width, channels] = x.shape;
  const out = io.output(x.shape.slice(), x.dtype);
  if (io.heap) {
    heapPastePatches(io.heap.kernels, heapCall(io.heap, out.info, x, xb), table, { height, width, channels });
    return out.info;
  }
  pastePatchRows(out.values, io.values(x), io.values(xb), table, { height, width, channels });
  return out.info;
}

export function pasteResizedKernel(io: KernelIO, inputs: NamedTensorInfoMap, attrs: NamedAttrMap): TensorInfo {
  const { partner, boxes } = attrs as unknown as ResizedAttrs;
  const [x, xb] = ownAndPartner(inputs);
  const [, height, width, channels] = x.shape;
  const g = { height, width, channels };
  const out = io.output(x.shape.slice(), x.dtype);
  if (io.heap) {
    heapPasteResized(io.heap.kernels, heapCall(io.heap, out.info, x, xb), partner, boxes, g);
    return out.info;
  }
  const tables = columnTables(width);
  const a = io.values(x);
  const b = io.values(xb);
  if (x.dtype === 'float32') pasteResizedBilinear(out.values as Float32Array, a as Float32Array, b as Float32Array, partner, boxes, g, tables);
  else pasteResizedNearest(out.values, a, b, partner, boxes, g, tables);
  return out.info;
}

export function mixLerpKKernel(io: KernelIO, inputs: NamedTensorInfoMap, attrs: NamedAttrMap): TensorInfo {
  const { table } = attrs as unknown as LerpKAttrs;
  const [x, xb] = ownAndPartner(inputs);
  const size = x.shape.slice(1).reduce((p, d) => p * d, 1);
  const out = io.output([table.starts.length - 1, ...x.shape.slice(1)], 'float32');
  if (io.heap) {
    heapLerpK(io.heap.kernels, heapCall(io.heap, out.info, xb, xb), table, size);
    return out.info;
  }
  lerpK(out.values as Float32Array, io.values(xb), table, size);
  return out.info;
}

export function remapKernel(io: KernelIO, inputs: NamedTensorInfoMap, attrs: NamedAttrMap): TensorInfo {
  const { maps, border, fill } = attrs as unknown as RemapAttrs;
  const { x } = inputs as unknown as Inputs;
  const [, height, width, channels] = x.shape;
  const out = io.output(x.shape.slice(), x.dtype);
  if (io.heap) {
    heapRemap(io.heap.kernels, io.heap.offset(out.info), io.heap.offset(x), x.dtype === 'int32', maps, { height, width, channels }, border, fill);
    return out.info;
  }
  remapImages(out.values, io.values(x), maps, { height, width, channels }, border, fill, new Int32Array(width));
  return out.info;
}
