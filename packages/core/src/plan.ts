import { describeValue, MixzooError } from './errors.js';

/** Half-open pixel box `[y0, y1) × [x0, x1)`. */
export interface Box {
  y0: number;
  x0: number;
  y1: number;
  x1: number;
}

/**
 * Per-sample soft or hard masks in [0, 1] (1 = own pixel), row-major H×W.
 * `data` has length B (a `null` row means "no mask for this sample"), or length 1: one mask shared
 * by every sample.
 */
export interface PlanMasks {
  height: number;
  width: number;
  data: (number[] | null)[];
}

/**
 * A sampled, JSON-serializable mixing plan. Every array has length B.
 * `lambda[i]` is the weight of sample i's own content after any correction (1 = untouched).
 */
export interface MixPlan {
  strategy: string;
  partner: number[];
  lambda: number[];
  /** Where the partner is pasted (half-open pixel boxes); `null` = no box for that sample. */
  boxes?: (Box | null)[];
  masks?: PlanMasks;
  /** k-way plans (ricap, mosaic, multi-box cutmix): the samples each output is made of... */
  partners?: number[][];
  /** ...and their label weights (each row sums to 1). Labels are `sum_k weights[i][k] * y[partners[i][k]]`. */
  weights?: number[][];
  /** Height and width the geometry (boxes, masks) was sampled for. */
  height?: number;
  width?: number;
  /** Strategy-specific fields (resized patch sizes, chosen sub-strategy, manifold layer, ...). */
  extra?: Record<string, unknown>;
}

function planError(message: string): MixzooError {
  return new MixzooError('E_PLAN', `plan: ${message}`);
}

function checkIndexArray(name: string, values: unknown, length: number, bound: number): void {
  if (!Array.isArray(values) || values.length !== length) {
    throw planError(`'${name}' must be an array of length ${length}, got ${describeValue(values)}.`);
  }
  values.forEach((v, i) => {
    if (!Number.isInteger(v) || v < 0 || v >= bound) {
      throw planError(`'${name}[${i}]' must be an integer in [0, ${bound}), got ${describeValue(v)}.`);
    }
  });
}

function checkUnitArray(name: string, values: unknown, length: number): void {
  if (!Array.isArray(values) || values.length !== length) {
    throw planError(`'${name}' must be an array of length ${length}, got ${describeValue(values)}.`);
  }
  values.forEach((v, i) => {
    if (typeof v !== 'number' || !(v >= 0 && v <= 1)) {
      throw planError(`'${name}[${i}]' must be a number in [0, 1], got ${describeValue(v)}.`);
    }
  });
}

/** Dimensions a plan is validated against. `partnerBatchSize` differs from `batchSize` only for cross-dataset plans. */
export interface PlanBounds {
  batchSize: number;
  partnerBatchSize?: number;
  height?: number;
  width?: number;
}

/**
 * Checks a (possibly hand-written or deserialized) plan against the batch it will be applied to.
 * Throws `MixzooError('E_PLAN')` naming the offending field.
 */
