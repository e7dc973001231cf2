import * as tf from '@tensorflow/tfjs-core';
import { checkTensor, createRng, describeValue, isObject, type KernelOps, MixzooError, type Rng, type Seed, shapeText } from '@mixzoo/core';
import type { AugmentShape } from './augmentation.js';
import { AUGMENT_PLAN_VERSION, validateAugmentPlan, type AugmentPlan } from './plan.js';
import { resolveStep, type AugmentSpec, type AugmentStep } from './specs.js';

/** NHWC images and the dense targets aligned with them. Labels are never touched by augmentations. */
export interface AugmentBatch {
  inputs: tf.Tensor;
  targets?: Record<string, tf.Tensor>;
}

export interface AugmentResult {
  inputs: tf.Tensor;
  targets?: Record<string, tf.Tensor>;
  /** One plan per step, in order. */
  plans: AugmentPlan[];
}

/** A seeded list of per-sample augmentations: plans are drawn, then applied (and replayable). */
export interface Augmenter {
  readonly steps: readonly AugmentStep[];
  /** Draws one plan per step for a batch of this shape (no tensors involved). */
  sample(shape: AugmentShape): AugmentPlan[];
  /** Applies plans (from `sample`, or deserialized) to inputs and aligned targets. Pure; outputs are new tensors. */
  apply(batch: AugmentBatch, plans: readonly AugmentPlan[]): AugmentResult;
  /** sample + apply. */
  augment(batch: AugmentBatch): AugmentResult;
}

function shapeError(message: string): MixzooError {
  return new MixzooError('E_SHAPE', `augment: ${message}`);
}

/** The NHWC shape of a batch's inputs, after checking them and the targets. */
function batchShape(batch: AugmentBatch): AugmentShape {
  if (!isObject(batch)) throw shapeError(`expected a batch { inputs, targets? }, got ${describeValue(batch)}.`);
  const inputs = checkTensor('augment', 'inputs', batch.inputs);
  if (inputs.rank !== 4) throw shapeError(`'inputs' must be NHWC images [B, H, W, C], got ${shapeText(inputs.shape)}.`);
  const [batchSize, height, width, channels] = inputs.shape;
  const targets = batch.targets ?? {};
  if (!isObject(targets)) throw shapeError(`'targets' must be an object of tensors, got ${describeValue(targets)}.`);
  for (const [name, target] of Object.entries(targets)) {
    checkTensor('augment', `targets.${name}`, target);
    if (target.shape[0] !== batchSize) {
      throw shapeError(`'targets.${name}' must have batch size ${batchSize} (as the inputs), got ${shapeText(target.shape)}.`);
    }
  }
  return { batchSize, height, width, channels };
}

function checkShape(shape: AugmentShape): void {
  if (!isObject(shape)) throw shapeError(`expected { batchSize, height, width, channels }, got ${describeValue(shape)}.`);
  for (const [key, min] of [['batchSize', 0], ['height', 1], ['width', 1], ['channels', 1]] as const) {
    const v = shape[key];
    if (!Number.isInteger(v) || v < min) throw shapeError(`'${key}' must be an integer >= ${min}, got ${describeValue(v)}.`);
  }
}

class StepAugmenter implements Augmenter {
  private readonly streams: Rng[];

  constructor(
    readonly steps: readonly AugmentStep[],
    seed: Seed,
    private readonly kernels: KernelOps | undefined,
  ) {
    const root = createRng(seed).stream('augment');
    // One stream per step (position and name), so adding a step never shifts another's draws.
    this.streams = steps.map((step, j) => root.stream(`${j}:${step.name}`));
  }

  sample(shape: AugmentShape): AugmentPlan[] {
    checkShape(shape);
    return this.steps.map((step, j) => {
      const { augmentation, options } = step;
      augmentation.check?.(shape, options);
      const prob = typeof options.prob === 'number' ? options.prob : 1;
      const coins = this.streams[j].stream('prob');
      const rng = this.streams[j].stream('params');
      const params = Array.from({ length: shape.batchSize }, () => {
        const drawn = augmentation.draw({ height: shape.height, width: shape.width, channels: shape.channels, options, rng });
        return prob >= 1 || coins.uniform() < prob ? drawn : null;
      });
      return { augmentation: step.name, version: AUGMENT_PLAN_VERSION, height: shape.height, width: shape.width, params };
    });
  }

