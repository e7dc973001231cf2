import { InvalidArgumentError } from 'commander';
import type { BackendRequest, Seed, Zoo } from '@mixzoo/core';

/** Options every command sees (set on the program, before or after the command name). */
export interface GlobalOptions {
  backend: BackendRequest;
  seed: Seed;
  /** --plugin modules, in order (absent when none). */
  plugin?: string[];
}

/** `--seed`: a number when it reads as one (0 included), else the string itself. */
export function parseSeed(text: string): Seed {
  const trimmed = text.trim();
  if (trimmed === '') throw new InvalidArgumentError('expected a number or a non-empty string.');
  const number = Number(trimmed);
  return Number.isFinite(number) ? number : text;
}

/** `--plugin` is repeatable: collects every value in order. */
export function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

/**
 * The zoo of a command: every built-in plus the `--plugin` modules, with the chosen backend and
 * seed. Imported lazily: tfjs and its backends take most of a command's start-up time.
 */
export async function openZoo(globals: GlobalOptions): Promise<Zoo> {
  const [{ createZoo }, { loadPluginModules }] = await Promise.all([import('../index.js'), import('../plugin-loader.js')]);
  const plugins = await loadPluginModules(globals.plugin ?? []);
  return createZoo({ seed: globals.seed, backend: globals.backend, plugins });
}
