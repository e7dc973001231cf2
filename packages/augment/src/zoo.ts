import type { Zoo } from '@mixzoo/core';
import { createPipeline, type Pipeline, type PipelineOptions, type PipelineSpec } from './pipeline.js';

/** A zoo that also builds augment-then-mix pipelines (what `createZoo` of the `mixzoo` package returns). */
export type MixZoo = Zoo & {
  /** `zoo.pipeline({ augment: ['crop', 'flip'], mix: 'cutmix' })`; seeded by the zoo's seed unless `options.seed`. */
  pipeline(spec: PipelineSpec, options?: PipelineOptions): Pipeline;
};

/** Adds `pipeline(spec)` to a zoo (the same object, returned typed as MixZoo). */
export function withPipeline(zoo: Zoo): MixZoo {
  return Object.assign(zoo, { pipeline: (spec: PipelineSpec, options?: PipelineOptions) => createPipeline(zoo, spec, options) });
}
