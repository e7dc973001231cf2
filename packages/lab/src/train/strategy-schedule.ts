import {
  describeValue, MixzooError, parseSchedule, scheduleAt, SCHEDULED_OPTIONS,
  type Mixer, type MixSchedule, type ScheduledMixing, type Zoo,
} from '@mixzoo/core';
import { isHiddenLayerMixer } from '@mixzoo/mixup';

/**
 * A strategy trained on a schedule (see docs/schedules.md): every epoch gets its own mixer,
 * created with the strategy's options plus the scheduled values of that epoch, or no mixer
 * (unmixed training, as the strategy 'none') where the schedule is off. What the epoch's mixer
 * was made with is what the run records (`EpochRecord.mixing`), so the record, the mixer and the
 * plans it samples cannot disagree.
 */
export interface StrategySchedule {
  /** The checked schedule (a copy), as run records store it. */
  readonly schedule: MixSchedule;
  /** On/off and the scheduled option values of an epoch. */
  at(epoch: number): ScheduledMixing;
  /** The epoch's mixer, or undefined where the schedule is off. */
  mixerAt(epoch: number): Mixer | undefined;
}

const NO_MIXING = 'none';

/**
 * Checks `schedule` for a strategy (E_OPTION naming what is wrong) and returns its per-epoch
 * mixers; undefined when there is no schedule. Each epoch's mixer draws from its own seed,
 * derived from the run seed and the epoch, so an epoch's draws do not depend on earlier epochs
 * (a resumed run draws what the uninterrupted one drew).
 */
export function strategySchedule(
  zoo: Zoo, strategy: string, options: Record<string, unknown>, schedule: unknown, seed: number, where = 'trainRun',
): StrategySchedule | undefined {
  if (schedule === undefined) return undefined;
  const fail = (message: string) => new MixzooError('E_OPTION', `${where}: ${message}`);
  if (strategy === NO_MIXING) throw fail(`'${NO_MIXING}' does not mix, so it has nothing to schedule; got schedule ${describeValue(schedule)}.`);
  const parsed = parseSchedule(`${where}: schedule of '${strategy}'`, schedule);
  const base = zoo.create(strategy, options);
  if (isHiddenLayerMixer(base)) throw fail(`'${strategy}' mixes inside the model, which schedules do not support yet; schedule an input-mixing strategy.`);
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

/** Checks that every epoch of a run creates its mixer (the strategy accepts each scheduled value), before any training. */
export function checkScheduleEpochs(scheduled: StrategySchedule, epochs: number): void {
  for (let epoch = 0; epoch < epochs; epoch++) scheduled.mixerAt(epoch);
}
