import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { isAbsolute, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describeValue, isStrategy, MixzooError, type Plugin, type Strategy, type Zoo } from '@mixzoo/core';

const EXPECTED = 'a strategy made with defineStrategy(...), a plugin { name, register(zoo) }, or an array of those';

function isPlugin(value: unknown): value is Plugin {
  return value !== null && typeof value === 'object' && typeof (value as Plugin).name === 'string' && typeof (value as Plugin).register === 'function';
}

/** A strategy, a plugin, or an array holding at least one of those (then meant as a list of them). */
function looksRegistrable(value: unknown): boolean {
  return isStrategy(value) || isPlugin(value) || (Array.isArray(value) && value.some(looksRegistrable));
}

/**
 * A zoo whose `register` also records what it registered (plugins may call `zoo.use`, which
 * registers through the same proxy).
 */
function recordingZoo(zoo: Zoo, registered: Set<unknown>): Zoo {
  return new Proxy(zoo, {
    get(target, key) {
      if (key !== 'register') return Reflect.get(target, key) as unknown;
      return (strategy: Strategy) => {
        registered.add(strategy);
        target.register(strategy);
        return target;
      };
    },
  });
}

/**
 * The one plugin a module namespace provides, named `name` (the module's path, so that errors of
 * its register() and strategies name the module). The default export and every named export may
 * be a strategy, a plugin, or an array of those. Named exports that are none of these (helpers,
 * constants) are ignored; a default export of another kind, an array mixing in other values, or a
 * module providing nothing is an error. Each value counts once, and a strategy that one of the
 * module's plugins registers is not registered again: a module may export a strategy and the
 * plugin that registers it.
 */
export function pluginsFromModule(spec: string, namespace: Record<string, unknown>, name: string = spec): Plugin[] {
  const seen = new Set<unknown>();
  const strategies: Strategy[] = [];
  const plugins: Plugin[] = [];
  const add = (value: unknown, where: string): void => {
    if (Array.isArray(value)) {
      value.forEach((item, i) => add(item, `${where}[${i}]`));
    } else if (isStrategy(value) || isPlugin(value)) {
      if (seen.has(value)) return;
      seen.add(value);
      if (isStrategy(value)) strategies.push(value);
      else plugins.push(value);
    } else {
      throw new MixzooError('E_PLUGIN', `--plugin '${spec}': ${where} must be ${EXPECTED}, got ${describeValue(value)}.`);
    }
  };
  for (const [key, value] of Object.entries(namespace)) {
    if (key === 'default') add(value, 'the default export');
    else if (looksRegistrable(value)) add(value, `export '${key}'`);
  }
  if (strategies.length === 0 && plugins.length === 0) {
    const names = Object.keys(namespace);
    throw new MixzooError(
      'E_PLUGIN',
      `--plugin '${spec}': the module exports no strategy or plugin (expected ${EXPECTED}; found ${names.length ? names.join(', ') : 'no exports'}).`,
    );
  }
  return [
    {
      name,
      register(zoo) {
        const registered = new Set<unknown>();
        const recording = recordingZoo(zoo, registered);
        for (const plugin of plugins) plugin.register(recording);
        for (const strategy of strategies) if (!registered.has(strategy)) zoo.register(strategy);
      },
    },
  ];
}

/**
 * Paths (./x.js, /abs/x.js, or any existing file such as plugins/x.js) resolve against `cwd`;
 * other specifiers are package names, resolved from `cwd`'s node_modules.
 */
function moduleUrl(spec: string, cwd: string): string {
  const path = resolve(cwd, spec);
  if (spec.startsWith('.') || isAbsolute(spec) || existsSync(path)) return pathToFileURL(path).href;
  try {
    return pathToFileURL(createRequire(join(cwd, 'noop.js')).resolve(spec)).href;
  } catch {
    return spec; // e.g. an ESM-only package without a 'require' condition: let import() resolve it
  }
}

function isNotFound(error: unknown): boolean {
  const code = (error as { code?: string } | null)?.code;
  return code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND' || code === 'ERR_UNSUPPORTED_DIR_IMPORT';
}

/** Imports each `--plugin` module and returns the plugins to use, in order. */
export async function loadPluginModules(specs: readonly string[], cwd: string = process.cwd()): Promise<Plugin[]> {
  const plugins: Plugin[] = [];
  for (const spec of specs) {
    const url = moduleUrl(spec, cwd);
    let namespace: Record<string, unknown>;
    try {
      namespace = (await import(url)) as Record<string, unknown>;
    } catch (error) {
      const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
      if (isNotFound(error)) throw new MixzooError('E_PLUGIN', `--plugin '${spec}': cannot find the module (${reason}).`);
      throw new Error(`--plugin '${spec}': the module failed to load: ${reason}`, { cause: error });
    }
    plugins.push(...pluginsFromModule(spec, namespace, url.startsWith('file:') ? fileURLToPath(url) : spec));
  }
  return plugins;
}
