import { MixzooError } from '@mixzoo/core';

/** Throws E_OPTION when the [lo, hi] option `key` is reversed; `rule` spells out its whole constraint for the message. */
export function checkRangeOrder(strategy: string, key: string, range: readonly [number, number], rule: string): void {
  const [lo, hi] = range;
  if (lo > hi) throw new MixzooError('E_OPTION', `${strategy}: option '${key}' must be ${rule}, got [${lo}, ${hi}].`);
}
