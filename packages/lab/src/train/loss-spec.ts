import { describeValue, isObject, MixzooError } from '@mixzoo/core';

/**
 * The loss a study row trains with (see docs/losses.md):
 * - `ce`: soft-target cross-entropy on the mixed labels (the default).
 * - `bce`: timm's BinaryCrossEntropy on the mixed labels; `threshold` = timm's --bce-target-thresh,
 *   `sum` = --bce-sum.
 * - `interpolated`: `Σ_k w_k·L(z, y_k)` over the plan's label sources (λ·L(y_a) + (1 − λ)·L(y_b)),
 *   of cross-entropy (`base: 'ce'`, equal to `ce`) or of BCE (`base: 'bce'`, with `threshold`).
 * - `regmixup`: `½·(CE_clean + eta·CE_mixed)`, clean and mixed in one forward on their
 *   concatenation (`concatForward`, default true; false: two forwards, batch norm sees each alone).
 * - `decoupled`: decoupled mixup, CE plus `eta`-weighted decoupled terms.
 */
export type LossSpec =
  | 'ce'
  | 'bce'
  | 'interpolated'
  | 'regmixup'
  | 'decoupled'
  | { name: 'ce' }
  | { name: 'bce'; threshold?: number; sum?: boolean }
  | { name: 'interpolated'; base?: 'ce' | 'bce'; threshold?: number }
  | { name: 'regmixup'; eta?: number; concatForward?: boolean }
  | { name: 'decoupled'; eta?: number };

/** A row's loss with its defaults filled: what a run records. */
export type RowLoss =
  | { name: 'ce' }
  | { name: 'bce'; threshold?: number; sum: boolean }
  | { name: 'interpolated'; base: 'ce' | 'bce'; threshold?: number }
  | { name: 'regmixup'; eta: number; concatForward: boolean }
  | { name: 'decoupled'; eta: number };

export const LOSS_NAMES = ['ce', 'bce', 'interpolated', 'regmixup', 'decoupled'] as const;

const OPTIONS: Record<RowLoss['name'], readonly string[]> = {
  ce: [],
  bce: ['threshold', 'sum'],
  interpolated: ['base', 'threshold'],
  regmixup: ['eta', 'concatForward'],
  decoupled: ['eta'],
};

/** The loss with its defaults filled (regmixup eta 1, decoupled eta 0.1); E_OPTION naming `where` for anything else. */
export function resolveLoss(spec: unknown, where: string): RowLoss {
  const bad = (what: string, got: unknown) => new MixzooError('E_OPTION', `${where}: ${what}, got ${describeValue(got)}.`);
  const given = (typeof spec === 'string' ? { name: spec } : spec) as Record<string, unknown> | null | undefined;
  if (!isObject(given) || !(LOSS_NAMES as readonly unknown[]).includes(given.name)) throw bad(`'loss' must be one of ${LOSS_NAMES.join(', ')} or { name, ...options }`, spec);
  const name = given.name as RowLoss['name'];
  const extra = Object.keys(given).find((k) => k !== 'name' && !OPTIONS[name].includes(k));
  if (extra !== undefined) throw bad(`loss '${name}' takes ${OPTIONS[name].length ? OPTIONS[name].join(', ') : 'no options'}, not '${extra}'`, spec);
  const { threshold, sum = false, base = 'ce', eta = name === 'decoupled' ? 0.1 : 1, concatForward = true } = given;
  if (threshold !== undefined && !(typeof threshold === 'number' && threshold >= 0 && threshold < 1)) throw bad(`loss option 'threshold' must be a number in [0, 1)`, threshold);
  if (typeof sum !== 'boolean') throw bad(`loss option 'sum' must be true or false`, sum);
  if (typeof concatForward !== 'boolean') throw bad(`loss option 'concatForward' must be true or false`, concatForward);
  if (base !== 'ce' && base !== 'bce') throw bad(`loss option 'base' must be 'ce' or 'bce'`, base);
  if (typeof eta !== 'number' || !(eta >= 0 && Number.isFinite(eta))) throw bad(`loss option 'eta' must be a finite number >= 0`, eta);
  if (name === 'interpolated' && base === 'ce' && threshold !== undefined) throw bad(`loss option 'threshold' goes with base 'bce'`, spec);
  const withThreshold = threshold === undefined ? {} : { threshold };
  switch (name) {
    case 'ce':
      return { name };
    case 'bce':
      return { name, ...withThreshold, sum };
    case 'interpolated':
      return { name, base, ...withThreshold };
    case 'regmixup':
      return { name, eta, concatForward };
    default:
      return { name, eta };
  }
}

/** 'ce', or 'decoupled(eta=0.1)': a loss as the report and labels show it. */
export function lossText(loss: RowLoss): string {
  const options = Object.entries(loss).filter(([k]) => k !== 'name');
  return options.length === 0 ? loss.name : `${loss.name}(${options.map(([k, v]) => `${k}=${String(v)}`).join(',')})`;
}
