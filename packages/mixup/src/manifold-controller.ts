import type { Tensor } from '@tensorflow/tfjs-core';
import {
  checkTensor, describeValue, isObject, mixLabelRows, MixzooError, readSoftLabels, shapeText, validatePlan,
  type MixBatch, type Mixer, type MixPlan, type MixResult, type SampleShape, type Strategy,
} from '@mixzoo/core';
import { armMixLayer, isArmed, MixLayer } from './mix-layer.js';

/** Shared by the strategy's `sample` and its controller: the depths of the attached MixLayers. */
export interface ManifoldState {
  attached: number[];
}

/** The labels of one training step: int32 class indices [B] (with numClasses) or float rows [B, K]. */
export interface ManifoldBatch {
  labels: Tensor;
  numClasses?: number;
}

/** One armed step: its plan, and the labels mixed by that plan (float32 [B, K], owned by the caller of `begin`). */
export interface ManifoldStep {
  plan: MixPlan;
  labels: Tensor;
}

/** A model, a layer with sub-layers (nested models), or a list of layers. */
export type MixLayerSource = { layers: readonly object[] } | readonly object[];

/**
 * The capability of a mixer that mixes inside a model rather than its inputs (manifold mixup, and
 * user strategies like it, made by a strategy's `wrapMixer`): trainers such as the lab's attach it
 * to a model that has MixLayers, then run every training step through `step`, which mixes at
 * the depth it draws and hands the step the labels mixed by the same plan.
 */
export interface HiddenLayerMixer extends Mixer {
  /** The declaration itself: true. */
  readonly mixesHiddenLayers: true;
  /** Depths (0 = the input) the model must have MixLayers at, or undefined when the trainer may choose. */
  readonly requestedDepths: readonly number[] | undefined;
  /** Finds the model's MixLayers. */
  attach(model: MixLayerSource): unknown;
  /** Runs `fn` as one training step, mixing at this step's depth; returns what `fn` returns. */
  step<T>(batch: ManifoldBatch, fn: (step: ManifoldStep) => T): T;
}

/** Whether `mixer` declares the hidden-layer capability (and has its attach / step protocol). */
export function isHiddenLayerMixer(mixer: unknown): mixer is HiddenLayerMixer {
  if (!isObject(mixer)) return false;
  const m = mixer as Partial<HiddenLayerMixer>;
  return m.mixesHiddenLayers === true && typeof m.attach === 'function' && typeof m.step === 'function';
}

function collectMixLayers(source: MixLayerSource, into: MixLayer[] = []): MixLayer[] {
  const list = Array.isArray(source) ? source : (source as { layers: readonly object[] }).layers;
  for (const layer of list) {
    if (layer instanceof MixLayer) into.push(layer);
    else if (Array.isArray((layer as { layers?: unknown }).layers)) collectMixLayers(layer as { layers: object[] }, into);
  }
  return into;
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return value !== null && (typeof value === 'object' || typeof value === 'function') && typeof (value as PromiseLike<unknown>).then === 'function';
}

/**
 * The manifold-mixup mixer (what `zoo.create('manifold-mixup')` returns) and the step protocol:
 * `attach(model)` finds the model's MixLayers; `step(batch, fn)` (or `begin` / `end`) samples one
 * plan, arms the MixLayers at the drawn depth with it, mixes the labels with it and runs `fn`:
 * every training call of the model inside `fn` mixes at that depth with that same plan, through
 * the kernel's `mixLerp` (composed ops under a gradient tape, so gradients flow). As a plain
 * Mixer (`sample`, `apply`, `mix`) it mixes the tensors it is given, like mixup.
 */
export class ManifoldMixup implements HiddenLayerMixer {
  readonly mixesHiddenLayers = true;
  private attachedLayers: MixLayer[] = [];
  private active = false;

  constructor(
    private readonly inner: Mixer,
    private readonly state: ManifoldState,
  ) {}

  /** The controller behind a mixer made by `zoo.create('manifold-mixup', ...)`. */
  static from(mixer: Mixer): ManifoldMixup {
    if (mixer instanceof ManifoldMixup) return mixer;
    throw new MixzooError('E_USAGE', `ManifoldMixup.from: expected the mixer of zoo.create('manifold-mixup', ...), got ${mixer instanceof Object && 'name' in mixer ? `a '${mixer.name}' mixer` : describeValue(mixer)}.`);
  }

  get name(): string {
    return this.inner.name;
  }

  get options(): Readonly<Record<string, unknown>> {
    return this.inner.options;
  }

  get strategy(): Strategy {
    return this.inner.strategy;
  }

  get modelNeeds(): Mixer['modelNeeds'] {
    return this.inner.modelNeeds;
  }

  /** The attached MixLayers. */
  get layers(): readonly MixLayer[] {
    return this.attachedLayers;
  }

  /** Option 'layers': the depths the model must have MixLayers at (undefined: any). */
  get requestedDepths(): readonly number[] | undefined {
    return this.options.layers as number[] | undefined;
  }

  /** Depths a step may draw: option 'layers', else every depth with an attached MixLayer. */
  get depths(): readonly number[] {
    return (this.options.layers as number[] | undefined) ?? this.state.attached;
  }

