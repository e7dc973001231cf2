import { describeValue, didYouMean, isObject, MixzooError } from './errors.js';

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
export interface MixPlan<Extra = Record<string, unknown>> {
  strategy: string;
  /** Plan format version (PLAN_VERSION for sampled plans); absent = format 1, from before plans were versioned. */
  version?: number;
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
  /** Strategy-specific fields (resized patch sizes, chosen sub-strategy, manifold layer, ...), typed per strategy. */
  extra?: Extra;
  /**
   * Only for strategies declaring `labelRule: 'weights'`: per-sample weights of the own and the
   * partner label, `y_i' = own[i]·y_i + partner[i]·y_partner(i)`; `lambda` stays the geometry.
   */
  labelWeights?: { own: number[]; partner: number[] };
}

/** The plan format sampled plans carry in `version`. 2 added `version` itself and `labelWeights`. */
export const PLAN_VERSION = 2;

/** The fields of a plan, every version (a typo or a smuggled key such as '__proto__' is refused). */
const PLAN_KEYS: ReadonlySet<string> = new Set(['strategy', 'version', 'partner', 'lambda', 'boxes', 'masks', 'partners', 'weights', 'labelWeights', 'height', 'width', 'extra']);

/**
 * Brings a plan of any supported format to the current one: a plan without `version` is format 1
 * (before plans were versioned), which is the current format minus the new optional fields, so the
 * migration is the identity. A version this mixzoo does not know is an error (E_PLAN).
 */
export function migratePlan<P extends MixPlan<unknown>>(plan: P): P {
  if (!isObject(plan)) throw planError(`expected an object, got ${describeValue(plan)}.`);
  const unknown = Object.keys(plan).find((key) => !PLAN_KEYS.has(key));
  if (unknown !== undefined) {
    throw planError(`unknown field '${unknown}'.${didYouMean(unknown, [...PLAN_KEYS])} A plan has ${[...PLAN_KEYS].join(', ')}; strategy-specific fields go in 'extra'.`);
  }
  const { version } = plan;
  if (version === undefined) return plan;
  if (!Number.isInteger(version) || version < 1) {
    throw planError(`'version' must be an integer from 1 to ${PLAN_VERSION}, got ${describeValue(version)}.`);
  }
  if (version > PLAN_VERSION) {
    throw planError(`'version' is ${version}: this plan was written by a newer mixzoo (this one reads plan versions up to ${PLAN_VERSION}); upgrade mixzoo to apply it.`);
  }
  return plan;
}

