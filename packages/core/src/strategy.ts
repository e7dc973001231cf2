import type { Tensor } from '@tensorflow/tfjs-core';
import { z } from 'zod';
import { describeValue, isObject, MixzooError } from './errors.js';
import type { KernelOps } from './kernel-ops.js';
import type { LabelKind } from './labels.js';
import type { MixPlan, PlanBounds } from './plan.js';
import type { Rng } from './rng.js';

/**
 * Model context a model-aware strategy can ask for (computed by the caller from its model):
 * 'saliency' |∂loss/∂input| per pixel, 'cam' the class activation map of each sample's label,
 * 'activation' the class-agnostic activation map (channel mean of the last spatial feature map),
 * 'features' one feature vector per sample, 'attention' a transformer's attention over patches.
 */
export const MODEL_CONTEXT_KINDS = ['saliency', 'cam', 'activation', 'features', 'attention'] as const;
export type ModelContextKind = (typeof MODEL_CONTEXT_KINDS)[number];

/** Per-sample maps on an H×W grid (row-major), e.g. saliency or class-activation maps. */
export interface ModelMaps {
  height: number;
  width: number;
  /** One row of height·width values per sample. */
  data: number[][];
}

/**
 * What a model-aware strategy receives in `ctx.model`: plain data computed by the caller from its
 * model (plans stay JSON and `apply` stays model-free).
 */
export interface ModelContext {
  /** s(h, w) = sqrt(mean_c g(h, w, c)²) of the input gradient g of the mean cross-entropy, on the image grid. */
  saliency?: ModelMaps;
  /** Class activation map of each sample's own label on the last feature map's grid (raw: any sign and scale). */
  cam?: ModelMaps;
  /** Channel mean of the last spatial feature map (class-agnostic), on its grid. */
  activation?: ModelMaps;
  /** One feature vector per sample. */
  features?: number[][];
  /** Attention maps (e.g. a ViT's class-token attention over patches). */
  attention?: ModelMaps;
}

/** What a strategy needs from its caller. */
export interface StrategyNeeds {
  /** NHWC images [B,H,W,C]: then `ctx.height` and `ctx.width` are always numbers. */
  spatial?: boolean;
  /** `sample` looks at the pixels (data-dependent strategies, e.g. saliency). */
  inputs?: boolean;
  /** Model context `sample` needs in `ctx.model` (the caller computes it from its model). */
  model?: readonly ModelContextKind[];
  /**
   * Model context of the MIXED batch that `relabel` needs (e.g. a ViT's attention on the mixed
   * images, TransMix): the caller applies the plan, runs its model on the result, and calls
   * `mixer.relabel(plan, context)` for the plan's final label weights.
   */
  mixedModel?: readonly ModelContextKind[];
}

/** The height/width part of a sample context: numbers for spatial strategies. */
export type SampleGeometry<N> = N extends { spatial: true } ? { height: number; width: number } : { height?: number; width?: number };

/**
 * The model part of a sample context: a strategy declaring `needs: { model: ['cam'] }` gets
 * `ctx.model.cam` typed as always there (the mixer refuses calls without it).
 */
export type SampleModel<N> = N extends { model: readonly (infer K extends ModelContextKind)[] }
  ? { model: ModelContext & { [P in K]-?: NonNullable<ModelContext[P]> } }
  : { model?: ModelContext };

/**
 * What `sample` sees: shapes, options and a seeded rng — never pixels (unless `needs.inputs`).
 * `S` is what `setup` returned; `N` the strategy's `needs`.
 */
