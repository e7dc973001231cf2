import type { Tensor } from '@tensorflow/tfjs-core';
import { checkTensor, describeValue, isObject, type MixBatch, MixzooError } from '@mixzoo/core';
import type { PipelinePlan, PipelineResult } from './pipeline.js';

/** A batched tfjs-data element as `model.fitDataset` reads it (a type alias, so tf.tidy can return it). */
export type TfDataElement = {
  xs: Tensor;
  ys: Tensor;
};

export interface MapFnOptions {
  /** Needed when `ys` are int32 class indices [B]; one-hot / soft [B, K] rows carry it. */
  numClasses?: number;
  /** Called with every batch's plan (log it as JSON to replay any batch later). */
  onPlan?: (plan: PipelinePlan) => void;
}

/**
 * The tf.data adapter: `(element) => element` for `dataset.map(...)` over batched `{ xs, ys }`.
 * tf.data runs it inside `tf.tidy` and disposes the incoming tensors itself; this function only
 * returns the new `xs` (augmented, mixed images) and `ys` (float32 [B, K] soft labels). Synchronous.
 */
export function mapFnOf(pipeline: { apply(batch: MixBatch): PipelineResult }, options: MapFnOptions): (element: TfDataElement) => TfDataElement {
  const { numClasses, onPlan } = (options as MapFnOptions | undefined) ?? {}; // plain-JS callers may leave it out
  if (onPlan !== undefined && typeof onPlan !== 'function') {
    throw new MixzooError('E_OPTION', `pipeline.mapFn: option 'onPlan' must be a function, got ${describeValue(onPlan)}.`);
  }
  return (element) => {
    if (!isObject(element)) {
      throw new MixzooError('E_SHAPE', `pipeline.mapFn: expected a batched element { xs, ys } (dataset.batch(n) before map), got ${describeValue(element)}.`);
    }
    checkTensor('pipeline.mapFn', 'xs', element.xs);
    checkTensor('pipeline.mapFn', 'ys', element.ys, ['int32', 'float32'], 'E_LABELS');
    const out = pipeline.apply({ inputs: element.xs, labels: element.ys, numClasses });
    onPlan?.(out.plan);
    if (out.labels === undefined) throw new MixzooError('E_LABELS', `pipeline.mapFn: the pipeline returned no labels for the given 'ys'.`);
    return { xs: out.inputs, ys: out.labels };
  };
}