/** Tolerance of the rule "lambda is the share of own content actually kept" (mask mean, box area). */
export const LAMBDA_TOLERANCE = 1e-6;

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
export function validatePlan(plan: MixPlan<unknown>, bounds: PlanBounds): void {
  migratePlan(plan);
  const b = bounds.batchSize;
  const partnerBound = bounds.partnerBatchSize ?? b;
  if (typeof plan.strategy !== 'string') throw planError(`'strategy' must be a string, got ${describeValue(plan.strategy)}.`);
  checkIndexArray('partner', plan.partner, b, Math.max(partnerBound, 1));
  checkUnitArray('lambda', plan.lambda, b);
  let maskMeans: (number | null)[] = [];
  const height = plan.height ?? bounds.height;
  const width = plan.width ?? bounds.width;
  if (plan.boxes !== undefined) {
    if (!Array.isArray(plan.boxes) || plan.boxes.length !== b) {
      throw planError(`'boxes' must be an array of length ${b}, got ${describeValue(plan.boxes)}.`);
    }
    if (height === undefined || width === undefined) throw planError(`'boxes' need the plan's 'height' and 'width'.`);
    // A deserialized or hand-written plan may hold anything, holes included.
    plan.boxes.forEach((box: Box | null | undefined, i) => {
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
    if (!isObject(m) || !Number.isInteger(m.height) || !Number.isInteger(m.width) || m.height < 1 || m.width < 1 || !Array.isArray(m.data)) {
      throw planError(`'masks' must be { height, width, data } with integer height and width >= 1, got ${describeValue(m)}.`);
    }
    if ((height !== undefined && m.height !== height) || (width !== undefined && m.width !== width)) {
      throw planError(`'masks' are ${m.height}×${m.width} but the images are ${height ?? '?'}×${width ?? '?'}; masks must match the image size.`);
    }
    if (m.data.length !== b && m.data.length !== 1) {
      throw planError(`'masks.data' must have length ${b} (one per sample) or 1 (shared), got ${m.data.length}.`);
    }
    maskMeans = m.data.map((row, i) => {
      if (row === null) return null;
      if (!Array.isArray(row) || row.length !== m.height * m.width) {
        throw planError(`'masks.data[${i}]' must have ${m.height}×${m.width} = ${m.height * m.width} values, got ${describeValue(row)}.`);
      }
      let sum = 0;
      for (const v of row) {
        // typeof first: null >= 0 and '0.5' <= 1 are true in JavaScript.
        if (typeof v !== 'number' || !(v >= 0 && v <= 1)) throw planError(`'masks.data[${i}]' values must be numbers in [0, 1], got ${describeValue(v)}.`);
        sum += v;
      }
      return sum / row.length;
    });
  }
  if ((plan.partners === undefined) !== (plan.weights === undefined)) {
    throw planError(`'partners' and 'weights' come together (k-way plans).`);
  }
  const { partners, weights: kWeights } = plan;
  if (partners !== undefined && kWeights !== undefined) {
    if (!Array.isArray(partners) || partners.length !== b || !Array.isArray(kWeights) || kWeights.length !== b) {
      throw planError(`'partners' and 'weights' must be arrays of length ${b}.`);
    }
    partners.forEach((row, i) => {
      const weights = kWeights[i];
      checkIndexArray(`partners[${i}]`, row, Array.isArray(row) ? row.length : -1, Math.max(partnerBound, 1));
      checkUnitArray(`weights[${i}]`, weights, Array.isArray(row) ? row.length : 0);
      const sum = weights.reduce((s, w) => s + w, 0);
      if (Math.abs(sum - 1) > 1e-6) throw planError(`'weights[${i}]' must sum to 1, got ${sum}.`);
    });
  }
  if (plan.labelWeights !== undefined) {
    const lw = plan.labelWeights;
    if (!isObject(lw)) throw planError(`'labelWeights' must be { own, partner }, got ${describeValue(lw)}.`);
    if (plan.partners !== undefined) throw planError(`'labelWeights' cannot be combined with k-way 'partners'/'weights' (those are the label weights).`);
    for (const side of ['own', 'partner'] as const) {
      const values = lw[side];
      if (!Array.isArray(values) || values.length !== b) throw planError(`'labelWeights.${side}' must be an array of length ${b}, got ${describeValue(values)}.`);
      values.forEach((v, i) => {
        if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) throw planError(`'labelWeights.${side}[${i}]' must be a finite number >= 0, got ${describeValue(v)}.`);
      });
    }
  }
  checkLambdaGeometry(plan, bounds.partnerBatchSize !== undefined, maskMeans, height, width);
}

/**
 * `lambda` is the geometry: the share of own content actually kept, so labels never contradict the
 * pixels. A sample with a mask row must have λ = mean(mask); one with a box (and no mask)
 * λ = 1 − box area / (H·W); both within LAMBDA_TOLERANCE. This only binds when the partner really
 * differs (partner ≠ self, or an external partner batch): otherwise the pixels are untouched and
 * any λ gives the own label. k-way plans label by `weights` (their strategy checks them).
 */
function checkLambdaGeometry(plan: MixPlan<unknown>, external: boolean, maskMeans: readonly (number | null)[], height?: number, width?: number): void {
  if (plan.partners !== undefined) return;
  // Each mask row's mean was summed once, in pixel order, while its values were checked.
  const maskMean = (i: number) => (maskMeans.length === 1 ? maskMeans[0] : maskMeans[i]) ?? null;
  plan.lambda.forEach((lambda, i) => {
    if (!external && plan.partner[i] === i) return;
    const mean = maskMean(i);
    const box = plan.boxes?.[i];
    let kept: number | undefined;
    let what = '';
    if (mean !== null) {
      kept = mean;
      what = 'the mean of its mask';
    } else if (box && height !== undefined && width !== undefined) {
      kept = 1 - ((box.y1 - box.y0) * (box.x1 - box.x0)) / (height * width);
      what = `1 − box area/(H·W) for box ${describeValue(box)}`;
    }
    if (kept !== undefined && Math.abs(lambda - kept) > LAMBDA_TOLERANCE) {
      throw planError(
        `'lambda[${i}]' is ${lambda} but the pixels keep ${kept} of the own sample (${what}); lambda must be the share actually kept (use 'labelWeights' for another label rule).`,
      );
    }
  });
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
export function restrictPlan<E>(plan: MixPlan<E>, keep: readonly boolean[]): MixPlan<E> {
  const pick = <T>(values: readonly T[], identity: (i: number) => T) => values.map((v, i) => (keep[i] ? v : identity(i)));
  const { boxes, masks, partners, weights, labelWeights } = plan;
  return {
    ...plan,
    partner: pick(plan.partner, (i) => i),
    lambda: pick(plan.lambda, () => 1),
    boxes: boxes && pick(boxes, () => null),
    masks: masks && {
      ...masks,
      data: keep.map((k, i) => (k ? (masks.data.length === 1 ? masks.data[0] : masks.data[i]) : null)),
    },
    partners: partners && pick(partners, (i) => [i]),
    weights: weights && pick(weights, () => [1]),
    labelWeights: labelWeights && {
      own: pick(labelWeights.own, () => 1),
      partner: pick(labelWeights.partner, () => 0),
    },
  };
}
