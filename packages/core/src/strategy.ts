import type { Tensor } from '@tensorflow/tfjs-core';
import { z } from 'zod';
import { describeValue, MixzooError } from './errors.js';
import type { KernelOps } from './kernel-ops.js';
import type { MixPlan } from './plan.js';
import type { Rng } from './rng.js';

/** What `sample` sees: shapes, options and a seeded rng — never pixels (unless `needs.inputs`). */
export interface SampleContext<O = Record<string, unknown>> {
  batchSize: number;
  /** Batch size of the partner batch (cross-dataset); equals batchSize otherwise. */
  partnerBatchSize: number;
  /**
   * Set (to partnerBatchSize) when partners come from another batch (cross-dataset): pass it to
   * `samplePairing(..., { external: ctx.external })`.
   */
  external?: number;
  height?: number;
  width?: number;
  channels?: number;
  options: O;
  /** The mixer's rng; draw from named streams (`rng.stream('lambda')`) so draws stay independent. */
  rng: Rng;
  /** Whatever `setup` returned. */
  state: unknown;
  /** Only for strategies declaring `needs.inputs` (e.g. saliency): the batch being mixed. */
  inputs?: Tensor;
  partnerInputs?: Tensor;
}

/** What a custom `apply` sees besides the tensor and the plan. */
export interface ApplyContext<O = Record<string, unknown>> {
  options: O;
  state: unknown;
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

export interface StrategySpec<S extends z.ZodObject = z.ZodObject> {
  /** Registry name: lower-case letters, digits and dashes. */
  name: string;
  family: string;
  /** Citation of the method, e.g. 'Zhang et al., mixup: Beyond Empirical Risk Minimization, ICLR 2018'. */
  paper: string;
  summary: string;
  /** zod object schema of the options, with defaults. Unknown keys are rejected. */
  options: S;
  /** `spatial`: needs NHWC images [B,H,W,C]; `inputs`: `sample` needs the pixels (data-dependent). */
  needs?: { spatial?: boolean; inputs?: boolean };
  setup?(options: z.output<S>, env: SetupEnv): unknown;
  sample(ctx: SampleContext<z.output<S>>): MixPlan;
  /** Pixels for one tensor; defaults to the shared kernel driven by the plan. */
  apply?(x: Tensor, plan: MixPlan, ctx: ApplyContext<z.output<S>>): Tensor;
  /**
   * Wraps the generic mixer that `zoo.create` built, for strategies whose batches have another
   * shape (cross-dataset mixing takes `{ a, b }`). The result must still be a Mixer.
   */
  wrapMixer?(mixer: Mixer, options: z.output<S>, state: unknown): Mixer;
}

/** A strategy definition, as returned by `defineStrategy`. */
export interface Strategy<S extends z.ZodObject = z.ZodObject> extends StrategySpec<S> {
  readonly kind: 'mixzoo.strategy';
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
  partner?: { inputs: Tensor; labels?: Tensor; targets?: Record<string, Tensor> };
}

export interface MixResult {
  inputs: Tensor;
  /** float32 [B, K]; present when labels were given. */
  labels?: Tensor;
  targets?: Record<string, Tensor>;
  plan: MixPlan;
}

/** A configured strategy: sample plans, apply them, or both. */
export interface Mixer {
  readonly name: string;
  readonly options: Readonly<Record<string, unknown>>;
  readonly strategy: Strategy;
  sample(shape: SampleShape, data?: { inputs?: Tensor; partnerInputs?: Tensor }): MixPlan;
  apply(batch: MixBatch, plan: MixPlan): MixResult;
  mix(batch: MixBatch): MixResult;
  /**
   * Mixes one tensor with a plan: pixels only, no labels and no batch validation (for composite
   * strategies and advanced use). `xb` is where partners are read from (defaults to `x`).
   */
  applyPixels(x: Tensor, plan: MixPlan, tensorName?: string, xb?: Tensor): Tensor;
}

const NAME = /^[a-z][a-z0-9-]*$/;

/** Declares a strategy; the same function serves built-ins and user plugins. */
export function defineStrategy<S extends z.ZodObject>(spec: StrategySpec<S>): Strategy<S> {
  const bad = (what: string, got: unknown) =>
    new MixzooError('E_PLUGIN', `defineStrategy: ${what}, got ${describeValue(got)}.`);
  if (spec === null || typeof spec !== 'object') throw bad('expected a strategy spec object', spec);
  if (typeof spec.name !== 'string' || !NAME.test(spec.name)) {
    throw bad(`'name' must be lower-case letters, digits and dashes (e.g. 'my-mixup')`, spec.name);
  }
  for (const key of ['family', 'paper', 'summary'] as const) {
    if (typeof spec[key] !== 'string') throw bad(`'${key}' of '${spec.name}' must be a string`, spec[key]);
  }
  if (!(spec.options instanceof z.ZodObject)) throw bad(`'options' of '${spec.name}' must be a zod object schema (z.object / z.strictObject)`, spec.options);
  if (typeof spec.sample !== 'function') throw bad(`'sample' of '${spec.name}' must be a function`, spec.sample);
  if (spec.apply !== undefined && typeof spec.apply !== 'function') throw bad(`'apply' of '${spec.name}' must be a function`, spec.apply);
  // Unknown option keys are always an error, whether the author used z.object or z.strictObject.
  return Object.freeze({ ...spec, options: spec.options.strict() as unknown as S, kind: 'mixzoo.strategy' as const });
}

export function isStrategy(value: unknown): value is Strategy {
  return value !== null && typeof value === 'object' && (value as Strategy).kind === 'mixzoo.strategy';
}
