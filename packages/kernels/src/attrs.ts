import type { TensorInfo } from '@tensorflow/tfjs-core';
import type { KWayTable } from './kway.js';
import type { PatchTable } from './patches.js';

// What each op hands to its kernel, fused or composed alike: the plan, validated once and
// encoded as typed arrays (never re-read by tfjs). A kernel for another backend takes the same.

/** Inputs of every kernel: x, then xb only when it differs from x, and maskBlend's mask. */
export interface Inputs<T = TensorInfo> { x: T; xb?: T; mask?: T }

/** Attrs of MixzooMixLerp. */
export interface LerpAttrs { partner: Int32Array; lambda: Float64Array }
/** Attrs of MixzooMaskBlend (mask values are checked by the kernel, on the data it holds). */
export interface MaskBlendAttrs { partner: Int32Array }
/** Attrs of MixzooPastePatches. */
export interface PasteAttrs { table: PatchTable }
/** Attrs of MixzooPasteResized (boxes flattened, 4 per sample, -1 = none). */
export interface ResizedAttrs { partner: Int32Array; boxes: Int32Array }
/** Attrs of pasteBoxes: MixzooPastePatches's table, plus partner and boxes for its own composed path. */
export type PasteBoxesAttrs = PasteAttrs & ResizedAttrs;
/** Attrs of MixzooMixLerpK. */
export interface LerpKAttrs { table: KWayTable }
/** Attrs of MixzooRemap (maps flattened, MAP_FIELDS per sample; border code; fill value). */
export interface RemapAttrs { maps: Int32Array; border: number; fill: number }
