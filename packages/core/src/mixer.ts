import * as tf from '@tensorflow/tfjs-core';
import { applyPlan } from './apply-plan.js';
import { describeValue, isObject, MixzooError, strategyFailure } from './errors.js';
import { scalePlanGeometry } from './geometry.js';
import type { KernelOps } from './kernel-ops.js';
import { mixLabelRows, readSoftLabels, type LabelKind } from './labels.js';
import { migratePlan, PLAN_VERSION, validatePlan, type MixPlan, type PlanBounds } from './plan.js';
import type { Rng } from './rng.js';
import { checkModelContext } from './model-context.js';
import { MODEL_CONTEXT_KINDS, type ApplyContext, type MixBatch, type Mixer, type MixResult, type ModelContext, type ModelContextKind, type SampleData, type SampleShape, type Strategy } from './strategy.js';
import { checkTensor, isTensor, shapeText } from './tensors.js';

function shapeError(where: string, message: string): MixzooError {
  return new MixzooError('E_SHAPE', `${where}: ${message}`);
}

function checkDim(where: string, arg: string, value: unknown, min: number): void {
  if (value !== undefined && (!Number.isInteger(value) || (value as number) < min)) {
    throw shapeError(where, `'${arg}' must be an integer >= ${min}, got ${describeValue(value)}.`);
  }
}

/** Sample shape of an input tensor: NHWC images give height/width/channels. */
function shapeOf(x: tf.Tensor): Omit<SampleShape, 'partnerBatchSize'> {
  const [batchSize, height, width, channels] = x.shape;
  return x.rank === 4 ? { batchSize, height, width, channels } : { batchSize };
}

/** Where a mixer came from and how it reads labels (set by `zoo.create`). */
export interface MixerOrigin {
  /** The plugin that registered the strategy (undefined: registered directly). */
  plugin?: string;
  /** Default label kind of batches without `labelKind`. */
  labelKind?: LabelKind;
}

export class StrategyMixer implements Mixer {
  readonly name: string;
  readonly modelNeeds: readonly ModelContextKind[];

  constructor(
    readonly strategy: Strategy,
    readonly options: Readonly<Record<string, unknown>>,
    private readonly rng: Rng,
    private readonly state: unknown,
    private readonly kernels: KernelOps,
    private readonly origin: MixerOrigin = {},
  ) {
    this.name = strategy.name;
    this.modelNeeds = this.resolveModelNeeds();
  }

  /** `needs.model`, or what the strategy's `modelNeeds(options, state)` returns (checked: it may be a plugin's). */
  private resolveModelNeeds(): readonly ModelContextKind[] {
    const modelNeeds = this.strategy.modelNeeds?.bind(this.strategy);
    if (!modelNeeds) return this.strategy.needs?.model ?? [];
    const kinds: unknown = this.guard(`create('${this.name}')`, 'modelNeeds', () => modelNeeds(this.options, this.state));
    if (!Array.isArray(kinds) || kinds.some((k) => !(MODEL_CONTEXT_KINDS as readonly unknown[]).includes(k))) {
      throw new MixzooError('E_PLUGIN', `create('${this.name}'): strategy '${this.name}'${this.fromPlugin()} modelNeeds() must return an array of ${MODEL_CONTEXT_KINDS.map((k) => `'${k}'`).join(', ')}, got ${describeValue(kinds)}.`);
    }
    return Object.freeze([...new Set(kinds as ModelContextKind[])]);
  }

  /** Runs the strategy's own code; its non-MixzooError failures become E_PLUGIN naming it and its plugin. */
  private guard<T>(where: string, stage: string, run: () => T): T {
    try {
      return run();
    } catch (error) {
      throw strategyFailure(where, this.name, this.origin.plugin, stage, error);
    }
  }

