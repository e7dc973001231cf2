import * as tf from '@tensorflow/tfjs-core';
import {
  describeValue, identityPlan, isObject, mixLabelRows, MixzooError, modelNeedsOf, parseOptions, readSoftLabels,
  type MixBatch, type Mixer, type MixPlan, type MixSchedule, type ModelContext, type ModelContextKind, type ScheduledMixing, type Seed, type Zoo,
} from '@mixzoo/core';
import { z } from 'zod';
import { isAugmentation } from './augmentation.js';
import { createAugmenter, type Augmenter } from './augmenter.js';
import { mapFnOf, type MapFnOptions, type TfDataElement } from './map-fn.js';
import { AUGMENT_PLAN_VERSION, checkAugmentPlanVersion, type AugmentPlan } from './plan.js';
import { epochMixers, type EpochMixers } from './pipeline-schedule.js';
import type { AugmentSpec } from './specs.js';

/** What a pipeline does to every batch: per-sample augmentations in order, then one mixing strategy. */
export interface PipelineSpec {
  augment?: AugmentSpec[];
  /** A registered strategy name, or { name, options }. Omitted: augment only. */
  mix?: string | { name: string; options?: Record<string, unknown> };
  /** The mix's schedule over epochs (docs/schedules.md); the pipeline follows `setEpoch`. */
  schedule?: MixSchedule;
}

/** The full, JSON-serializable plan of one batch: every augmentation step's plan, then the mix plan. */
export interface PipelinePlan {
  /** Plan format version (AUGMENT_PLAN_VERSION when written by apply); absent = format 1, from before plans were versioned. */
  version?: number;
  augment: AugmentPlan[];
  mix: MixPlan | null;
  /** With a schedule: the epoch the batch was drawn in, and what the schedule said then (mix is null where it was off). */
  epoch?: number;
  mixing?: ScheduledMixing;
}

export interface PipelineResult {
  inputs: tf.Tensor;
  /** float32 [B, K], when labels were given. */
  labels?: tf.Tensor;
  targets?: Record<string, tf.Tensor>;
  plan: PipelinePlan;
}

/** Augment-then-mix, seeded and replayable; `mapFn()` plugs it into tfjs-data's `dataset.map`. */
export interface Pipeline {
  readonly augmenter: Augmenter;
  /** The mixer (of the current epoch, with a schedule), or undefined for an augment-only pipeline or an epoch without mixing. */
  readonly mixer: Mixer | undefined;
  /** The current epoch (0 until setEpoch). */
  readonly epoch: number;
  /** Starts epoch `epoch` (an integer >= 0): with a schedule, the mixer becomes that epoch's; call it before each epoch's batches. */
  setEpoch(epoch: number): void;
  /** Draws the plans for this batch and applies them. Inputs untouched; outputs are new tensors. */
  apply(batch: MixBatch): PipelineResult;
  /** Applies a plan (e.g. from `apply`, logged as JSON) again: the same batch gives the same outputs. */
  replay(batch: MixBatch, plan: PipelinePlan): PipelineResult;
  /** A function for tfjs-data's `dataset.map` over batched `{ xs, ys }` elements (fitDataset). */
  mapFn(options?: MapFnOptions): (element: TfDataElement) => TfDataElement;
}

/**
 * Computes the model context a model-aware mixer needs, on the augmented batch it is about to mix,
 * e.g. `(batch, needs) => modelContext(model, batch, needs)` with mixzoo's `modelContext`.
 */
export type ModelContextProvider = (batch: { inputs: tf.Tensor; labels?: tf.Tensor; numClasses?: number }, needs: readonly ModelContextKind[]) => ModelContext;

export interface PipelineOptions {
  /** Seed of the augmentations and of the mixer; defaults to the zoo's seed. */
  seed?: Seed;
  /**
   * For a mixer that plans from the model (`modelNeedsOf(mixer)` non-empty): called once per batch,
   * after the augmentations, unless the batch brings its own `model` context. Never called for
   * other mixers, nor on replay (plans already hold what the model said).
   */
  modelContext?: ModelContextProvider;
}

const specSchema = z.strictObject({
  augment: z.array(z.unknown()).default([]).describe('Augmentations applied to each sample, in order.'),
  mix: z
    .union([z.string(), z.strictObject({ name: z.string(), options: z.record(z.string(), z.unknown()).optional() })])
    .optional()
    .describe("The mixing strategy: a name ('cutmix') or { name, options }."),
  schedule: z.unknown().optional().describe('The mix\'s schedule over epochs: on/off and alpha/prob ramps (docs/schedules.md).'),
});

const WHERE = 'pipeline';

class AugmentMixPipeline implements Pipeline {
  private current = 0;
  private active: Mixer | undefined;

  constructor(
    readonly augmenter: Augmenter,
    mixer: Mixer | undefined,
    private readonly scheduled?: EpochMixers,
    private readonly provider?: ModelContextProvider,
  ) {
    this.active = scheduled ? scheduled.mixerAt(0) : mixer;
  }

  get mixer(): Mixer | undefined {
    return this.active;
  }

  get epoch(): number {
    return this.current;
  }

  setEpoch(epoch: number): void {
    if (!Number.isInteger(epoch) || epoch < 0) throw new MixzooError('E_OPTION', `${WHERE}.setEpoch: 'epoch' must be an integer >= 0, got ${describeValue(epoch)}.`);
    if (this.scheduled) this.active = this.scheduled.mixerAt(epoch);
    this.current = epoch;
  }

  apply(batch: MixBatch): PipelineResult {
    return this.run(batch);
  }

