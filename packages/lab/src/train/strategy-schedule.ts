import { describeValue, MixzooError, scheduledMixers, type ScheduledMixers, type Zoo } from '@mixzoo/core';
import { isHiddenLayerMixer } from '@mixzoo/mixup';

const NO_MIXING = 'none';

/**
 * The per-epoch mixers of a strategy trained on a schedule (see docs/schedules.md), or undefined
 * without a schedule. Off epochs train unmixed, as the strategy 'none'. E_OPTION for a schedule of
 * 'none', of a strategy that mixes inside the model (its MixLayers are built once, with the
 * model), and for what scheduledMixers refuses.
 */
export function strategySchedule(
  zoo: Zoo, strategy: string, options: Record<string, unknown>, schedule: unknown, seed: number, where = 'trainRun',
): ScheduledMixers | undefined {
  if (schedule === undefined) return undefined;
  const fail = (message: string) => new MixzooError('E_OPTION', `${where}: ${message}`);
  if (strategy === NO_MIXING) throw fail(`'${NO_MIXING}' does not mix, so it has nothing to schedule; got schedule ${describeValue(schedule)}.`);
  const scheduled = scheduledMixers(zoo, where, strategy, options, schedule, seed);
  if (isHiddenLayerMixer(zoo.create(strategy, options))) throw fail(`'${strategy}' mixes inside the model, which schedules do not support yet; schedule an input-mixing strategy.`);
  return scheduled;
}

/** Checks that every epoch of a run creates its mixer (the strategy accepts each scheduled value), before any training. */
export function checkScheduleEpochs(scheduled: ScheduledMixers, epochs: number): void {
  for (let epoch = 0; epoch < epochs; epoch++) scheduled.mixerAt(epoch);
}
