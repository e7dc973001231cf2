import type { NamedTensorMap, Tensor } from '@tensorflow/tfjs-core';
import type { KernelOpName } from '@mixzoo/core';
import type {
  Inputs, LerpAttrs, LerpKAttrs, MaskBlendAttrs, PasteAttrs, PasteBoxesAttrs, RemapAttrs, ResizedAttrs,
} from '../attrs.js';
import { badMaskIndex, maskValueError } from '../mask.js';
import { mixLerpKComposed } from './lerp-k.js';
import { mixLerpComposed } from './lerp.js';
import { maskBlendComposed } from './mask-blend.js';
import { pasteBoxesComposed, pastePatchesComposed } from './paste.js';
import { remapComposed } from './remap.js';
import { pasteResizedComposed } from './resize-paste.js';

/** A composed-ops fallback: the same inputs and attrs as the op's fused kernel, differentiable tfjs ops. */
export type ComposedKernel = (inputs: NamedTensorMap, attrs: object) => Tensor;

const io = (inputs: NamedTensorMap) => {
  const { x, xb = x, mask } = inputs as unknown as Inputs<Tensor>;
  return { x, xb, mask: mask as Tensor };
};

/**
 * The fallback of every op, keyed by op name (the type makes one mandatory for each op: it is
 * what runs under gradient tapes and on backends without a fused kernel).
 */
export const composedKernels: Readonly<Record<KernelOpName, ComposedKernel>> = Object.freeze({
  mixLerp: (inputs, attrs) => {
    const { x, xb } = io(inputs);
    const a = attrs as LerpAttrs;
    return mixLerpComposed(x, xb, a.partner, a.lambda);
  },
  maskBlend: (inputs, attrs) => {
    const { x, xb, mask } = io(inputs);
    const a = attrs as MaskBlendAttrs;
    // As the fused kernel does: mask values are checked before anything is computed.
    const values = mask.dataSync() as Float32Array;
    const bad = badMaskIndex(values, x.dtype === 'int32');
    if (bad >= 0) throw maskValueError('maskBlend', values, bad, mask.shape);
    return maskBlendComposed(x, xb, a.partner, mask);
  },
  // One where-select: cheaper than the per-sample patches of pastePatches.
  pasteBoxes: (inputs, attrs) => {
    const { x, xb } = io(inputs);
    const a = attrs as PasteBoxesAttrs;
    return pasteBoxesComposed(x, xb, a.partner, a.boxes);
  },
  pastePatches: (inputs, attrs) => {
    const { x, xb } = io(inputs);
    const a = attrs as PasteAttrs;
    return pastePatchesComposed(x, xb, a.table);
  },
  pasteResized: (inputs, attrs) => {
    const { x, xb } = io(inputs);
    const a = attrs as ResizedAttrs;
    return pasteResizedComposed(x, xb, a.partner, a.boxes);
  },
  mixLerpK: (inputs, attrs) => {
    const { x, xb } = io(inputs);
    const a = attrs as LerpKAttrs;
    return mixLerpKComposed(x, xb, a.table);
  },
  remap: (inputs, attrs) => {
    const { x } = io(inputs);
    const a = attrs as RemapAttrs;
    return remapComposed(x, a.maps, a.border, a.fill);
  },
});
