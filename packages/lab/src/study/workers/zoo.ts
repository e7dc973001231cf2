import { MixzooError, type BackendRequest, type Zoo } from '@mixzoo/core';

/** What a worker needs of the `mixzoo` package to rebuild a study's zoo (the lab does not depend on it). */
interface ZooModule {
  createZoo(options: { backend?: BackendRequest; plugins?: readonly unknown[] }): Promise<Zoo>;
  loadPluginModules(specs: readonly string[]): Promise<readonly unknown[]>;
}

/** The package a worker builds its zoo with: every built-in strategy, plus the study's plugin modules. */
export const ZOO_MODULE = 'mixzoo';

/**
 * The zoo of a worker: `mixzoo`'s createZoo on `backend`, with the plugin modules loaded (paths
 * resolve against the worker's working directory). Strategies registered by hand on the
 * coordinator's zoo are not there: workers know only built-ins and plugin modules.
 */
export async function openWorkerZoo(spec: { backend: string; plugins: readonly string[] }, module: string = ZOO_MODULE): Promise<Zoo> {
  let mixzoo: ZooModule;
  try {
    mixzoo = (await import(module)) as ZooModule;
  } catch (error) {
    throw new MixzooError('E_RUN', `study workers build their zoo with the '${module}' package, which does not load here (${(error as Error).message}); install mixzoo, or use workers: 1.`);
  }
  return mixzoo.createZoo({ backend: spec.backend as BackendRequest, plugins: await mixzoo.loadPluginModules(spec.plugins) });
}
