import * as tf from '@tensorflow/tfjs-core';
import { describeValue, MixzooError } from './errors.js';
import type { MixPlan } from './plan.js';
import { checkTensor, shapeText } from './tensors.js';

/**
 * What float label rows are: 'distribution' (default; one-hot or soft rows, each a probability
 * distribution) or 'multi-label' (independent per-class targets in [0, 1], any sum, BCE-style).
 */
export type LabelKind = 'distribution' | 'multi-label';
export const LABEL_KINDS = ['distribution', 'multi-label'] as const;

/** How far a distribution row's sum may be from 1 (float32 rows of soft labels, rounding). */
export const LABEL_SUM_TOLERANCE = 1e-3;

/**
 * Largest `numClasses` accepted: labels become a dense float32 [B, K] tensor, so an absurd K
 * (a typo, 1e12) must fail before anything is allocated. 2^24 (16,777,216) classes is far beyond
 * any real label space and is where float32 stops counting exactly.
 */
export const MAX_CLASSES = 2 ** 24;

function labelError(where: string, message: string): MixzooError {
  return new MixzooError('E_LABELS', `${where}: ${message}`);
}

/**
 * Reads labels as soft rows (float64, row-major [B, K]) after validation and label smoothing.
 * Accepts int32 class indices [B] (then `numClasses` is required), float [B] holding whole class
 * indices, or float [B, K] one-hot / soft rows with values in [0, 1]. Unlike tf.oneHot, an index
 * out of range is an error, never a silent zero row.
 */
export function readSoftLabels(
  where: string,
  labels: tf.Tensor,
  batchSize: number,
  numClasses: number | undefined,
  smoothing: number,
  arg = 'labels',
  kind: LabelKind = 'distribution',
): { rows: Float64Array; numClasses: number } {
  checkTensor(where, arg, labels, ['int32', 'float32'], 'E_LABELS');
  if (labels.shape[0] !== batchSize) {
    throw labelError(where, `'${arg}' must have batch size ${batchSize} (as the inputs), got shape ${shapeText(labels.shape)}.`);
  }
  if (numClasses !== undefined && (!Number.isInteger(numClasses) || numClasses < 1 || numClasses > MAX_CLASSES)) {
    throw labelError(where, `'numClasses' must be an integer from 1 to ${MAX_CLASSES}, got ${describeValue(numClasses)}.`);
  }
  if (!(LABEL_KINDS as readonly unknown[]).includes(kind)) {
    throw labelError(where, `'labelKind' must be ${LABEL_KINDS.map((k) => `'${k}'`).join(' or ')}, got ${describeValue(kind)}.`);
  }
  const values = labels.dataSync();
  let rows: Float64Array;
  let k: number;
  if (labels.rank === 1) {
    if (numClasses === undefined) {
      throw labelError(where, `'${arg}' are class indices ${shapeText(labels.shape)}: pass 'numClasses' too (or one-hot labels [B, K]).`);
    }
    k = numClasses;
    rows = new Float64Array(batchSize * k);
    values.forEach((v, i) => {
      if (!Number.isInteger(v) || v < 0 || v >= k) {
        throw labelError(where, `'${arg}[${i}]' must be a class index in [0, ${k}), got ${describeValue(v)}.`);
      }
      rows[i * k + v] = 1;
    });
  } else if (labels.rank === 2 && labels.dtype === 'float32') {
    k = labels.shape[1] ?? 0;
    if (numClasses !== undefined && numClasses !== k) {
      throw labelError(where, `'numClasses' is ${numClasses} but '${arg}' have ${k} columns.`);
    }
    if (k < 1) throw labelError(where, `'${arg}' must have at least one class column, got shape ${shapeText(labels.shape)}.`);
    rows = Float64Array.from(values);
    rows.forEach((v, i) => {
      if (!(v >= 0 && v <= 1)) {
        throw labelError(where, `'${arg}[${Math.floor(i / k)}][${i % k}]' must be in [0, 1], got ${describeValue(v)}.`);
      }
    });
    if (kind === 'distribution') checkDistributions(where, arg, rows, batchSize, k);
  } else {
    throw labelError(where, `'${arg}' must be int32 class indices [B] or float32 one-hot/soft rows [B, K], got ${labels.dtype} ${shapeText(labels.shape)}.`);
  }
  if (smoothing > 0) {
    // Smoothing happens before mixing (and also for unmixed samples): on = 1 − s + s/K, off = s/K.
    const off = smoothing / k;
    for (let i = 0; i < rows.length; i++) rows[i] = rows[i] * (1 - smoothing) + off;
  }
  return { rows, numClasses: k };
}

/** Each row must be a probability distribution: its sum within LABEL_SUM_TOLERANCE of 1 (a zero row is no label at all). */
function checkDistributions(where: string, arg: string, rows: Float64Array, batchSize: number, k: number): void {
  for (let i = 0; i < batchSize; i++) {
    let sum = 0;
    for (let c = 0; c < k; c++) sum += rows[i * k + c];
    if (Math.abs(sum - 1) > LABEL_SUM_TOLERANCE) {
      throw labelError(
        where,
        `'${arg}[${i}]' must be a distribution (sum 1 ± ${LABEL_SUM_TOLERANCE}), got sum ${sum}${sum === 0 ? ' (an all-zero row)' : ''}; for multi-label targets pass labelKind: 'multi-label'.`,
      );
    }
  }
}

/**
 * Applies the plan's label rule: `y_i' = λ_i y_i + (1 − λ_i) y_partner(i)` (with `labelWeights`:
 * `own_i y_i + partner_i y_partner(i)`), or for k-way plans
 * `y_i' = Σ_k weights[i][k] · y_partners[i][k]`. `own`/`other` are [B, K] and [B', K] soft rows.
 */
export function mixLabelRows(own: Float64Array, other: Float64Array, numClasses: number, plan: MixPlan<unknown>): tf.Tensor2D {
  const k = numClasses;
  const b = plan.lambda.length;
  const out = new Float32Array(b * k);
  for (let i = 0; i < b; i++) {
    const row = i * k;
    const { partners, weights } = plan;
    if (partners && weights) {
      partners[i].forEach((p, j) => {
        const w = weights[i][j];
        for (let c = 0; c < k; c++) out[row + c] += w * other[p * k + c];
      });
    } else {
      // labelWeights (strategies with labelRule 'weights') replace λ / 1 − λ; λ stays the geometry.
      const wOwn = plan.labelWeights ? plan.labelWeights.own[i] : plan.lambda[i];
      const wPartner = plan.labelWeights ? plan.labelWeights.partner[i] : 1 - plan.lambda[i];
      const p = plan.partner[i] * k;
      for (let c = 0; c < k; c++) out[row + c] = wOwn * own[row + c] + wPartner * other[p + c];
    }
  }
  return tf.tensor2d(out, [b, k], 'float32');
}