export type SampleContext<O = Record<string, unknown>, S = unknown, N = StrategyNeeds> = SampleGeometry<N> & SampleModel<N> & {
  batchSize: number;
  /** Batch size of the partner batch (cross-dataset); equals batchSize otherwise. */
  partnerBatchSize: number;
  /** Set (to partnerBatchSize) when partners come from another batch (cross-dataset); `drawPairing(ctx)` handles it. */
  external?: number;
  channels?: number;
  options: O;
  /** The mixer's rng; draw from named streams (`rng.stream('lambda')`) so draws stay independent. */
  rng: Rng;
  /** Whatever `setup` returned. */
  state: S;
  /** Only for strategies declaring `needs.inputs` (e.g. saliency): the batch being mixed. */
  inputs?: Tensor;
  partnerInputs?: Tensor;
  /** With a partner batch (cross-dataset): the partner batch's model context, when the caller passed one. */
  partnerModel?: ModelContext;
};

/** What a custom `apply` sees besides the tensor and the plan. */
export interface ApplyContext<O = Record<string, unknown>, S = unknown> {
  options: O;
  state: S;
  /** The partner batch (cross-dataset) or undefined (partners index the same batch). */
  partnerInputs?: Tensor;
  /** 'inputs', or the name of the aligned target being mixed with the same plan. */
  tensorName: string;
  kernels: KernelOps;
  /** The shared default: drives the kernel from the plan's lambda / boxes / masks. */
  applyDefault(x: Tensor, plan: MixPlan, xb?: Tensor): Tensor;
}

/** Passed to `setup` at creation time, e.g. for composite strategies that build sub-mixers. */
export interface SetupEnv {
  create(name: string, options?: unknown): Mixer;
  rng: Rng;
}

/**
 * A strategy's definition. `S` is the zod schema of its options, `State` what `setup` returns
 * (typed as `ctx.state`), `Extra` the type of `plan.extra`, `N` its `needs` (all inferred).
 */
export interface StrategySpec<S extends z.ZodObject = z.ZodObject, State = unknown, Extra = Record<string, unknown>, N extends StrategyNeeds = StrategyNeeds> {
  /** Registry name: lower-case letters, digits and dashes. */
  name: string;
  family: string;
  /** Citation of the method, e.g. 'Zhang et al., mixup: Beyond Empirical Risk Minimization, ICLR 2018'. */
  paper?: string;
  summary: string;
  /** zod object schema of the options, with defaults. Unknown keys are rejected. Default: no options. */
  options?: S;
  /** `spatial`: needs NHWC images [B,H,W,C]; `inputs`: `sample` needs the pixels; `model`: the model context it needs. */
  needs?: N;
  /**
   * How labels are mixed: 'lambda' (default) by the geometry, `y' = λ y + (1 − λ) y_partner`;
   * 'weights' allows plans to carry `labelWeights` (own and partner label weights per sample).
   */
  labelRule?: 'lambda' | 'weights';
  /** Names of other strategies whose plans this one applies (composites: `choice`, wrappers). */
  accepts?: readonly string[];
  setup?(options: z.output<S>, env: SetupEnv): State;
  /**
   * The model context a configured mixer needs when it depends on the options or on sub-mixers
   * (e.g. a saliency source option, a composite's sub-strategies); default: `needs.model`.
   */
  modelNeeds?(options: z.output<S>, state: State): readonly ModelContextKind[];
  sample(ctx: SampleContext<z.output<S>, State, N>): MixPlan<Extra>;
  /** Pixels for one tensor; defaults to the shared kernel driven by the plan. */
  apply?(x: Tensor, plan: MixPlan<Extra>, ctx: ApplyContext<z.output<S>, State>): Tensor;
  /**
   * Strategy-specific plan checks, after the generic ones (e.g. k-way weights against the tiles
   * in `extra`): throw `MixzooError('E_PLAN')` naming the field.
   */
  checkPlan?(plan: MixPlan<Extra>, bounds: PlanBounds): void;
  /**
   * Label weights from the model's view of the mixed batch (`needs.mixedModel`): returns the plan
   * with new `labelWeights` and nothing else changed (the pixels stay as applied). Needs
   * `labelRule: 'weights'`.
   */
  relabel?(plan: MixPlan<Extra>, model: ModelContext, ctx: { options: z.output<S>; state: State }): MixPlan<Extra>;
  /**
   * Wraps the generic mixer that `zoo.create` built, for strategies whose batches have another
   * shape (cross-dataset mixing takes `{ a, b }`). The result must still be a Mixer.
   */
  wrapMixer?(mixer: Mixer, options: z.output<S>, state: State): Mixer;
}