  replay(batch: MixBatch, plan: PipelinePlan): PipelineResult {
    if (!isObject(plan) || !Array.isArray(plan.augment) || !('mix' in plan)) {
      throw new MixzooError('E_PLAN', `${WHERE}.replay: 'plan' must be { augment: AugmentPlan[], mix: MixPlan | null } (from apply), got ${describeValue(plan)}.`);
    }
    checkAugmentPlanVersion(`${WHERE}.replay`, plan.version);
    const mixer = this.scheduled ? this.scheduled.replayMixer(plan) : this.mixer;
    if ((plan.mix === null) !== (mixer === undefined)) {
      const want = mixer ? `a '${mixer.name}' mix plan` : 'mix: null (this pipeline does not mix)';
      throw new MixzooError('E_PLAN', `${WHERE}.replay: 'plan.mix' must be ${want}, got ${describeValue(plan.mix)}.`);
    }
    if (plan.mix && mixer && plan.mix.strategy !== mixer.name) {
      throw new MixzooError('E_PLAN', `${WHERE}.replay: 'plan.mix' was sampled by '${plan.mix.strategy}', this pipeline mixes with '${mixer.name}'.`);
    }
    return this.run(batch, plan, mixer);
  }

  mapFn(options: MapFnOptions = {}): (element: TfDataElement) => TfDataElement {
    return mapFnOf(this, options);
  }

  private run(batch: MixBatch, plan?: PipelinePlan, mixer = this.mixer): PipelineResult {
    if (isObject(batch) && batch.partner !== undefined) {
      throw new MixzooError('E_SHAPE', `${WHERE}: partner batches (cross-dataset mixing) are not supported; mix them with the cross-dataset strategy.`);
    }
    const augmented = plan ? this.augmenter.apply(batch, plan.augment) : this.augmenter.augment(batch);
    const intermediates = [augmented.inputs, ...Object.values(augmented.targets ?? {})];
    const epoch = this.scheduled ? { epoch: plan?.epoch ?? this.current, mixing: this.scheduled.at(plan?.epoch ?? this.current) } : {};
    try {
      if (!mixer) {
        const out: PipelineResult = { inputs: augmented.inputs, plan: { version: AUGMENT_PLAN_VERSION, augment: augmented.plans, mix: null, ...epoch } };
        if (batch.labels !== undefined) out.labels = oneHotRows(batch, batch.labels);
        if (augmented.targets) out.targets = augmented.targets;
        return out;
      }
      const mixBatch: MixBatch = { ...batch, inputs: augmented.inputs, targets: augmented.targets };
      const needs = modelNeedsOf(mixer);
      if (!plan?.mix && needs.length > 0 && batch.model === undefined && this.provider) {
        mixBatch.model = this.provider({ inputs: augmented.inputs, labels: batch.labels, numClasses: batch.numClasses }, needs);
      }
      const mixed = plan?.mix ? mixer.apply(mixBatch, plan.mix) : mixer.mix(mixBatch);
      tf.dispose(intermediates);
      const out: PipelineResult = { inputs: mixed.inputs, plan: { version: AUGMENT_PLAN_VERSION, augment: augmented.plans, mix: mixed.plan, ...epoch } };
      if (mixed.labels) out.labels = mixed.labels;
      if (mixed.targets) out.targets = mixed.targets;
      return out;
    } catch (error) {
      tf.dispose(intermediates);
      throw error;
    }
  }
}

/** Without a mixer, labels still come back as float32 [B, K] rows (one-hot), as a mixer would return them. */
function oneHotRows(batch: MixBatch, labels: tf.Tensor): tf.Tensor {
  const b = batch.inputs.shape[0];
  const { rows, numClasses } = readSoftLabels(WHERE, labels, b, batch.numClasses, 0);
  return mixLabelRows(rows, rows, numClasses, identityPlan(WHERE, b));
}

/**
 * Builds a pipeline on a zoo: `createPipeline(zoo, { augment: ['crop', 'flip'], mix: 'cutmix' })`.
 * Augmentations and the mixer both reach pixels through the zoo's ops (`zoo.kernels`).
 * Everything is validated now (E_OPTION, E_UNKNOWN_STRATEGY), not at the first batch.
 */
export function createPipeline(zoo: Pick<Zoo, 'create' | 'seed' | 'kernels'>, spec: PipelineSpec, options: PipelineOptions = {}): Pipeline {
  const parsed = parseOptions(WHERE, specSchema, spec);
  const seed = options.seed ?? zoo.seed;
  if (options.modelContext !== undefined && typeof options.modelContext !== 'function') {
    throw new MixzooError('E_OPTION', `${WHERE}: option 'modelContext' must be a function (batch, needs) => ModelContext, got ${describeValue(options.modelContext)}.`);
  }
  parsed.augment.forEach((entry, i) => {
    if (typeof entry !== 'string' && !isAugmentation(entry) && !isObject(entry)) {
      throw new MixzooError('E_OPTION', `${WHERE}: option 'augment[${i}]' must be a name, { name, options? } or an augmentation, got ${describeValue(entry)}.`);
    }
  });
  const augmenter = createAugmenter(parsed.augment as AugmentSpec[], { seed, kernels: zoo.kernels });
  const mix = typeof parsed.mix === 'string' ? { name: parsed.mix, options: undefined } : parsed.mix;
  const mixer = mix ? zoo.create(mix.name, mix.options, { seed }) : undefined;
  return new AugmentMixPipeline(augmenter, mixer, epochMixers(zoo, WHERE, mix, parsed.schedule, seed), options.modelContext);
}
