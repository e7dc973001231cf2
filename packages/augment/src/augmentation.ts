import type { Tensor } from '@tensorflow/tfjs-core';
import { describeValue, isObject, type KernelOps, MixzooError, type Rng } from '@mixzoo/core';
import { z } from 'zod';

/** Shapes of the NHWC batch a plan is drawn for. */
export interface AugmentShape {
  batchSize: number;
  height: number;
  width: number;
  channels: number;
}

/** What `draw` sees: one sample's geometry, the options and the step's 'params' stream. */
export interface DrawContext<O> {
  height: number;
  width: number;
  channels: number;
  options: O;
  rng: Rng;
}

/** What `apply` sees besides the tensor and the per-sample params. */
export interface AugmentApplyContext<O> {
  options: O;
  /** 'inputs', or the name of the aligned target following the geometry. */
  tensorName: string;
  /** Height and width the params were drawn for: a target of another size rescales them. */
  height: number;
  width: number;
  /** The pixel ops of the zoo (or augmenter) this runs in: move and write pixels only through them. */
  kernels: KernelOps;
}

export interface AugmentationSpec<S extends z.ZodObject = z.ZodObject, P = Record<string, unknown>> {
  /** Lower-case letters, digits and dashes. */
  name: string;
  /** Doc page: docs/augmentations/<family>.md. */
  family: string;
  /** The implementation it follows, e.g. 'torchvision RandomCrop(padding=4)'. */
  reference: string;
  summary: string;
  /** zod object schema of the options, with defaults. A `prob` option is the per-sample probability (default 1). */
  options: S;
  /**
   * Geometric augmentations move pixels: aligned targets follow with the same params (int32
   * class maps are never interpolated). Photometric ones change values: targets pass untouched.
   */
  geometric: boolean;
  /** Schema of one sample's params, checked when a (deserialized) plan is applied. */
  params(options: z.output<S>, geometry: { height: number; width: number }): z.ZodType<P>;
  /** Cross-field option checks at creation: throw MixzooError('E_OPTION'). */
  setup?(options: z.output<S>): void;
  /** Checks the batch shape before drawing (e.g. quarter turns need square images): throw MixzooError('E_SHAPE'). */
  check?(shape: AugmentShape, options: z.output<S>): void;
  /** Draws one sample's params (called for every sample, applied or not, so draws stay aligned). */
  draw(ctx: DrawContext<z.output<S>>): P;
  /** Applies the params (null = leave the sample as it is) to an NHWC tensor; returns a new tensor. */
  apply(x: Tensor, params: readonly (P | null)[], ctx: AugmentApplyContext<z.output<S>>): Tensor;
}

/** An augmentation definition, as returned by `defineAugmentation`. */
export interface Augmentation<S extends z.ZodObject = z.ZodObject, P = Record<string, unknown>> extends AugmentationSpec<S, P> {
  readonly kind: 'mixzoo.augmentation';
}

const NAME = /^[a-z][a-z0-9-]*$/;

/** Declares an augmentation; built-ins and user-defined ones alike. */
export function defineAugmentation<S extends z.ZodObject, P>(spec: AugmentationSpec<S, P>): Augmentation<S, P> {
  const bad = (what: string, got: unknown) => new MixzooError('E_PLUGIN', `defineAugmentation: ${what}, got ${describeValue(got)}.`);
  if (!isObject(spec)) throw bad('expected an augmentation spec object', spec);
  if (typeof spec.name !== 'string' || !NAME.test(spec.name)) throw bad(`'name' must be lower-case letters, digits and dashes`, spec.name);
  for (const key of ['family', 'reference', 'summary'] as const) {
    if (typeof spec[key] !== 'string') throw bad(`'${key}' of '${spec.name}' must be a string`, spec[key]);
  }
  if (!(spec.options instanceof z.ZodObject)) throw bad(`'options' of '${spec.name}' must be a zod object schema`, spec.options);
  for (const key of ['params', 'draw', 'apply'] as const) {
    const value = (spec as Partial<Record<typeof key, unknown>>)[key];
    if (typeof value !== 'function') throw bad(`'${key}' of '${spec.name}' must be a function`, value);
  }
  return Object.freeze({ ...spec, options: spec.options.strict() as unknown as S, kind: 'mixzoo.augmentation' as const });
}

export function isAugmentation(value: unknown): value is Augmentation {
  return isObject(value) && (value as { kind?: unknown }).kind === 'mixzoo.augmentation';
}

/** The per-sample probability option every built-in has. */
export const augmentProb = (value = 1) =>
  z.number().min(0).max(1).default(value).describe('Probability of augmenting each sample (one coin per sample).');