  sample(shape: SampleShape, data: SampleData = {}): MixPlan {
    const where = `${this.name}.sample`;
    if (!isObject(shape)) throw shapeError(where, `expected { batchSize, height?, width? }, got ${describeValue(shape)}.`);
    checkDim(where, 'batchSize', shape.batchSize, 0);
    // Typed as required, but plain-JS callers may leave it out.
    const given: Partial<SampleShape> = shape;
    if (given.batchSize === undefined) throw shapeError(where, `'batchSize' is required.`);
    checkDim(where, 'height', shape.height, 1);
    checkDim(where, 'width', shape.width, 1);
    checkDim(where, 'channels', shape.channels, 1);
    checkDim(where, 'partnerBatchSize', shape.partnerBatchSize, 1);
    if (this.strategy.needs?.spatial && (shape.height === undefined || shape.width === undefined)) {
      throw shapeError(where, `'${this.name}' mixes images: pass 'height' and 'width' (inputs are NHWC [B, H, W, C]).`);
    }
    if (this.strategy.needs?.inputs && !data.inputs) {
      throw shapeError(where, `'${this.name}' looks at the pixels to plan: use mix(), or pass the inputs to sample(shape, { inputs }).`);
    }
    if (data.model !== undefined && (!isObject(data.model) || Array.isArray(data.model))) {
      throw shapeError(where, `'model' must be an object of model context (saliency, cam, features, attention), got ${describeValue(data.model)}.`);
    }
    const missing = this.modelNeeds.filter((kind) => data.model?.[kind] === undefined);
    if (missing.length > 0) {
      throw shapeError(
        where,
        `'${this.name}' plans from the model: pass ${missing.map((k) => `'${k}'`).join(', ')} in the model context, sample(shape, { model: { ${missing.join(', ')} } }) or mix({ ..., model }).`,
      );
    }
    if (data.model !== undefined) checkModelContext(where, data.model, this.modelNeeds, shape.batchSize);
    if (data.partnerModel !== undefined) {
      if (!isObject(data.partnerModel) || Array.isArray(data.partnerModel)) throw shapeError(where, `'partnerModel' must be an object of model context, got ${describeValue(data.partnerModel)}.`);
      const given = this.modelNeeds.filter((kind) => data.partnerModel?.[kind] !== undefined);
      checkModelContext(where, data.partnerModel, given, shape.partnerBatchSize ?? shape.batchSize, 'partnerModel');
    }
    // A plugin's sample() may return anything, a plan without 'strategy' included.
    const plan: Omit<MixPlan, 'strategy'> & { strategy?: string } = this.guard(where, 'sample', () => this.strategy.sample({
      batchSize: shape.batchSize,
      partnerBatchSize: shape.partnerBatchSize ?? shape.batchSize,
      external: shape.partnerBatchSize,
      height: shape.height,
      width: shape.width,
      channels: shape.channels,
      options: this.options,
      rng: this.rng,
      state: this.state,
      inputs: data.inputs,
      partnerInputs: data.partnerInputs,
      model: data.model,
      partnerModel: data.partnerModel,
    }));
    if (!isObject(plan) || Array.isArray(plan)) {
      throw new MixzooError('E_PLUGIN', `${where}: strategy '${this.name}'${this.fromPlugin()} returned ${describeValue(plan)} from sample() instead of a plan object { strategy, partner, lambda, ... }.`);
    }
    const withShape: MixPlan = { ...plan, strategy: plan.strategy ?? this.name, version: PLAN_VERSION };
    if (shape.height !== undefined && withShape.height === undefined) withShape.height = shape.height;
    if (shape.width !== undefined && withShape.width === undefined) withShape.width = shape.width;
    return withShape;
  }

  private fromPlugin(): string {
    return this.origin.plugin === undefined ? '' : ` (plugin '${this.origin.plugin}')`;
  }

  mix(batch: MixBatch): MixResult {
    const where = `${this.name}.mix`;
    const inputs = checkTensor(where, 'inputs', isObject(batch) ? batch.inputs : undefined);
    // Checked here so the message is about the inputs the caller passed, not about sample's height/width.
    if (this.strategy.needs?.spatial && inputs.rank !== 4) {
      throw shapeError(where, `'${this.name}' mixes images: 'inputs' must be NHWC [B, H, W, C], got ${shapeText(inputs.shape)}.`);
    }
    const partnerInputs = batch.partner?.inputs;
    const shape = shapeOf(inputs);
    const partnerBatchSize = partnerInputs ? checkTensor(where, 'partner.inputs', partnerInputs).shape[0] : undefined;
    const plan = this.sample({ ...shape, partnerBatchSize }, { inputs, partnerInputs, model: batch.model, partnerModel: batch.partner?.model });
    return this.apply(batch, plan);
  }

