import type { DataType, NamedAttrMap, NamedTensorInfoMap, TensorInfo } from '@tensorflow/tfjs-core';
import type { Inputs, LerpAttrs, LerpKAttrs, MaskBlendAttrs, PasteAttrs, RemapAttrs, ResizedAttrs } from '../attrs.js';
import { nearest } from '../impl/resize-paste.js';
import { badMaskIndex, maskValueError } from '../mask.js';
import { BORDER_CONSTANT, BORDER_REFLECT, MAP_FIELDS } from '../remap.js';
import { boxAt } from '../validate.js';

// What a GPU kernel needs besides its program: the tensors it reads (viewed in the shape the
// program indexes), the plan as small tables (uploaded as inputs, disposed after the run), and
// the output shape. Built once here for webgl and webgpu alike, from the same attrs the cpu
// kernels take, so both GPU backends run the same plan.

/** The fused GPU programs; each backend writes one shader per kind. */
export type ProgramKind = 'mixLerp' | 'mixLerpK' | 'maskBlend' | 'pastePatches' | 'pasteResized' | 'remap';

/** A plan table: a 1-D int32 or float32 input of the program. */
export interface Table {
  name: string;
  values: Int32Array | Float32Array;
}

/** A tensor the program reads, in the shape it indexes it (lerps flatten samples to [B, S]). */
export interface View {
  name: string;
  info: TensorInfo;
  shape: number[];
}

export interface GpuPlan {
  kind: ProgramKind;
  /** Output shape as the program writes it, and as the kernel returns it. */
  programShape: number[];
  shape: number[];
  dtype: DataType;
  views: View[];
  tables: Table[];
  /** Shape facts the shader text depends on (they go into the program's cache key). */
  variant: string;
  /** Value uniforms (not in the shader text): remap's fill value. */
  fill?: number;
}

/** What a backend answers about a tensor's data without running anything. */
export interface DataAccess {
  /** The values of `t`: CPU-resident ones when present (free), else read back. */
  values(t: TensorInfo): ArrayLike<number>;
}

/**
 * Tables are padded to a power of two (at least 1 element): WebGPU rejects empty bindings, and
 * WebGL compiles one shader per input shape, so plan sizes that change every batch would
 * recompile every batch. Padding entries are never read.
 */
function table(name: string, values: ArrayLike<number>, int: boolean): Table {
  let n = 1;
  while (n < values.length) n *= 2;
  const out = int ? new Int32Array(n) : new Float32Array(n);
  out.set(values);
  return { name, values: out };
}

const perSample = (shape: readonly number[]) => shape.slice(1).reduce((p, d) => p * d, 1);

function images(inputs: NamedTensorInfoMap, flat: boolean): View[] {
  const { x, xb = x } = inputs as unknown as Inputs;
  const view = (name: string, t: TensorInfo): View => ({ name, info: t, shape: flat ? [t.shape[0], perSample(t.shape)] : t.shape.slice() });
  return [view('X', x), view('Y', xb)];
}

export function mixLerpPlan(inputs: NamedTensorInfoMap, attrs: NamedAttrMap): GpuPlan {
  const { partner, lambda } = attrs as unknown as LerpAttrs;
  const views = images(inputs, true);
  const size = views[0].shape[1];
  const weights = new Float32Array(2 * partner.length);
  for (let i = 0; i < partner.length; i++) [weights[2 * i], weights[2 * i + 1]] = [lambda[i], 1 - lambda[i]];
  return {
    kind: 'mixLerp', programShape: [partner.length, size], shape: [partner.length, ...views[0].info.shape.slice(1)], dtype: 'float32',
    views, tables: [table('P', partner, true), table('L', weights, false)], variant: '',
  };
}

export function mixLerpKPlan(inputs: NamedTensorInfoMap, attrs: NamedAttrMap): GpuPlan {
  const { table: t } = attrs as unknown as LerpKAttrs;
  const [x, y] = images(inputs, true);
  const batch = t.starts.length - 1;
  return {
    kind: 'mixLerpK', programShape: [batch, x.shape[1]], shape: [batch, ...x.info.shape.slice(1)], dtype: 'float32',
    views: [y], tables: [table('S', t.starts, true), table('I', t.index, true), table('W', t.weight, false)], variant: '',
  };
}

/**
 * Masks already checked, by data id (tfjs data never changes behind an id; reshapes share it):
 * true = binary. Only masks whose values are all in [0, 1] get an entry.
 */
const checkedMasks = new WeakMap<object, boolean>();

/**
 * The one value check only the kernel can make, made once per mask data. Masks built in JS (all
 * of mixzoo's) still hold their CPU values on first use: checked for free. A mask that exists
 * only on the GPU is read back (the mask only, 1/C of the image), as the composed path does.
 */
function checkMask(mask: TensorInfo, int: boolean, data: DataAccess): void {
  const binary = checkedMasks.get(mask.dataId);
  if (binary === true || (binary === false && !int)) return;
  const values = data.values(mask);
  const bad = badMaskIndex(values, false);
  if (bad < 0) checkedMasks.set(mask.dataId, badMaskIndex(values, true) < 0);
  const error = bad >= 0 ? bad : int ? badMaskIndex(values, true) : -1;
  if (error >= 0) throw maskValueError('maskBlend', values, error, mask.shape);
}

