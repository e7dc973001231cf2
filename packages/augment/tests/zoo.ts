import { masksPlugin } from '@mixzoo/masks';
import { withPipeline, type MixZoo } from '@mixzoo/augment';
import { testZoo } from '../../../test/helpers/zoo-fixture.js';

/** A zoo with the real kernels, mixup and the mask strategies, plus pipelines, on cpu. */
export async function pipelineZoo(seed = 1): Promise<MixZoo> {
  return withPipeline(await testZoo({ seed, plugins: [masksPlugin] }));
}