  /** Finds the MixLayers of `model` (nested models included); replaces any earlier attachment. */
  attach(model: MixLayerSource): this {
    const where = 'manifold-mixup.attach';
    if (this.active) throw new MixzooError('E_USAGE', `${where}: a step is in progress; call end() first.`);
    const isSource = Array.isArray(model) || (isObject(model) && Array.isArray((model as { layers?: unknown }).layers));
    if (!isSource) throw new MixzooError('E_USAGE', `${where}: expected a tfjs-layers model (or a list of layers), got ${describeValue(model)}.`);
    const found = collectMixLayers(model);
    if (found.length === 0) {
      throw new MixzooError('E_USAGE', `${where}: the model has no MixLayer; insert new MixLayer({ depth }) where mixing may happen (depth 0 = the input).`);
    }
    const depths = [...new Set(found.map((l) => l.depth))].sort((a, b) => a - b);
    const wanted = (this.options.layers as number[] | undefined) ?? [];
    const missing = wanted.filter((d) => !depths.includes(d));
    if (missing.length > 0) {
      throw new MixzooError('E_OPTION', `manifold-mixup: option 'layers' lists depth ${missing.join(', ')} but the model has MixLayers at depths [${depths.join(', ')}] only.`);
    }
    this.attachedLayers = found;
    this.state.attached = depths;
    return this;
  }

  /**
   * Starts a training step: samples a plan for the batch (or replays `plan`), arms the MixLayers
   * at `plan.extra.layer`, and returns the plan and the labels mixed by it. Call `end()` after the
   * step (`step()` does both).
   */
  begin(batch: ManifoldBatch, plan?: MixPlan): ManifoldStep {
    const where = 'manifold-mixup.begin';
    if (this.attachedLayers.length === 0) throw new MixzooError('E_USAGE', `${where}: no model attached; call attach(model) with a model that has MixLayers.`);
    if (this.active) throw new MixzooError('E_USAGE', `${where}: the previous step was not ended; call end() (or use step()).`);
    if (!isObject(batch)) throw new MixzooError('E_LABELS', `${where}: expected { labels, numClasses? }, got ${describeValue(batch)}.`);
    const labels = checkTensor(where, 'labels', batch.labels, ['int32', 'float32'], 'E_LABELS');
    if (labels.rank < 1) throw new MixzooError('E_LABELS', `${where}: 'labels' must be [B] or [B, K], got ${shapeText(labels.shape)}.`);
    const b = labels.shape[0];
    const chosen = plan ?? this.inner.sample({ batchSize: b });
    if (plan !== undefined) validatePlan(plan, { batchSize: b });
    const depth = chosen.extra?.layer;
    if (typeof depth !== 'number' || !this.depths.includes(depth)) {
      throw new MixzooError('E_PLAN', `${where}: plan 'extra.layer' must be one of the eligible depths [${this.depths.join(', ')}], got ${describeValue(depth)}.`);
    }
    const targets = this.attachedLayers.filter((l) => l.depth === depth);
    const busy = targets.find(isArmed);
    if (busy) throw new MixzooError('E_USAGE', `${where}: MixLayer '${busy.name}' is armed by another step; end that step first.`);
    const own = readSoftLabels(where, labels, b, batch.numClasses, this.options.labelSmoothing as number);
    const mixed = mixLabelRows(own.rows, own.rows, own.numClasses, chosen);
    for (const layer of targets) armMixLayer(layer, (x) => this.mixActivations(layer, x, chosen));
    this.active = true;
    return { plan: chosen, labels: mixed };
  }

  /** Ends the step: every attached MixLayer is the identity again. Safe to call twice. */
  end(): void {
    for (const layer of this.attachedLayers) armMixLayer(layer, null);
    this.active = false;
  }

  /**
   * `begin`, then `fn(step)`, then `end` (also when `fn` throws or its promise rejects); the step's
   * mixed labels are disposed afterwards. Returns what `fn` returns (a promise stays a promise),
   * so it works inside `optimizer.minimize(() => ...)` and around `await model.trainOnBatch(...)`.
   */
  step<T>(batch: ManifoldBatch, fn: (step: ManifoldStep) => T, plan?: MixPlan): T {
    if (typeof fn !== 'function') throw new MixzooError('E_USAGE', `manifold-mixup.step: 'fn' must be a function (step) => loss, got ${describeValue(fn)}.`);
    const current = this.begin(batch, plan);
    const finish = () => {
      this.end();
      current.labels.dispose();
    };
    let result: T;
    try {
      result = fn(current);
    } catch (error) {
      finish();
      throw error;
    }
    if (!isThenable(result)) {
      finish();
      return result;
    }
    return Promise.resolve(result).finally(finish) as T;
  }

  private mixActivations(layer: MixLayer, x: Tensor, plan: MixPlan): Tensor {
    if (x.shape[0] !== plan.lambda.length) {
      throw new MixzooError('E_SHAPE', `MixLayer '${layer.name}' (depth ${layer.depth}): the step's plan is for ${plan.lambda.length} samples, got activations ${shapeText(x.shape)}.`);
    }
    return this.inner.applyPixels(x, plan, `layer:${layer.depth}`);
  }

  sample(shape: SampleShape, data?: { inputs?: Tensor; partnerInputs?: Tensor }): MixPlan {
    return this.inner.sample(shape, data);
  }

  apply(batch: MixBatch, plan: MixPlan): MixResult {
    return this.inner.apply(batch, plan);
  }

  mix(batch: MixBatch): MixResult {
    return this.inner.mix(batch);
  }

  applyPixels(x: Tensor, plan: MixPlan, tensorName?: string, xb?: Tensor): Tensor {
    return this.inner.applyPixels(x, plan, tensorName, xb);
  }
}
