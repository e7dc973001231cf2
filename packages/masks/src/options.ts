import { MixzooError, type Mode, type Pairing, type PairingOptions, type SampleContext } from '@mixzoo/core';

/** Throws E_OPTION when the [lo, hi] option `key` is reversed; `rule` spells out its whole constraint for the message. */
export function checkRangeOrder(strategy: string, key: string, range: readonly [number, number], rule: string): void {
  const [lo, hi] = range;
  if (lo > hi) throw new MixzooError('E_OPTION', `${strategy}: option '${key}' must be ${rule}, got [${lo}, ${hi}].`);
}

/** The pairing of a strategy with λ ~ Beta(α, α): its mode, pairing and prob, except that α = 0 mixes nothing. */
export function alphaPairing(ctx: SampleContext<{ alpha: number; mode: Mode; pairing: Pairing; prob: number }>): PairingOptions {
  const { alpha, mode, pairing, prob } = ctx.options;
  return { mode, pairing, prob: alpha === 0 ? 0 : prob, external: ctx.external };
}