/** A strategy definition, as returned by `defineStrategy` (paper and options filled in). */
export interface Strategy<S extends z.ZodObject = z.ZodObject, State = unknown, Extra = Record<string, unknown>, N extends StrategyNeeds = StrategyNeeds>
  extends StrategySpec<S, State, Extra, N> {
  readonly kind: 'mixzoo.strategy';
  paper: string;
  options: S;
}

/** Shapes a plan is sampled for. */
export interface SampleShape {
  batchSize: number;
  height?: number;
  width?: number;
  channels?: number;
  /** Size of an external partner batch (cross-dataset); implies partners index into that batch. */
  partnerBatchSize?: number;
}

export interface MixBatch {
  /** [B, ...] float32 or int32 (int32 is blended in float32). Images are NHWC. */
  inputs: Tensor;
  /** int32 class indices [B] (with numClasses) or float32 one-hot/soft rows [B, K]. */
  labels?: Tensor;
  numClasses?: number;
  /** Dense targets aligned with the inputs, mixed with the same plan. */
  targets?: Record<string, Tensor>;
  /** Partner batch (cross-dataset): the plan's partner indexes into it. */
  partner?: { inputs: Tensor; labels?: Tensor; targets?: Record<string, Tensor>; model?: ModelContext };
  /** Model context for model-aware strategies (`needs.model`), passed on to `sample` by `mix`. */
  model?: ModelContext;
  /** 'multi-label': float label rows are independent targets in [0, 1] (any sum); default: each row is a distribution. */
  labelKind?: LabelKind;
}

export interface MixResult {
  inputs: Tensor;
  /** float32 [B, K]; present when labels were given. */
  labels?: Tensor;
  targets?: Record<string, Tensor>;
  plan: MixPlan;
}

/** Data a data- or model-aware strategy plans from (see `needs`). */
export interface SampleData {
  inputs?: Tensor;
  partnerInputs?: Tensor;
  model?: ModelContext;
  /** The partner batch's model context (cross-dataset), for strategies that read the partners' maps. */
  partnerModel?: ModelContext;
}

/** A configured strategy: sample plans, apply them, or both. */
export interface Mixer {
  readonly name: string;
  readonly options: Readonly<Record<string, unknown>>;
  readonly strategy: Strategy;
  /**
   * The model context kinds this configured mixer needs in `mix({ model })` / `sample(shape, { model })`
   * (its strategy's `needs.model`, or what `modelNeeds(options)` says); read it with `modelNeedsOf(mixer)`.
   */
  readonly modelNeeds?: readonly ModelContextKind[];
  sample(shape: SampleShape, data?: SampleData): MixPlan;
  apply(batch: MixBatch, plan: MixPlan): MixResult;
  mix(batch: MixBatch): MixResult;
  /**
   * Mixes one tensor with a plan: pixels only, no labels and no batch validation (for composite
   * strategies and advanced use). `xb` is where partners are read from (defaults to `x`).
   */
  applyPixels(x: Tensor, plan: MixPlan, tensorName?: string, xb?: Tensor): Tensor;
  /**
   * For strategies with `needs.mixedModel` (e.g. TransMix): the plan with its final label weights
   * from the model context of the mixed batch; apply it again for the labels (the pixels are equal).
   */
  relabel?(plan: MixPlan, model: ModelContext): MixPlan;
}

const NAME = /^[a-z][a-z0-9-]*$/;

