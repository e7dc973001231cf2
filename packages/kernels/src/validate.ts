import type { Tensor } from '@tensorflow/tfjs-core';
import { type Box, describeValue, isObject, MixzooError } from '@mixzoo/core';

// Argument checks shared by every op. They run BEFORE anything is allocated, so a throwing call
// leaves no tensor behind, and they turn plan arrays into typed arrays once for the kernels.

type Code = 'E_SHAPE' | 'E_DTYPE' | 'E_PLAN';

export function fail(op: string, code: Code, message: string): MixzooError {
  return new MixzooError(code, `${op}: ${message}`);
}

/** Short rendering of a received value for messages: core's, plus dtype and shape for tensors. */
export function show(value: unknown): string {
  return isTensor(value) ? `a ${value.dtype} tensor of shape [${value.shape.join(', ')}]` : describeValue(value);
}

const shapeText = (shape: readonly number[]): string => `[${shape.join(', ')}]`;

// Duck-typed so that a tensor from another copy of tfjs-core is still recognised.
function isTensor(value: unknown): value is Tensor {
  const t = value as Tensor | null;
  return isObject(t) && Array.isArray(t.shape) && typeof t.dtype === 'string' && 'dataId' in t;
}

/** A live tensor of the given rank (`exact`, or at least `min`) and one of `dtypes` (float32 or int32 by default). */
export function checkTensor(
  op: string, name: string, t: unknown, rank: { exact?: number; min?: number }, dtypes: readonly string[] = ['float32', 'int32'],
): Tensor {
  if (!isTensor(t)) throw fail(op, 'E_SHAPE', `'${name}' must be a tf.Tensor, got ${show(t)}.`);
  if (t.isDisposed) throw fail(op, 'E_SHAPE', `'${name}' must not be disposed, got a disposed tensor.`);
  if (!dtypes.includes(t.dtype)) {
    const hint = dtypes.length === 1 ? ` (use tf.cast(${name}, '${dtypes[0]}'))` : '';
    throw fail(op, 'E_DTYPE', `'${name}' must be ${dtypes.join(' or ')}, got ${t.dtype}${hint}.`);
  }
  if (rank.exact !== undefined && t.rank !== rank.exact) {
    const what = rank.exact === 4 ? 'rank 4 (NHWC [B, H, W, C])' : `rank ${rank.exact}`;
    throw fail(op, 'E_SHAPE', `'${name}' must have ${what}, got shape ${shapeText(t.shape)}.`);
  }
  if (rank.min !== undefined && t.rank < rank.min) {
    throw fail(op, 'E_SHAPE', `'${name}' must have rank >= ${rank.min} ([B, ...]), got shape ${shapeText(t.shape)}.`);
  }
  return t;
}

/** The partner batch: `xb` if given (same dtype and per-sample shape as `x`), else `x`. */
export function checkPartnerBatch(op: string, x: Tensor, xb: unknown): Tensor {
  if (xb === undefined || xb === x) return x;
  const b = checkTensor(op, 'xb', xb, { exact: x.rank });
  if (b.dtype !== x.dtype) throw fail(op, 'E_DTYPE', `'xb' must have the dtype of 'x' (${x.dtype}), got ${b.dtype}.`);
  for (let d = 1; d < x.rank; d++) {
    if (b.shape[d] !== x.shape[d]) {
      const want = `[*, ${x.shape.slice(1).join(', ')}]`;
      throw fail(op, 'E_SHAPE', `'xb' must have the per-sample shape of 'x' ${want}, got shape ${shapeText(b.shape)}.`);
    }
  }
  return b;
}

export function checkArray(op: string, name: string, values: unknown, length: number): ArrayLike<unknown> {
  const ok = Array.isArray(values) || (ArrayBuffer.isView(values) && !(values instanceof DataView));
  if (!ok || (values as ArrayLike<unknown>).length !== length) {
    throw fail(op, 'E_PLAN', `'${name}' must be an array of length ${length} (the batch size), got ${show(values)}.`);
  }
  return values as ArrayLike<unknown>;
}

