import * as tf from '@tensorflow/tfjs-core';
import { kernelOps } from '@mixzoo/kernels';
import { createCoreZoo, type Plugin, type Seed, type Zoo } from '@mixzoo/core';
import { mixupPlugin } from '@mixzoo/mixup';

/** A core zoo with the real kernels and the mixup plugin, on an explicit backend. */
export async function testZoo(options: { seed?: Seed; backend?: string; plugins?: Plugin[] } = {}): Promise<Zoo> {
  const backend = options.backend ?? 'cpu';
  await tf.setBackend(backend);
  return createCoreZoo({ seed: options.seed ?? 0, backend, kernels: kernelOps, plugins: [mixupPlugin, ...(options.plugins ?? [])] });
}