/**
 * Declares a strategy; the same function serves built-ins and user plugins. Types are inferred:
 * `ctx.state` is what `setup` returns, `plan.extra` what `sample` puts there, and
 * `needs: { spatial: true }` makes `ctx.height`/`ctx.width` numbers.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- `{}` is meant: the empty options shape and "no needs", the defaults of a spec that declares neither.
export function defineStrategy<S extends z.ZodObject = z.ZodObject<{}>, State = undefined, Extra = Record<string, unknown>, const N extends StrategyNeeds = {}>(
  spec: StrategySpec<S, State, Extra, N>,
): Strategy<S, State, Extra, N> {
  const bad = (what: string, got: unknown) =>
    new MixzooError('E_PLUGIN', `defineStrategy: ${what}, got ${describeValue(got)}.`);
  if (!isObject(spec)) throw bad('expected a strategy spec object', spec);
  // The spec may come from plain JavaScript: its fields are checked as the unknowns they may be.
  const given: object = spec;
  const fields = given as Readonly<Record<string, unknown>>;
  if (typeof spec.name !== 'string' || !NAME.test(spec.name)) {
    throw bad(`'name' must be lower-case letters, digits and dashes (e.g. 'my-mixup')`, spec.name);
  }
  const name = spec.name;
  for (const key of ['family', 'summary'] as const) {
    if (typeof fields[key] !== 'string') throw bad(`'${key}' of '${name}' must be a string`, fields[key]);
  }
  if (spec.paper !== undefined && typeof spec.paper !== 'string') throw bad(`'paper' of '${name}' must be a string when given`, spec.paper);
  const options = spec.options ?? z.object({});
  if (!(options instanceof z.ZodObject)) throw bad(`'options' of '${name}' must be a zod object schema (z.object / z.strictObject)`, options);
  for (const key of ['sample'] as const) if (typeof fields[key] !== 'function') throw bad(`'${key}' of '${name}' must be a function`, fields[key]);
  for (const key of ['apply', 'setup', 'modelNeeds', 'checkPlan', 'wrapMixer', 'relabel'] as const) {
    if (fields[key] !== undefined && typeof fields[key] !== 'function') throw bad(`'${key}' of '${name}' must be a function`, fields[key]);
  }
  for (const key of ['model', 'mixedModel'] as const) {
    const kinds = spec.needs?.[key];
    if (kinds !== undefined && (!Array.isArray(kinds) || kinds.some((k) => !(MODEL_CONTEXT_KINDS as readonly unknown[]).includes(k)))) {
      throw bad(`'needs.${key}' of '${name}' must be an array of ${MODEL_CONTEXT_KINDS.map((k) => `'${k}'`).join(', ')}`, kinds);
    }
  }
  const relabels = (spec.needs?.mixedModel?.length ?? 0) > 0;
  if (relabels !== (spec.relabel !== undefined)) {
    throw bad(`'${name}' needs both 'needs.mixedModel' and 'relabel' (the labels from the mixed batch's model context), or neither`, relabels ? 'needs.mixedModel without relabel' : 'relabel without needs.mixedModel');
  }
  if (relabels && fields.labelRule !== 'weights') throw bad(`'labelRule' of '${name}' must be 'weights' to relabel plans`, fields.labelRule);
  if (fields.labelRule !== undefined && fields.labelRule !== 'lambda' && fields.labelRule !== 'weights') {
    throw bad(`'labelRule' of '${name}' must be 'lambda' or 'weights'`, fields.labelRule);
  }
  if (spec.accepts !== undefined && (!Array.isArray(spec.accepts) || spec.accepts.some((a) => typeof a !== 'string'))) {
    throw bad(`'accepts' of '${name}' must be an array of strategy names`, spec.accepts);
  }
  // Unknown option keys are always an error, whether the author used z.object or z.strictObject.
  return Object.freeze({ ...spec, paper: spec.paper ?? '—', options: options.strict() as unknown as S, kind: 'mixzoo.strategy' as const });
}

export function isStrategy(value: unknown): value is Strategy {
  return isObject(value) && 'kind' in value && value.kind === 'mixzoo.strategy';
}

/** The model context kinds a mixer needs (empty for strategies that plan without the model). */
export function modelNeedsOf(mixer: Mixer): readonly ModelContextKind[] {
  return mixer.modelNeeds ?? mixer.strategy.needs?.model ?? [];
}
