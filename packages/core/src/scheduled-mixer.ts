import { describeValue, MixzooError } from './errors.js';
import type { Seed } from './rng.js';
import { parseSchedule, scheduleAt, SCHEDULED_OPTIONS, type MixSchedule, type ScheduledMixing } from './schedule.js';
import type { Mixer } from './strategy.js';
import type { Zoo } from './zoo.js';

/**
 * A strategy on a schedule, epoch by epoch: each epoch's mixer is created with the strategy's
 * options plus the scheduled values of that epoch, or there is none (no mixing) where the
 * schedule is off. What an epoch's mixer was made with is `at(epoch)`, so a record of it and the
 * plans the mixer samples cannot disagree.
 */
export interface ScheduledMixers {
  /** The checked schedule (a copy). */
  readonly schedule: MixSchedule;
  /** On/off and the scheduled option values of an epoch. */
  at(epoch: number): ScheduledMixing;
  /** The epoch's mixer, or undefined where the schedule is off. */
  mixerAt(epoch: number): Mixer | undefined;
}

/**
 * Checks `schedule` against the strategy (E_OPTION: a bad schedule, an option the strategy does
 * not have, an option both set and scheduled) and returns its per-epoch mixers. Each epoch's
 * mixer draws from its own seed, `${seed}/epoch${epoch}`, so an epoch's draws do not depend on
 * the epochs before it (a resumed or replayed epoch draws the same).
 */
export function scheduledMixers(
  zoo: Pick<Zoo, 'create'>, where: string, strategy: string, options: Readonly<Record<string, unknown>>, schedule: unknown, seed: Seed,
): ScheduledMixers {
  const fail = (message: string) => new MixzooError('E_OPTION', `${where}: ${message}`);
  const parsed = parseSchedule(`${where}: schedule of '${strategy}'`, schedule);
  const base = zoo.create(strategy, options);
  for (const name of SCHEDULED_OPTIONS) {
    if (parsed[name] === undefined) continue;
    if (!(name in base.options)) throw fail(`'${strategy}' has no option '${name}' to schedule (its options: ${Object.keys(base.options).join(', ')}).`);
    if (name in options) throw fail(`'${strategy}' option '${name}' is both set (${describeValue(options[name])}) and scheduled; give it in one place.`);
  }
  const at = (epoch: number) => scheduleAt(parsed, epoch);
  return {
    schedule: parsed,
    at,
    mixerAt(epoch) {
      const mixing = at(epoch);
      return mixing.on ? zoo.create(strategy, { ...options, ...mixing.options }, { seed: `${seed}/epoch${epoch}` }) : undefined;
    },
  };
}
