import { CommanderError } from 'commander';
import type { MixzooErrorCode } from '@mixzoo/core';

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

/**
 * Recognised by name and code rather than instanceof: a plugin may bring its own copy of mixzoo,
 * and this module stays free of @mixzoo/core so that usage errors print before tfjs loads.
 */
function mixzooCode(error: unknown): MixzooErrorCode | undefined {
  if (!(error instanceof Error) || error.name !== 'MixzooError') return undefined;
  const { code } = error as Error & { code?: unknown };
  return typeof code === 'string' ? (code as MixzooErrorCode) : undefined;
}

/** Exit code of a failure: 2 for bad usage / options / names, 1 for anything that failed at run time. */
export function exitCodeOf(error: unknown): number {
  if (error instanceof CommanderError) return error.exitCode === 0 ? EXIT_OK : EXIT_USAGE;
  const code = mixzooCode(error);
  return code && USAGE_CODES.has(code) ? EXIT_USAGE : EXIT_RUNTIME;
}

/** The one line printed for a failure (no stack; set MIXZOO_DEBUG=1 for it). */
export function errorLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return `error: ${message.replace(/\s*\n\s*/g, ' ').trim()}`;
}
