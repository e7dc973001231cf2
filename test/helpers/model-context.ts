import { modelNeedsOf, tf, type Mixer, type MixBatch, type MixPlan, type MixResult, type ModelContext, type ModelContextKind, type ModelMaps, type SampleData, type SampleShape } from 'mixzoo';

/** Where synthetic context is drawn: the batch shape of the plan that will use it. */
export interface ContextShape {
  batchSize: number;
  height?: number;
  width?: number;
}

/** Seeded positive values (no Math.random): sample i, cell k. */
function cell(seed: number, i: number, k: number): number {
  return (Math.sin(seed * 12.9898 + i * 78.233 + k * 0.731) + 1.05) / 2.1;
}

function maps(shape: ContextShape, seed: number, grid?: number): ModelMaps {
  const height = grid ?? shape.height ?? 1;
  const width = grid ?? shape.width ?? 1;
  const data = Array.from({ length: shape.batchSize }, (_, i) => Array.from({ length: height * width }, (_, k) => cell(seed, i, k)));
  return { height, width, data };
}

/**
 * A deterministic model context for cross-strategy suites (fuzz, golden plans, leaks...), standing
 * in for what `modelContext` computes from a real model: positive saliency and CAM maps on the
 * image grid, activation maps on a 4×4 feature grid, attention on a 2×2 patch grid, 8 features per sample.
 */
export function syntheticModelContext(kinds: readonly ModelContextKind[], shape: ContextShape, seed = 1): ModelContext {
  const context: ModelContext = {};
  for (const kind of kinds) {
    if (kind === 'saliency') context.saliency = maps(shape, seed);
    else if (kind === 'cam') context.cam = maps(shape, seed + 1);
    else if (kind === 'attention') context.attention = maps(shape, seed + 2, 2);
    else if (kind === 'activation') context.activation = maps(shape, seed + 4, 4);
    else context.features = Array.from({ length: shape.batchSize }, (_, i) => Array.from({ length: 8 }, (_, k) => cell(seed + 3, i, k)));
  }
  return context;
}

/** Whether a value is a usable sample shape (a bad one is left for the mixer to refuse). */
function isShape(shape: unknown): shape is SampleShape {
  const dim = (v: unknown, min: number) => v === undefined || (Number.isInteger(v) && (v as number) >= min);
  if (typeof shape !== 'object' || shape === null) return false;
  const s = shape as Record<string, unknown>;
  return Number.isInteger(s.batchSize) && (s.batchSize as number) >= 0 && dim(s.height, 1) && dim(s.width, 1) && dim(s.partnerBatchSize, 1);
}

/** The sample shape of a batch's tensor, when it is one (NHWC images give height and width). */
function shapeOfTensor(x: unknown): ContextShape | undefined {
  if (!(x instanceof tf.Tensor)) return undefined;
  const { shape, rank, isDisposed } = x as tf.Tensor;
  if (isDisposed || rank < 1) return undefined;
  return rank === 4 ? { batchSize: shape[0], height: shape[1], width: shape[2] } : { batchSize: shape[0] };
}

/**
 * The mixer, where it plans from the model (`modelNeedsOf(mixer)` non-empty), made to bring its own
 * synthetic context: `sample` and `mix` add `syntheticModelContext` for the batch (and a partner
 * batch's) when the caller passes none. Suites written for every strategy then run model-aware
 * ones unchanged; anything malformed is passed on untouched, for the mixer to refuse.
 */
export function withModelContext(mixer: Mixer, seed = 1): Mixer {
  const needs = modelNeedsOf(mixer);
  if (needs.length === 0) return mixer;
  const sample = (shape: SampleShape, data: SampleData = {}): MixPlan => {
    // Suites pass malformed arguments on purpose: checked as the unknowns they may be.
    const given: unknown = data;
    if (!isShape(shape) || typeof given !== 'object' || given === null) return mixer.sample(shape, data);
    const model = data.model ?? syntheticModelContext(needs, shape, seed);
    const partnerModel = data.partnerModel ?? (shape.partnerBatchSize === undefined ? undefined : syntheticModelContext(needs, { ...shape, batchSize: shape.partnerBatchSize }, seed + 10));
    return mixer.sample(shape, { ...data, model, partnerModel });
  };
  const mix = (batch: MixBatch): MixResult => {
    const given: unknown = batch;
    const own = typeof given === 'object' && given !== null ? shapeOfTensor(batch.inputs) : undefined;
    if (!own || batch.model !== undefined) return mixer.mix(batch);
    const partner = batch.partner;
    const partnerGiven: unknown = partner;
    const theirs = typeof partnerGiven === 'object' && partnerGiven !== null ? shapeOfTensor(partner?.inputs) : undefined;
    const withPartner = partner && theirs && partner.model === undefined ? { ...partner, model: syntheticModelContext(needs, theirs, seed + 10) } : partner;
    return mixer.mix({ ...batch, model: syntheticModelContext(needs, own, seed), partner: withPartner });
  };
  return {
    get name() {
      return mixer.name;
    },
    get options() {
      return mixer.options;
    },
    get strategy() {
      return mixer.strategy;
    },
    modelNeeds: needs,
    sample,
    mix,
    apply: (batch, plan) => mixer.apply(batch, plan),
    applyPixels: (x, plan, tensorName, xb) => mixer.applyPixels(x, plan, tensorName, xb),
  };
}
