import { CommanderError } from 'commander';
import { MixzooError, type MixzooErrorCode } from '@mixzoo/core';

/** Codes that mean "the command line asked for something wrong": exit 2, like commander's usage errors. */
const USAGE_CODES: ReadonlySet<MixzooErrorCode> = new Set([
  'E_USAGE',
  'E_OPTION',
  'E_UNKNOWN_STRATEGY',
  'E_PLUGIN',
  'E_DUPLICATE',
  'E_DATASET',
  'E_BACKEND',
]);

export const EXIT_OK = 0;
export const EXIT_RUNTIME = 1;
export const EXIT_USAGE = 2;

/** A usage error found by the CLI itself (bad flag value, missing file...). */
export function usageError(message: string): MixzooError {
  return new MixzooError('E_USAGE', message);
}

/** Exit code of a failure: 2 for bad usage / options / names, 1 for anything that failed at run time. */
export function exitCodeOf(error: unknown): number {
  if (error instanceof CommanderError) return error.exitCode === 0 ? EXIT_OK : EXIT_USAGE;
  if (error instanceof MixzooError) return USAGE_CODES.has(error.code) ? EXIT_USAGE : EXIT_RUNTIME;
  return EXIT_RUNTIME;
}

/** The one line printed for a failure (no stack; set MIXZOO_DEBUG=1 for it). */
export function errorLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return `error: ${message.replace(/\s*\n\s*/g, ' ').trim()}`;
}
