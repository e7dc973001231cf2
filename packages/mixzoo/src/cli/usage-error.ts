import { MixzooError } from '@mixzoo/core';

/** A usage error found by the CLI itself (bad flag value, missing folder...): exit code 2. */
export function usageError(message: string): MixzooError {
  return new MixzooError('E_USAGE', message);
}