  apply(batch: MixBatch, plan: MixPlan): MixResult {
    const where = this.name;
    if (!isObject(batch)) throw shapeError(where, `expected a batch { inputs, labels?, numClasses?, targets? }, got ${describeValue(batch)}.`);
    const inputs = checkTensor(where, 'inputs', batch.inputs);
    if (inputs.rank < 2) throw shapeError(where, `'inputs' must be [B, ...] with rank >= 2, got ${shapeText(inputs.shape)}.`);
    if (this.strategy.needs?.spatial && inputs.rank !== 4) {
      throw shapeError(where, `'inputs' must be NHWC images [B, H, W, C], got ${shapeText(inputs.shape)}.`);
    }
    const b = inputs.shape[0];
    if (batch.partner !== undefined && !isObject(batch.partner)) {
      throw shapeError(where, `'partner' must be a partner batch { inputs, labels?, targets? } (or left out), got ${describeValue(batch.partner)}.`);
    }
    const xb = batch.partner ? checkTensor(where, 'partner.inputs', batch.partner.inputs) : undefined;
    if (xb && xb.shape.slice(1).join() !== inputs.shape.slice(1).join()) {
      throw shapeError(where, `'partner.inputs' must have per-sample shape ${shapeText(inputs.shape.slice(1))} like 'inputs', got ${shapeText(xb.shape)}.`);
    }
    const height = inputs.rank === 4 ? inputs.shape[1] : undefined;
    const width = inputs.rank === 4 ? inputs.shape[2] : undefined;
    if (isObject(plan) && plan.height !== undefined && height !== undefined && (plan.height !== height || plan.width !== width)) {
      throw new MixzooError('E_PLAN', `${where}: plan was sampled for ${plan.height}×${String(plan.width)} images, inputs are ${height}×${String(width)}.`);
    }
    this.checkPlan(plan, { batchSize: b, partnerBatchSize: xb?.shape[0], height, width });
    if (xb && plan.partners) {
      // k-way rows mix several samples of one batch; which of them would be "own" is ambiguous across two batches.
      throw new MixzooError('E_PLAN', `${where}: k-way plans (partners/weights) cannot be applied with a partner batch.`);
    }
    const targets = this.checkTargets(batch, b);
    const smoothing = typeof this.options.labelSmoothing === 'number' ? this.options.labelSmoothing : 0;
    const labelKind = batch.labelKind ?? this.origin.labelKind;
    let labelRows: { own: Float64Array; other: Float64Array; k: number } | undefined;
    if (batch.labels !== undefined) {
      const own = readSoftLabels(where, batch.labels, b, batch.numClasses, smoothing, 'labels', labelKind);
      const other = xb && batch.partner
        ? batch.partner.labels === undefined
          ? undefined
          : readSoftLabels(where, batch.partner.labels, xb.shape[0], batch.numClasses ?? own.numClasses, smoothing, 'partner.labels', labelKind)
        : own;
      if (!other) throw new MixzooError('E_LABELS', `${where}: 'labels' were given but 'partner.labels' were not.`);
      if (other.numClasses !== own.numClasses) {
        throw new MixzooError('E_LABELS', `${where}: 'partner.labels' have ${other.numClasses} classes, 'labels' have ${own.numClasses}.`);
      }
      labelRows = { own: own.rows, other: other.rows, k: own.numClasses };
    } else if (batch.numClasses !== undefined) {
      throw new MixzooError('E_LABELS', `${where}: 'numClasses' was given without 'labels'.`);
    }

    const result = tf.tidy(() => {
      const asFloat = (t: tf.Tensor) => (t.dtype === 'int32' ? tf.cast(t, 'float32') : t);
      const mixed: Record<string, tf.Tensor> = { inputs: this.applyPixels(asFloat(inputs), plan, 'inputs', xb && asFloat(xb)) };
      for (const [name, target] of Object.entries(targets)) {
        const partnerTarget = batch.partner?.targets?.[name];
        const [, targetHeight = 0, targetWidth = 0] = target.shape;
        const scaled = target.rank === 4 ? scalePlanGeometry(plan, targetHeight, targetWidth) : plan;
        mixed[`target:${name}`] = this.applyPixels(target, scaled, name, partnerTarget);
      }
      if (labelRows) mixed.labels = mixLabelRows(labelRows.own, labelRows.other, labelRows.k, plan);
      return mixed;
    });
    const out: MixResult = { inputs: result.inputs, plan };
    if (labelRows) out.labels = result.labels;
    if (Object.keys(targets).length > 0) {
      out.targets = Object.fromEntries(Object.keys(targets).map((name) => [name, result[`target:${name}`]]));
    }
    return out;
  }

  /**
   * The generic plan checks, then the ones only this strategy knows: plans of another strategy
   * (unless declared in `accepts`), `labelWeights` only with `labelRule: 'weights'`, and the
   * strategy's own `checkPlan`.
   */
  private checkPlan(plan: MixPlan, bounds: PlanBounds): void {
    const where = this.name;
    migratePlan(plan);
    if (typeof plan.strategy === 'string' && plan.strategy !== this.name && !this.strategy.accepts?.includes(plan.strategy)) {
      throw new MixzooError('E_PLAN', `${where}: this plan was sampled by '${plan.strategy}'; apply it with a '${plan.strategy}' mixer (a '${this.name}' mixer applies '${this.name}' plans${this.strategy.accepts?.length ? ` and ${this.strategy.accepts.map((a) => `'${a}'`).join(', ')} plans` : ''}).`);
    }
    validatePlan(plan, bounds);
    if (plan.labelWeights !== undefined && this.strategy.labelRule !== 'weights') {
      throw new MixzooError('E_PLAN', `${where}: plan has 'labelWeights' but '${this.name}' labels by lambda (a strategy allows them with labelRule: 'weights').`);
    }
    if (this.strategy.checkPlan) {
      const check = this.strategy.checkPlan.bind(this.strategy);
      this.guard(where, 'checkPlan', () => check(plan, bounds));
    }
  }