export function validatePlan(plan: MixPlan, bounds: PlanBounds): void {
  if (plan === null || typeof plan !== 'object') throw planError(`expected an object, got ${describeValue(plan)}.`);
  const b = bounds.batchSize;
  const partnerBound = bounds.partnerBatchSize ?? b;
  if (typeof plan.strategy !== 'string') throw planError(`'strategy' must be a string, got ${describeValue(plan.strategy)}.`);
  checkIndexArray('partner', plan.partner, b, Math.max(partnerBound, 1));
  checkUnitArray('lambda', plan.lambda, b);
  const height = plan.height ?? bounds.height;
  const width = plan.width ?? bounds.width;
  if (plan.boxes !== undefined) {
    if (!Array.isArray(plan.boxes) || plan.boxes.length !== b) {
      throw planError(`'boxes' must be an array of length ${b}, got ${describeValue(plan.boxes)}.`);
    }
    if (height === undefined || width === undefined) throw planError(`'boxes' need the plan's 'height' and 'width'.`);
    plan.boxes.forEach((box, i) => {
      if (box === null) return;
      const ok =
        box !== undefined &&
        [box.y0, box.x0, box.y1, box.x1].every(Number.isInteger) &&
        box.y0 >= 0 && box.x0 >= 0 && box.y0 <= box.y1 && box.x0 <= box.x1 && box.y1 <= height && box.x1 <= width;
      if (!ok) {
        throw planError(`'boxes[${i}]' must be integers with 0 <= y0 <= y1 <= ${height} and 0 <= x0 <= x1 <= ${width}, got ${describeValue(box)}.`);
      }
    });
  }
  if (plan.masks !== undefined) {
    const m = plan.masks;
    if (!m || !Number.isInteger(m.height) || !Number.isInteger(m.width) || !Array.isArray(m.data)) {
      throw planError(`'masks' must be { height, width, data }, got ${describeValue(m)}.`);
    }
    if (m.data.length !== b && m.data.length !== 1) {
      throw planError(`'masks.data' must have length ${b} (one per sample) or 1 (shared), got ${m.data.length}.`);
    }
    m.data.forEach((row, i) => {
      if (row === null) return;
      if (!Array.isArray(row) || row.length !== m.height * m.width) {
        throw planError(`'masks.data[${i}]' must have ${m.height}×${m.width} = ${m.height * m.width} values, got ${describeValue(row)}.`);
      }
      for (const v of row) {
        if (!(v >= 0 && v <= 1)) throw planError(`'masks.data[${i}]' values must be in [0, 1], got ${describeValue(v)}.`);
      }
    });
  }
  if ((plan.partners === undefined) !== (plan.weights === undefined)) {
    throw planError(`'partners' and 'weights' come together (k-way plans).`);
  }
  if (plan.partners !== undefined && plan.weights !== undefined) {
    if (!Array.isArray(plan.partners) || plan.partners.length !== b || !Array.isArray(plan.weights) || plan.weights.length !== b) {
      throw planError(`'partners' and 'weights' must be arrays of length ${b}.`);
    }
    plan.partners.forEach((row, i) => {
      const weights = plan.weights![i];
      checkIndexArray(`partners[${i}]`, row, Array.isArray(row) ? row.length : -1, Math.max(partnerBound, 1));
      checkUnitArray(`weights[${i}]`, weights, Array.isArray(row) ? row.length : 0);
      const sum = weights.reduce((s, w) => s + w, 0);
      if (Math.abs(sum - 1) > 1e-6) throw planError(`'weights[${i}]' must sum to 1, got ${sum}.`);
    });
  }
}

/** An identity plan (nothing mixed): partner = self, λ = 1. */
export function identityPlan(strategy: string, batchSize: number): MixPlan {
  return {
    strategy,
    partner: Array.from({ length: batchSize }, (_, i) => i),
    lambda: new Array<number>(batchSize).fill(1),
  };
}

/**
 * The plan restricted to the samples where `keep[i]`; every other sample becomes the identity
 * (partner = self, λ = 1, no box, no mask). Used to apply several plans to disjoint samples.
 */
export function restrictPlan(plan: MixPlan, keep: readonly boolean[]): MixPlan {
  const pick = <T>(values: readonly T[] | undefined, identity: (i: number) => T) => values?.map((v, i) => (keep[i] ? v : identity(i)));
  const masks = plan.masks && {
    ...plan.masks,
    data: keep.map((k, i) => (k ? (plan.masks!.data.length === 1 ? plan.masks!.data[0] : plan.masks!.data[i]) : null)),
  };
  return {
    ...plan,
    partner: pick(plan.partner, (i) => i)!,
    lambda: pick(plan.lambda, () => 1)!,
    boxes: pick(plan.boxes, () => null),
    masks,
    partners: pick(plan.partners, (i) => [i]),
    weights: pick(plan.weights, () => [1]),
  };
}