export function maskBlendPlan(inputs: NamedTensorInfoMap, attrs: NamedAttrMap, data: DataAccess): GpuPlan {
  const { partner } = attrs as unknown as MaskBlendAttrs;
  const mask = (inputs as unknown as Inputs).mask as TensorInfo;
  const [x, y] = images(inputs, false);
  checkMask(mask, x.info.dtype === 'int32', data);
  return {
    kind: 'maskBlend', programShape: x.shape, shape: x.shape, dtype: x.info.dtype,
    views: [x, y, { name: 'M', info: mask, shape: mask.shape.slice() }], tables: [table('P', partner, true)],
    variant: `${x.info.dtype}_${mask.shape[0] === 1 ? 'shared' : 'own'}`,
  };
}

export function pastePatchesPlan(inputs: NamedTensorInfoMap, attrs: NamedAttrMap): GpuPlan {
  const { table: t } = attrs as unknown as PasteAttrs;
  const views = images(inputs, false);
  const { shape, dtype } = views[0].info;
  return {
    kind: 'pastePatches', programShape: shape.slice(), shape: shape.slice(), dtype,
    views, tables: [table('S', t.starts, true), table('R', t.recs, true)], variant: dtype,
  };
}

/** Fields per sample of pasteResized's box table: partner, y0, x0, y1, x1, first axis entry. */
export const BOX_FIELDS = 6;

/**
 * pasteResized: per box, the source rows of its h output rows, then the source columns of its w
 * output columns, computed here in float64 with the cpu kernel's arithmetic (so the GPU samples
 * exactly the same pixels): `K` holds (low, high) per entry, `F` the interpolation fraction.
 * int32 (nearest neighbour) reads low only.
 */
export function pasteResizedPlan(inputs: NamedTensorInfoMap, attrs: NamedAttrMap): GpuPlan {
  const { partner, boxes } = attrs as unknown as ResizedAttrs;
  const views = images(inputs, false);
  const { shape, dtype } = views[0].info;
  const [batch, height, width] = shape;
  const int = dtype === 'int32';
  const meta = new Int32Array(batch * BOX_FIELDS).fill(-1);
  const low: number[] = [];
  const high: number[] = [];
  const frac: number[] = [];
  const axis = (n: number, size: number) => {
    for (let k = 0; k < n; k++) {
      if (int) {
        low.push(nearest(k, size / n, size));
        high.push(0);
        continue;
      }
      const s = (size / n) * (k + 0.5) - 0.5;
      const lo = Math.max(0, Math.floor(s));
      low.push(lo);
      high.push(Math.min(size - 1, Math.ceil(s)));
      frac.push(s - lo);
    }
  };
  for (let i = 0; i < batch; i++) {
    const box = boxAt(boxes, i);
    if (box === null) continue;
    const [y0, x0, y1, x1] = box;
    meta.set([partner[i], y0, x0, y1, x1, low.length], i * BOX_FIELDS);
    axis(y1 - y0, height);
    axis(x1 - x0, width);
  }
  const pairs = new Int32Array(2 * low.length);
  low.forEach((v, k) => [pairs[2 * k], pairs[2 * k + 1]] = [v, high[k]]);
  return {
    kind: 'pasteResized', programShape: shape.slice(), shape: shape.slice(), dtype,
    // Nearest neighbour reads no fractions (and WebGPU drops unread inputs: no F for int32).
    views, tables: [table('Q', meta, true), table('K', pairs, true), ...(int ? [] : [table('F', frac, false)])], variant: dtype,
  };
}

/**
 * remap: the maps with their offsets brought into a small range that gives the same pixels, so
 * the shaders' integer arithmetic stays small (and exact in WebGL's float textures), and reflect
 * never folds a negative index (GLSL leaves `%` of negatives undefined). For an axis of n pixels
 * reached from coordinates in [0, L): reflect is periodic in 2(n − 1), so the offset moves to
 * [L, L + 2(n − 1)); constant and edge give the same pixel for every offset beyond ±(n + L).
 */
export function remapPlan(inputs: NamedTensorInfoMap, attrs: NamedAttrMap): GpuPlan {
  const { maps, border, fill } = attrs as unknown as RemapAttrs;
  const { x } = inputs as unknown as Inputs;
  const [, height, width] = x.shape;
  const reach = Math.max(height, width);
  const offset = (t: number, n: number): number => {
    if (border === BORDER_REFLECT) {
      const period = Math.max(1, 2 * (n - 1));
      return (((t % period) + period) % period) + period * Math.ceil(reach / period);
    }
    return Math.max(-(n + reach), Math.min(n + reach, t));
  };
  const norm = Int32Array.from(maps);
  for (let f = 0; f < norm.length; f += MAP_FIELDS) {
    norm[f + 2] = offset(norm[f + 2], height);
    norm[f + 5] = offset(norm[f + 5], width);
  }
  return {
    kind: 'remap', programShape: x.shape.slice(), shape: x.shape.slice(), dtype: x.dtype,
    views: [{ name: 'X', info: x, shape: x.shape.slice() }], tables: [table('Q', norm, true)],
    variant: `${x.dtype}_${border === BORDER_CONSTANT ? 'constant' : border === BORDER_REFLECT ? 'reflect' : 'edge'}`, fill,
  };
}
