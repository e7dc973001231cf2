import * as tf from '@tensorflow/tfjs-core';
import { MixzooError } from './errors.js';
import type { KernelOps } from './kernel-ops.js';
import type { MixPlan, PlanMasks } from './plan.js';

function maskTensor(masks: PlanMasks): tf.Tensor3D {
  const { height, width, data } = masks;
  const n = height * width;
  const values = new Float32Array(data.length * n).fill(1);
  data.forEach((row, i) => {
    if (row) values.set(row, i * n);
  });
  return tf.tensor3d(values, [data.length, height, width], 'float32');
}

/** The partners and weights of a k-way plan. */
interface KWay {
  partners: number[][];
  weights: number[][];
}

/** A k-way row that leaves sample i as it is: all of its weight on i itself. */
function keepsOwn({ partners, weights }: KWay, i: number): boolean {
  return partners[i].every((p, k) => p === i || weights[i][k] === 0);
}

/**
 * A k-way plan without boxes or masks (k-way mixup): `out_i = Σ_k w_ik · source[partners_ik]`
 * with the fused k-way lerp. Rows that keep their own sample keep `x_i` (which, in a composition,
 * may already differ from the source).
 */
function applyKWay(ops: KernelOps, x: tf.Tensor, plan: KWay, xb: tf.Tensor | undefined, where: string): tf.Tensor {
  const keep = plan.partners.map((_, i) => keepsOwn(plan, i));
  if (keep.every(Boolean)) return tf.clone(x);
  if (x.dtype === 'int32') {
    throw new MixzooError('E_TARGET', `${where}: an int32 tensor (class map) cannot be blended by a k-way plan; pass float one-hot maps instead.`);
  }
  return tf.tidy(() => {
    const mixed = ops.mixLerpK(x, plan.partners, plan.weights, xb ?? x);
    if (xb === undefined || !keep.some(Boolean)) return mixed;
    return ops.mixLerp(x, keep.map((_, i) => i), keep.map((k) => (k ? 1 : 0)), mixed);
  });
}

/**
 * The default `apply` of every strategy: drives the shared kernel from the plan alone.
 * A k-way plan (`partners`/`weights`) without boxes or masks is a k-way lerp. Otherwise, per
 * sample: a mask row if present, else a box if present, else a λ-lerp. Partners are always
 * read from the untouched source batch (`xb`, or `x`), so the passes compose.
 * int32 tensors (class maps) may only be copied: any blend of them is an error.
 */
export function applyPlan(ops: KernelOps, x: tf.Tensor, plan: MixPlan, xb?: tf.Tensor, where = plan.strategy): tf.Tensor {
  const { partners, weights } = plan;
  if (partners && weights && !plan.boxes && !plan.masks) return applyKWay(ops, x, { partners, weights }, xb, where);
  const source = xb ?? x;
  const b = plan.lambda.length;
  const masked = (i: number) => plan.masks !== undefined && (plan.masks.data.length === 1 ? plan.masks.data[0] : plan.masks.data[i]) != null;
  const boxed = (i: number) => !masked(i) && plan.boxes?.[i] != null;
  const lerpLambda = plan.lambda.map((l, i) => (masked(i) || boxed(i) ? 1 : l));
  const needsLerp = lerpLambda.some((l, i) => l < 1 && (xb !== undefined || plan.partner[i] !== i));
  const integer = x.dtype === 'int32';
  if (integer && needsLerp) {
    throw new MixzooError('E_TARGET', `${where}: an int32 tensor (class map) cannot be blended with λ < 1; use a hard-mask strategy (cutmix, ...) or pass float one-hot maps.`);
  }
  if (integer && plan.masks?.data.some((row) => row?.some((v) => v !== 0 && v !== 1))) {
    throw new MixzooError('E_TARGET', `${where}: an int32 tensor (class map) cannot be blended with a soft mask; pass float one-hot maps instead.`);
  }
  return tf.tidy(() => {
    let out = needsLerp ? ops.mixLerp(x, plan.partner, lerpLambda, source) : x;
    const boxes = plan.boxes?.map((box, i) => (boxed(i) ? box : null));
    if (boxes?.some((box) => box !== null)) out = ops.pasteBoxes(out, plan.partner, boxes, source);
    if (plan.masks && Array.from({ length: b }, (_, i) => i).some(masked)) {
      out = ops.maskBlend(out, plan.partner, maskTensor(plan.masks), source);
    }
    // Outputs are always new tensors owned by the caller, even for the identity plan.
    return out === x ? tf.clone(x) : out;
  });
}
