import 'reflect-metadata';
import { createAugmenter as createAugmenterOn, withPipeline, type AugmenterOptions, type Augmenter, type AugmentSpec, type MixZoo } from '@mixzoo/augment';
import { createCoreZoo, describeValue, didYouMean, MixzooError, selectBackend, type BackendRequest, type Plugin, type Seed } from '@mixzoo/core';
import { crossDatasetPlugin } from '@mixzoo/cross-dataset';
import { kernelOps } from '@mixzoo/kernels';
import { masksPlugin } from '@mixzoo/masks';
import { mixupPlugin } from '@mixzoo/mixup';

export * from '@mixzoo/core';
export * from '@mixzoo/augment';
export * from '@mixzoo/cross-dataset';
export * as kernels from '@mixzoo/kernels';
/** The comparison lab: datasets, models, training, studies and reports. */
export * as lab from '@mixzoo/lab';
/** The IDX reader lives in the lab (`lab.readIdx`...); also exported here, where it was before. */
export { loadIdxDataset, parseIdx, readIdx, type IdxArray, type IdxData, type IdxTensors as IdxDataset, type IdxTensorsOptions as IdxDatasetOptions, type IdxType } from '@mixzoo/lab';
export * from '@mixzoo/masks';
export * from '@mixzoo/mixup';
/** TensorFlow.js as @tensorflow/tfjs exports it (chained ops, layers, data) on the engine mixzoo uses: build your tensors with it. */
export * as tf from './tf.js';
/** Loads `--plugin` modules (paths or packages) as plugins: how study workers rebuild a zoo with the coordinator's plugins. */
export { loadPluginModules } from './plugin-loader.js';
/** The zod instance strategy options are declared with (use it so `defineStrategy` recognises your schema). */
export { z } from 'zod';

/** `createAugmenter` of @mixzoo/augment, applying with mixzoo's kernels unless `options.kernels` names other ops. */
export function createAugmenter(specs?: readonly AugmentSpec[], options: AugmenterOptions = {}): Augmenter {
  return createAugmenterOn(specs, { ...options, kernels: options.kernels ?? kernelOps });
}

/** Every built-in family, as plugins. */
export const builtinPlugins: readonly Plugin[] = [mixupPlugin, masksPlugin, crossDatasetPlugin];

export interface ZooOptions {
  /** One seed drives every plan (numbers, 0 included, or strings). Default 0. */
  seed?: Seed;
  /** 'auto' (default): tensorflow if @tensorflow/tfjs-node(-gpu) is installed, else wasm, else cpu. */
  backend?: BackendRequest;
  /** Extra plugins to use after the built-ins. */
  plugins?: readonly Plugin[];
}

const ZOO_OPTION_KEYS = ['seed', 'backend', 'plugins'] as const satisfies readonly (keyof ZooOptions)[];

/** E_OPTION for options that are not an object or have a key createZoo does not know (a typo would be silently ignored). */
function checkZooOptions(options: unknown): asserts options is ZooOptions {
  if (options === null || typeof options !== 'object' || Array.isArray(options)) {
    throw new MixzooError('E_OPTION', `createZoo: options must be an object { ${ZOO_OPTION_KEYS.join(', ')} } (all optional), got ${describeValue(options)}.`);
  }
  for (const key of Object.keys(options)) {
    if (!(ZOO_OPTION_KEYS as readonly string[]).includes(key)) {
      throw new MixzooError('E_OPTION', `createZoo: unknown option '${key}'.${didYouMean(key, ZOO_OPTION_KEYS)} Known: ${ZOO_OPTION_KEYS.join(', ')}.`);
    }
  }
}

/**
 * A zoo with every built-in strategy, on its own DI container, with the backend selected; it also
 * builds augment-then-mix pipelines: `zoo.pipeline({ augment: ['crop', 'flip'], mix: 'cutmix' })`.
 */
export async function createZoo(options: ZooOptions = {}): Promise<MixZoo> {
  checkZooOptions(options);
  const backend = await selectBackend(options.backend ?? 'auto');
  return withPipeline(
    createCoreZoo({
      seed: options.seed ?? 0,
      backend,
      kernels: kernelOps,
      plugins: [...builtinPlugins, ...(options.plugins ?? [])],
    }),
  );
}