  apply(batch: AugmentBatch, plans: readonly AugmentPlan[]): AugmentResult {
    const kernels = this.kernels;
    if (!kernels) {
      throw new MixzooError('E_OPTION',
        "augment: no pixel ops to apply plans with: pass createAugmenter(specs, { kernels }) the zoo's ops (zoo.kernels), or use createAugmenter of 'mixzoo' (its kernels by default) or zoo.pipeline(...).");
    }
    const shape = batchShape(batch);
    if (!Array.isArray(plans) || plans.length !== this.steps.length) {
      throw new MixzooError('E_PLAN', `augment: 'plans' must be an array of ${this.steps.length} plans (one per step: ${this.steps.map((s) => s.name).join(', ') || 'none'}), got ${describeValue(plans)}.`);
    }
    const checked = this.steps.map((step, j) => {
      const { augmentation, options } = step;
      const schema = augmentation.params(options, { height: shape.height, width: shape.width });
      return validateAugmentPlan(plans[j], step.name, shape, schema);
    });
    const targets = batch.targets ?? {};
    const out = tf.tidy(() => {
      let current: Record<string, tf.Tensor> = { inputs: batch.inputs, ...Object.fromEntries(Object.entries(targets).map(([k, t]) => [`target:${k}`, t])) };
      this.steps.forEach((step, j) => {
        const { augmentation, options } = step;
        const plan = checked[j];
        const next: Record<string, tf.Tensor> = {};
        for (const [key, x] of Object.entries(current)) {
          const tensorName = key === 'inputs' ? 'inputs' : key.slice('target:'.length);
          if (key !== 'inputs' && !augmentation.geometric) {
            next[key] = x;
            continue;
          }
          if (x.rank !== 4) {
            throw shapeError(`'targets.${tensorName}' must be NHWC [B, H, W, C] to follow the geometry of '${step.name}', got ${shapeText(x.shape)}.`);
          }
          next[key] = augmentation.apply(x, plan.params, { options, tensorName, height: plan.height, width: plan.width, kernels });
        }
        current = next;
      });
      // Outputs are always new tensors owned by the caller, even when no step touched them.
      return Object.fromEntries(Object.entries(current).map(([k, t]) => [k, t === batch.inputs || Object.values(targets).includes(t) ? tf.clone(t) : t]));
    });
    const result: AugmentResult = { inputs: out.inputs, plans: checked };
    if (batch.targets !== undefined) {
      result.targets = Object.fromEntries(Object.keys(targets).map((k) => [k, out[`target:${k}`]]));
    }
    return result;
  }

  augment(batch: AugmentBatch): AugmentResult {
    return this.apply(batch, this.sample(batchShape(batch)));
  }
}

export interface AugmenterOptions {
  /** Seed of the draws (numbers, 0 included, or strings). Default 0. */
  seed?: Seed;
  /**
   * The pixel ops augmentations apply plans with (`ctx.kernels`), e.g. a zoo's `zoo.kernels`.
   * Needed by `apply` and `augment`, not by `sample`; `createAugmenter` of the `mixzoo` package
   * defaults it to mixzoo's kernels.
   */
  kernels?: KernelOps;
}

/**
 * A seeded augmenter for a list of steps, e.g. `createAugmenter(['crop', 'flip'], { seed: 1 })`.
 * Options are validated now (E_OPTION), not at the first batch.
 */
export function createAugmenter(specs: readonly AugmentSpec[] = [], options: AugmenterOptions = {}): Augmenter {
  const given: unknown = specs; // plain-JS callers may pass anything
  if (!Array.isArray(given)) throw new MixzooError('E_OPTION', `augment: expected an array of augmentations, got ${describeValue(specs)}.`);
  const seed = options.seed ?? 0;
  createRng(seed); // validates the seed
  const { kernels } = options;
  if (kernels !== undefined && !isObject(kernels)) {
    throw new MixzooError('E_OPTION', `augment: option 'kernels' must be the pixel ops object (KernelOps, e.g. zoo.kernels), got ${describeValue(kernels)}.`);
  }
  return new StepAugmenter(specs.map((spec, i) => resolveStep(spec, i)), seed, kernels);
}