  relabel(plan: MixPlan, model: ModelContext): MixPlan {
    const where = `${this.name}.relabel`;
    const relabel = this.strategy.relabel?.bind(this.strategy);
    if (!relabel) throw new MixzooError('E_USAGE', `${where}: '${this.name}' labels by its plan alone (it has no 'needs.mixedModel'); use the plan as it is.`);
    if (!isObject(model) || Array.isArray(model)) {
      throw shapeError(where, `'model' must be an object of model context of the mixed batch, got ${describeValue(model)}.`);
    }
    const missing = (this.strategy.needs?.mixedModel ?? []).filter((kind) => model[kind] === undefined);
    if (missing.length > 0) throw shapeError(where, `'${this.name}' labels from the mixed batch's ${missing.map((k) => `'${k}'`).join(', ')}: pass it in the model context.`);
    const bounds = { batchSize: isObject(plan) && Array.isArray(plan.partner) ? plan.partner.length : 0, height: plan.height, width: plan.width };
    this.checkPlan(plan, bounds);
    const out = this.guard(where, 'relabel', () => relabel(plan, model, { options: this.options, state: this.state }));
    const { labelWeights: before, ...rest } = plan;
    const { labelWeights: after, ...outRest } = isObject(out) ? out : ({} as Partial<MixPlan>);
    if (JSON.stringify(rest) !== JSON.stringify(outRest) || after === undefined) {
      throw new MixzooError('E_PLUGIN', `${where}: strategy '${this.name}'${this.fromPlugin()} relabel() must return the plan with new 'labelWeights' and nothing else changed (had labelWeights ${describeValue(before)}).`);
    }
    this.checkPlan(out, bounds);
    return out;
  }

  private checkTargets(batch: MixBatch, b: number): Record<string, tf.Tensor> {
    const targets = batch.targets ?? {};
    if (!isObject(targets)) throw shapeError(this.name, `'targets' must be an object of tensors, got ${describeValue(targets)}.`);
    for (const [name, target] of Object.entries(targets)) {
      checkTensor(this.name, `targets.${name}`, target);
      if (target.shape[0] !== b) {
        throw shapeError(this.name, `'targets.${name}' must have batch size ${b} (as the inputs), got ${shapeText(target.shape)}.`);
      }
      if (batch.partner) {
        const partnerTarget = batch.partner.targets?.[name];
        if (!partnerTarget) throw shapeError(this.name, `'targets.${name}' needs a matching 'partner.targets.${name}' for a partner batch.`);
        const partnerSize = batch.partner.inputs.shape[0];
        if (checkTensor(this.name, `partner.targets.${name}`, partnerTarget).shape[0] !== partnerSize) {
          throw shapeError(this.name, `'partner.targets.${name}' must have batch size ${partnerSize} (as 'partner.inputs'), got ${shapeText(partnerTarget.shape)}.`);
        }
      }
    }
    return targets;
  }

  /** Mixes one tensor with a plan (pixels only: no labels, no batch checks). */
  applyPixels(x: tf.Tensor, plan: MixPlan, tensorName = 'inputs', xb?: tf.Tensor): tf.Tensor {
    const applyDefault = (t: tf.Tensor, p: MixPlan, b?: tf.Tensor) => applyPlan(this.kernels, t, p, b, this.name);
    if (!this.strategy.apply) return applyDefault(x, plan, xb);
    const ctx: ApplyContext = { options: this.options, state: this.state, partnerInputs: xb, tensorName, kernels: this.kernels, applyDefault };
    const apply = this.strategy.apply.bind(this.strategy);
    const where = `${this.name}.apply`;
    const out = this.guard(where, 'apply', () => apply(x, plan, ctx));
    if (!isTensor(out) || out.isDisposed || out.shape.join() !== x.shape.join()) {
      const got = isTensor(out) ? (out.isDisposed ? 'a disposed tensor' : `shape ${shapeText(out.shape)}`) : describeValue(out);
      if (isTensor(out) && out !== x && !out.isDisposed) out.dispose();
      throw new MixzooError('E_PLUGIN', `${where}: strategy '${this.name}'${this.fromPlugin()} apply() must return a tensor of the input's shape ${shapeText(x.shape)} for '${tensorName}', got ${got}.`);
    }
    return out === x ? tf.clone(x) : out;
  }
}