const isIndex = (v: unknown, bound: number): v is number => Number.isInteger(v) && (v as number) >= 0 && (v as number) < bound;

/** Partner indices into a batch of `bound` samples, as an Int32Array. */
export function checkPartner(op: string, partner: unknown, batch: number, bound: number): Int32Array {
  const values = checkArray(op, 'partner', partner, batch);
  const out = new Int32Array(batch);
  for (let i = 0; i < batch; i++) {
    const v = values[i];
    if (!isIndex(v, bound)) throw fail(op, 'E_PLAN', `'partner[${i}]' must be an integer in [0, ${bound}), got ${show(v)}.`);
    out[i] = v;
  }
  return out;
}

/** Own-content weights, finite and in [0, 1], as a Float64Array. */
export function checkLambda(op: string, lambda: unknown, batch: number): Float64Array {
  const values = checkArray(op, 'lambda', lambda, batch);
  const out = new Float64Array(batch);
  for (let i = 0; i < batch; i++) {
    const v = values[i];
    if (typeof v !== 'number' || !(v >= 0 && v <= 1)) {
      throw fail(op, 'E_PLAN', `'lambda[${i}]' must be a number in [0, 1], got ${show(v)}.`);
    }
    out[i] = v;
  }
  return out;
}

/** A half-open integer box inside an H×W image (empty boxes allowed). */
export function checkBox(op: string, name: string, box: unknown, height: number, width: number): Box {
  const b = box as Box | null | undefined;
  const ok =
    isObject(b) &&
    Number.isInteger(b.y0) && Number.isInteger(b.x0) && Number.isInteger(b.y1) && Number.isInteger(b.x1) &&
    b.y0 >= 0 && b.x0 >= 0 && b.y0 <= b.y1 && b.x0 <= b.x1 && b.y1 <= height && b.x1 <= width;
  if (!ok) {
    throw fail(op, 'E_PLAN',
      `'${name}' must be a box {y0, x0, y1, x1} of integers with 0 <= y0 <= y1 <= ${height} and 0 <= x0 <= x1 <= ${width}, got ${show(box)}.`);
  }
  return b;
}

/** Per-sample boxes (null = untouched) flattened to Int32Array [B*4], -1 marking null. */
export function checkBoxes(op: string, boxes: unknown, batch: number, height: number, width: number): Int32Array {
  const values = checkArray(op, 'boxes', boxes, batch);
  const out = new Int32Array(batch * 4);
  for (let i = 0; i < batch; i++) {
    const v = values[i];
    if (v === null) {
      out.fill(-1, i * 4, i * 4 + 4);
      continue;
    }
    const b = checkBox(op, `boxes[${i}]`, v, height, width);
    out[i * 4] = b.y0;
    out[i * 4 + 1] = b.x0;
    out[i * 4 + 2] = b.y1;
    out[i * 4 + 3] = b.x1;
  }
  return out;
}

/** Box i of a checkBoxes list as [y0, x0, y1, x1], or null when absent or empty. */
export function boxAt(boxes: Int32Array, i: number): [number, number, number, number] | null {
  const o = i * 4;
  const [y0, x0, y1, x1] = [boxes[o], boxes[o + 1], boxes[o + 2], boxes[o + 3]];
  return y0 < 0 || y1 <= y0 || x1 <= x0 ? null : [y0, x0, y1, x1];
}

/** The arguments of a box paste (pasteBoxes, pasteResized): NHWC `x`, its partner batch, partner indices and boxes. */
export function checkBoxPaste(
  op: string, x: unknown, partner: unknown, boxes: unknown, xb: unknown,
): { x: Tensor; xb: Tensor; partner: Int32Array; boxes: Int32Array } {
  const own = checkTensor(op, 'x', x, { exact: 4 });
  const other = checkPartnerBatch(op, own, xb);
  const [batch, height, width] = own.shape;
  return { x: own, xb: other, partner: checkPartner(op, partner, batch, other.shape[0]), boxes: checkBoxes(op, boxes, batch, height, width) };
}
