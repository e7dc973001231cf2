import * as tf from '@tensorflow/tfjs-core';
import { defineStrategy, describeValue, drawPairing, isObject, mixingOptions, MixzooError, scaleBox, unmixedPartner, type Box, type MixPlan, type PlanBounds } from '@mixzoo/core';
import { z } from 'zod';
import { areaLambda, boxArea, cutRatio, cutSize, randomCentreBox } from '../boxes/box-sampling.js';
import { mapOnGrid, pairMaps } from '../model-maps.js';

/** A SnapMix plan's `extra`: where each pasted patch comes from in the partner, on the `height`×`width` grid the plan was sampled for. */
export type SnapMixExtra = {
  sources: (Box | null)[];
  height: number;
  width: number;
};

/** The reference's guard against an empty CAM. */
const EPSILON = 1e-8;

/**
 * SnapMix's semantic percent map: the CAM resized to H×W (bilinear, half-pixel centres), minus
 * its minimum, divided by its sum. A flat CAM has no mass: null (its label weight falls back to area).
 */
export function normalizeCam(cam: Float64Array): Float64Array | null {
  const min = cam.reduce((m, v) => Math.min(m, v), Infinity);
  const shifted = cam.map((v) => v - min);
  const sum = shifted.reduce((s, v) => s + v, 0);
  return sum > 0 ? shifted.map((v) => v / sum) : null;
}

function boxSum(map: Float64Array, box: Box, width: number): number {
  let sum = 0;
  for (let r = box.y0; r < box.y1; r++) for (let c = box.x0; c < box.x1; c++) sum += map[r * width + c];
  return sum;
}

/**
 * SnapMix's label weights: ρa = 1 − (CAM mass of `own` inside `target`, the box that is covered)
 * and ρb = the CAM mass of `partner` inside `source`, the box that is pasted. A map without mass
 * (null) falls back to the area: ρa = 1 − |target|/HW, ρb = |target|/HW. They need not sum to 1.
 */
export function snapmixWeights(own: Float64Array | null, partner: Float64Array | null, target: Box, source: Box, height: number, width: number): { own: number; partner: number } {
  const mass = (map: Float64Array) => map.reduce((s, v) => s + v, 0) + EPSILON;
  const area = boxArea(target) / (height * width);
  return {
    own: own ? 1 - boxSum(own, target, width) / mass(own) : 1 - area,
    partner: partner ? boxSum(partner, source, width) / mass(partner) : area,
  };
}

/** Normalised pixel corners of a box for tf.image.cropAndResize: pixel centres r0 … r1 − 1 (align_corners=true sampling). */
function cropCorners(box: Box, height: number, width: number): [number, number, number, number] {
  const at = (v: number, n: number) => (n > 1 ? v / (n - 1) : 0);
  return [at(box.y0, height), at(box.x0, width), at(box.y1 - 1, height), at(box.x1 - 1, width)];
}

const planError = (message: string) => new MixzooError('E_PLAN', `snapmix: ${message}`);

/**
 * SnapMix (Shaoli-Huang/SnapMix utils/mixmethod.py `snapmix`): two CutMix boxes, a target box in
 * the image (size from λ ~ Beta(α, α)) and a source box in the partner (from λ₁ ~ Beta(α, α)); the
 * source is resized (bilinear, align_corners) into the target. Labels weigh by the class
 * activation mass: own ρa = 1 − CAM mass covered, partner ρb = CAM mass pasted (not summing to 1).
 */
export const snapmix = defineStrategy({
  name: 'snapmix',
  family: 'model-aware',
  paper: 'Huang, Wang, Tao. SnapMix: Semantically Proportional Mixing for Augmenting Fine-grained Data. AAAI 2021.',
  summary: "Pastes a resized box of the partner into a box of each image; labels weigh by the class activation map (CAM) mass kept and pasted, not by area.",
  needs: { spatial: true, model: ['cam'] },
  labelRule: 'weights',
  options: z.strictObject(mixingOptions({ alpha: 1, mode: 'batch', modes: ['batch', 'elem'] })),
  sample(ctx): MixPlan<SnapMixExtra> {
    const { height, width } = ctx;
    const cams = pairMaps('snapmix.sample', ctx, 'cam');
    // Semantic percent maps, once per sample (partners have their own maps only across batches).
    const percent = new Map<string, Float64Array | null>();
    const percentOf = (side: 'own' | 'partner', i: number) => {
      const key = side === 'partner' && cams.partner !== cams.own ? `partner${i}` : `${i}`;
      if (!percent.has(key)) percent.set(key, normalizeCam(mapOnGrid(cams[side], i, height, width)));
      return percent.get(key) ?? null;
    };
    const lambdas = ctx.rng.stream('lambda');
    const geometry = ctx.rng.stream('geometry');
    const draw = drawPairing(ctx);
    const boxOf = (lambda: number) => {
      const { cutH, cutW } = cutSize(height, width, cutRatio(lambda));
      return randomCentreBox(geometry, height, width, cutH, cutW);
    };
    // One target/source pair per draw group with active samples, in group order.
    const groups = new Map<number, { target: Box; source: Box }>();
    draw.active.forEach((active, i) => {
      const g = draw.group[i];
      if (!active || groups.has(g)) return;
      const lambda = lambdas.beta(ctx.options.alpha, ctx.options.alpha);
      const lambda1 = lambdas.beta(ctx.options.alpha, ctx.options.alpha);
      groups.set(g, { target: boxOf(lambda), source: boxOf(lambda1) });
    });
    const plan: MixPlan<SnapMixExtra> = { strategy: 'snapmix', partner: [], lambda: [], boxes: [], height, width, extra: { sources: [], height, width }, labelWeights: { own: [], partner: [] } };
    draw.partner.forEach((p, i) => {
      const pair = draw.active[i] ? groups.get(draw.group[i]) : undefined;
      // A box of zero area (tiny images, λ near 1) mixes nothing, as the reference.
      const mixed = pair !== undefined && boxArea(pair.target) > 0 && boxArea(pair.source) > 0;
      const weights = mixed ? snapmixWeights(percentOf('own', i), percentOf('partner', p), pair.target, pair.source, height, width) : { own: 1, partner: 0 };
      plan.partner.push(mixed ? p : unmixedPartner(i, draw.external));
      plan.lambda.push(mixed ? areaLambda(pair.target, height, width) : 1);
      plan.boxes?.push(mixed ? { ...pair.target } : null);
      plan.extra?.sources.push(mixed ? { ...pair.source } : null);
      plan.labelWeights?.own.push(weights.own);
      plan.labelWeights?.partner.push(weights.partner);
    });
    return plan;
  },
  checkPlan(plan, bounds: PlanBounds) {
    const extra: unknown = plan.extra;
    const b = bounds.batchSize;
    const { sources, height, width } = (isObject(extra) ? extra : {}) as Partial<SnapMixExtra>;
    if (!Array.isArray(sources) || sources.length !== b || !Number.isInteger(height) || !Number.isInteger(width)) {
      throw planError(`plan 'extra' must be { sources, height, width } with one source box (or null) per sample (${b}), got ${describeValue(extra)}.`);
    }
    sources.forEach((box: Box | null | undefined, i) => {
      const target = plan.boxes?.[i] ?? null;
      if ((box === null) !== (target === null)) throw planError(`plan 'extra.sources[${i}]' must be a box exactly when 'boxes[${i}]' is one, got ${describeValue(box)}.`);
      if (box === null) return;
      const ok = box !== undefined && [box.y0, box.x0, box.y1, box.x1].every(Number.isInteger) && box.y0 >= 0 && box.x0 >= 0 && box.y0 < box.y1 && box.x0 < box.x1 && box.y1 <= (height ?? 0) && box.x1 <= (width ?? 0);
      if (!ok) throw planError(`plan 'extra.sources[${i}]' must be a non-empty integer box inside ${String(height)}×${String(width)}, got ${describeValue(box)}.`);
    });
  },
  apply(x, plan, ctx) {
    const [b, h, w, channels] = x.shape;
    const xb = ctx.partnerInputs ?? x;
    const extra = plan.extra;
    const boxes = plan.boxes ?? [];
    // Nothing pasted (an empty batch, prob, tiny images): the pixels as they are.
    if (!boxes.some((box) => box && boxArea(box) > 0)) return tf.clone(x);
    return tf.tidy(() => {
      const source = xb.dtype === 'float32' ? xb : tf.cast(xb, 'float32');
      const mask = tf.buffer([b, h, w, 1], 'float32');
      const patches: tf.Tensor[] = [];
      for (let i = 0; i < b; i++) {
        const target = boxes[i];
        const from = extra?.sources[i];
        if (!target || !from || boxArea(target) === 0) {
          patches.push(tf.zeros([1, h, w, channels]));
          continue;
        }
        // Sources are on the plan's grid; aligned targets of another size get them scaled like the boxes.
        const scaled = scaleBox(from, extra.height, extra.width, xb.shape[1] ?? h, xb.shape[2] ?? w);
        const size: [number, number] = [target.y1 - target.y0, target.x1 - target.x0];
        const method = x.dtype === 'int32' ? 'nearest' : 'bilinear';
        const crop = tf.image.cropAndResize(source as tf.Tensor4D, [cropCorners(scaled, xb.shape[1] ?? h, xb.shape[2] ?? w)], [plan.partner[i]], size, method);
        patches.push(tf.pad(crop, [[0, 0], [target.y0, h - target.y1], [target.x0, w - target.x1], [0, 0]]));
        for (let r = target.y0; r < target.y1; r++) for (let c = target.x0; c < target.x1; c++) mask.set(1, i, r, c, 0);
      }
      const m = mask.toTensor();
      const own = x.dtype === 'float32' ? x : tf.cast(x, 'float32');
      const out = tf.add(tf.mul(own, tf.sub(1, m)), tf.mul(tf.concat(patches, 0), m));
      return x.dtype === 'int32' ? tf.cast(tf.round(out), 'int32') : out;
    });
  },
});
